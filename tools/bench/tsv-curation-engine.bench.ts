// CPU of the TSV curation engine alone: the report-to-parquet bench's orders document, gunzipped
// into memory first, then curated on this one thread by TsvColumnarEngine (what the retriever's
// worker thread runs) in the same 1 MiB batches, several passes in one process. The first pass
// pays V8's JIT warm-up, as a fresh worker does for every document; later passes show the engine
// warm. No download, no raw copy, no thread hand-off: the part of report-to-parquet's time that
// only a faster engine can cut.
// Usage (through tools/bench/run.mjs): --rows <default 1000000> --passes <default 3>
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TsvColumnarEngine,
  type TsvCurationOutput,
  type TsvCurationSetup,
  datasetColumns,
  lineageValues,
} from '@spapi-lake/ingestion';
import { columnarParquetEncoding } from '@spapi-lake/lake-adapters';
import { decompressReportDocument } from '@spapi-lake/report-documents';
import {
  dateConventionsOf,
  reportTypeDefinition,
  tsvHeaderFields,
  tsvLayout,
} from '@spapi-lake/reports';
import { DAYS, START_MS, generateDocument } from './orders-flat-file';

const REPORT_TYPE = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const MARKETPLACE_ID = 'A1PA6795UKMFR9';
const BATCH_BYTES = 1 << 20;
const ROW_GROUP_SIZE = 25_000;

interface Loaded {
  header: string[];
  batches: Uint8Array[];
  text: TsvCurationSetup['text'];
}

// The plain bytes after the header line, cut as curateTsvDocument cuts them.
async function load(path: string): Promise<Loaded> {
  const { chunks, text } = decompressReportDocument(createReadStream(path), {
    compression: 'GZIP',
    charset: 'windows-1252',
  });
  const pieces: Buffer[] = [];
  for await (const chunk of chunks) pieces.push(chunk as Buffer);
  const plain = Buffer.concat(pieces);
  const headerEnd = plain.indexOf(10);
  const header = tsvHeaderFields(plain.subarray(0, headerEnd).toString('latin1'));
  const batches: Uint8Array[] = [];
  for (let at = headerEnd + 1; at < plain.length; at += BATCH_BYTES) {
    batches.push(plain.subarray(at, Math.min(at + BATCH_BYTES, plain.length)));
  }
  return { header, batches, text };
}

function setupFor(loaded: Loaded): TsvCurationSetup {
  const definition = reportTypeDefinition(REPORT_TYPE);
  const [dataset] = definition.datasets;
  if (!dataset) throw new Error(`${REPORT_TYPE} has no dataset`);
  const layout = tsvLayout(dataset, loaded.header);
  const windowStart = new Date(START_MS).toISOString();
  return {
    dataset: layout.dataset,
    text: loaded.text,
    header: loaded.header,
    columns: datasetColumns(layout.dataset, layout.observation.driftColumns, false),
    lineage: lineageValues(
      {
        reportId: '50000000001',
        reportType: REPORT_TYPE,
        processingStatus: 'DONE',
        createdTime: '2026-11-01T00:00:00Z',
        dataEndTime: new Date(START_MS + DAYS * 86_400_000 - 1000).toISOString(),
      },
      windowStart,
    ),
    windowStart,
    dateConventions: dateConventionsOf(MARKETPLACE_ID),
    firstLine: 2,
    rowGroupSize: ROW_GROUP_SIZE,
    maxBufferedRows: ROW_GROUP_SIZE,
  };
}

function curateOnce(loaded: Loaded, setup: TsvCurationSetup) {
  const engine = new TsvColumnarEngine(setup, columnarParquetEncoding());
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let parquetBytes = 0;
  let rows = 0;
  let quarantined = 0;
  const count = (output: TsvCurationOutput) => {
    quarantined += output.quarantined.length;
    for (const part of output.parts) {
      parquetBytes += part.bytes.length;
      rows += part.finalRows ?? 0;
    }
  };
  for (const batch of loaded.batches) count(engine.curate(batch));
  count(engine.finish());
  const cpu = process.cpuUsage(cpuStarted);
  return {
    seconds: (performance.now() - started) / 1000,
    // Includes V8's background compiler and GC threads.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows,
    quarantined,
    parquetBytes,
  };
}

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

async function main(args: string[]): Promise<void> {
  const rows = Number(optionValue(args, '--rows') ?? 1_000_000);
  const passes = Number(optionValue(args, '--passes') ?? 3);
  if (!Number.isSafeInteger(rows) || rows < 1 || !Number.isSafeInteger(passes) || passes < 1) {
    throw new Error('--rows and --passes take positive integers');
  }
  const directory = mkdtempSync(join(tmpdir(), 'tsv-curation-engine-bench-'));
  try {
    const document = await generateDocument(directory, rows);
    const loaded = await load(document.path);
    const setup = setupFor(loaded);
    console.log(
      `${rows.toLocaleString('en')} rows: ${(document.decompressedBytes / 1e6).toFixed(1)} MB ` +
        `Cp1252 TSV in memory, ${loaded.batches.length} batches of 1 MiB, one thread`,
    );
    console.log(
      `${'pass'.padEnd(16)}${'wall'.padStart(9)}${'rows/s'.padStart(11)}${'CPU'.padStart(9)}` +
        `${'Parquet'.padStart(10)}`,
    );
    for (let pass = 1; pass <= passes; pass++) {
      const result = curateOnce(loaded, setup);
      if (result.rows !== rows || result.quarantined !== 0) {
        throw new Error(`curated ${result.rows} rows, quarantined ${result.quarantined}`);
      }
      const label = pass === 1 ? '1 (cold JIT)' : `${pass} (warm)`;
      console.log(
        `${label.padEnd(16)}${`${result.seconds.toFixed(2)} s`.padStart(9)}` +
          `${Math.round(result.rows / result.seconds)
            .toLocaleString('en')
            .padStart(11)}` +
          `${`${result.cpuSeconds.toFixed(2)} s`.padStart(9)}` +
          `${`${(result.parquetBytes / 1e6).toFixed(1)} MB`.padStart(10)}`,
      );
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
