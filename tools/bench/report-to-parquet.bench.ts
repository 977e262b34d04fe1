// Throughput and memory of report retrieval: an orders flat file (gzip, Cp1252, 30 days sorted by
// purchase date, as Amazon sends them) served over loopback HTTP and run through ingestion's
// retrieveReport (openReportDocument -> gunzip -> the columnar TSV path: bytes to the curation
// worker thread, Parquet row groups back -> LocalDiskObjectStore, plus the raw copy) against a tiny
// fake ReportsPort, next to a plain gunzip-and-split baseline measured in the same run. Each
// scenario runs in its own child process, so its peak RSS is its own.
// Each process handles the document --passes times (default 2), as a retriever container handles
// one report after another: the first pass pays the cold start (V8's JIT warm-up and, for the
// retrieval, starting the curation thread), later ones run warm. Both are printed; the throughput
// target is judged on the warm passes, of both scenarios alike. Peak RSS covers every pass.
// Both scenarios run with V8's old space capped (--heap-mib, default 256; 0 = V8's default): the live
// set stays near 150 MiB, but uncapped V8 lets garbage grow the heap far past it before collecting.
// Lambda's Node.js runtime gives the retriever (2,048 MB) --max-old-space-size=1844 and
// --max-semi-space-size=102 instead; with those flags the 1 M-row runs took as long and peaked as
// high as with this cap (2026-11-29), so the tighter cap stays.
// On a busy host, --repeat N runs both scenarios N times, alternated, and keeps each one's fastest.
// Usage (through tools/bench/run.mjs): --rows 1000000,5000000 --row-group-size 25000 --heap-mib 256
//   --repeat 1 --passes 2
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type ReportRecord, type ReportsPort, retrieveReport } from '@spapi-lake/ingestion';
import { LocalDiskObjectStore, workerTsvCurator } from '@spapi-lake/lake-adapters';
import { hyparquetSinkFactory, reportDocumentPort } from '@spapi-lake/report-retriever-handlers';
import {
  DAYS,
  type GeneratedDocument,
  START_MS,
  generateDocument,
  serveDocument,
  servedReports,
} from './orders-flat-file';

const Scenario = { Baseline: 'baseline', Retrieval: 'retrieval' } as const;
type Scenario = (typeof Scenario)[keyof typeof Scenario];

const scenarioLabels: Record<Scenario, string> = {
  baseline: 'baseline: http.get + gunzip + split lines',
  retrieval: 'retrieveReport -> raw copy + Parquet (columnar, worker)',
};

/** One pass of a scenario over the document. */
interface PassResult {
  seconds: number;
  /** CPU time of the scenario's process (user + system): steadier than wall time on a busy host. */
  cpuSeconds: number;
  rows: number;
  outputBytes: number;
  files: number;
}

/** A scenario's process: its passes in order, and its peak RSS over all of them. */
interface ProcessResult {
  scenario: Scenario;
  passes: PassResult[];
  peakRssMiB: number;
}

/** What a table row shows: a pass (cold or warm) with the peak RSS of its scenario's processes. */
interface ScenarioResult extends PassResult {
  scenario: Scenario;
  peakRssMiB: number;
}

async function countBaseline(url: string): Promise<number> {
  const response = await new Promise<Readable>((resolve, reject) =>
    get(url, resolve).on('error', reject),
  );
  let rows = 0;
  let pending = '';
  for await (const chunk of response.pipe(createGunzip({ chunkSize: 64 * 1024 }))) {
    const text: string = pending + (chunk as Buffer).toString('latin1');
    let start = 0;
    let end = text.indexOf('\n');
    while (end !== -1) {
      text.slice(start, end);
      rows += 1;
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    pending = text.slice(start);
  }
  // The header is not a row.
  return (pending === '' ? rows : rows + 1) - 1;
}

function benchReports(url: string): ReportsPort {
  const report: ReportRecord = {
    reportId: '50000000001',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    processingStatus: 'DONE',
    marketplaceIds: ['A1PA6795UKMFR9'],
    dataStartTime: new Date(START_MS).toISOString(),
    dataEndTime: new Date(START_MS + DAYS * 86_400_000 - 1000).toISOString(),
    createdTime: '2026-11-01T00:00:00Z',
    processingEndTime: '2026-11-01T00:01:00Z',
    reportDocumentId: 'amzn1.spdoc.1.4.eu.bench',
  };
  return servedReports(report, url);
}

// The retriever's worker entry point, bundled as the app build (@nx/esbuild) bundles it.
const WORKER_ENTRY = 'apps/report-retriever/src/tsv-curation-worker.ts';
const workerBundle = (): string => join(__dirname, 'tsv-curation-worker.cjs');

// esbuild's binary, as tools/bench/run.mjs runs it (its JS API cannot run from inside a bundle).
function buildWorker(): void {
  const build = spawnSync(
    join(process.cwd(), 'node_modules/.bin/esbuild'),
    [
      WORKER_ENTRY,
      '--bundle',
      '--platform=node',
      '--format=cjs',
      '--target=node20',
      '--main-fields=module,main',
      '--log-level=warning',
      `--outfile=${workerBundle()}`,
    ],
    { stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('the curation worker did not build');
}

/**
 * The retrieval scenario's process: one curation thread factory for all passes, as the retriever
 * keeps one per container; each pass writes into a fresh directory, listed and removed after its
 * clock has stopped.
 */
function retrievalRunner(url: string, rowGroupSize: number) {
  const openCurator = workerTsvCurator({ workerPath: workerBundle() });
  const directories: string[] = [];
  const retrieve = async (): Promise<{ rows: number; directory: string }> => {
    const directory = mkdtempSync(join(tmpdir(), 'report-to-parquet-lake-'));
    directories.push(directory);
    const manifest = await retrieveReport(
      {
        reports: benchReports(url),
        documents: reportDocumentPort(),
        store: new LocalDiskObjectStore(directory),
        openParquetSink: hyparquetSinkFactory({ rowGroupSize }),
        maxBufferedRows: rowGroupSize,
        tsvCuration: { open: openCurator, rowGroupSize },
        clock: { now: () => Date.UTC(2026, 10, 1, 1) },
      },
      { sellingPartnerId: 'A1BENCHSELLER', reportId: '50000000001' },
    );
    if (manifest.quarantinedRows !== 0) {
      throw new Error(`${manifest.quarantinedRows} rows were quarantined`);
    }
    return { rows: manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0), directory };
  };
  const measureOutput = async (directory: string) => {
    const files = (await readdir(directory, { recursive: true })).filter((file) =>
      file.endsWith('.parquet'),
    );
    let outputBytes = 0;
    for (const file of files) outputBytes += (await stat(join(directory, file))).size;
    rmSync(directory, { recursive: true, force: true });
    return { outputBytes, files: files.length };
  };
  const close = async () => {
    await openCurator.dispose();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  };
  return { retrieve, measureOutput, close };
}

async function runScenario(
  scenario: Scenario,
  url: string,
  rowGroupSize: number,
  passes: number,
): Promise<ProcessResult> {
  let peakRss = process.memoryUsage.rss();
  const results: PassResult[] = [];
  let sampler: NodeJS.Timeout | undefined;
  let retrieval: ReturnType<typeof retrievalRunner> | undefined;
  try {
    sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    if (scenario === Scenario.Retrieval) retrieval = retrievalRunner(url, rowGroupSize);
    for (let pass = 0; pass < passes; pass++) {
      const started = process.hrtime.bigint();
      const cpuStarted = process.cpuUsage();
      const { rows, directory } = retrieval
        ? await retrieval.retrieve()
        : { rows: await countBaseline(url), directory: undefined };
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(cpuStarted);
      const output =
        retrieval && directory
          ? await retrieval.measureOutput(directory)
          : { outputBytes: 0, files: 0 };
      results.push({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rows, ...output });
    }
  } finally {
    clearInterval(sampler);
    await retrieval?.close();
  }
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return { scenario, passes: results, peakRssMiB: peakRss / 1024 / 1024 };
}

function runInChild(
  scenario: Scenario,
  url: string,
  options: { rowGroupSize: number; heapMiB: number; passes: number },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const heap = options.heapMiB > 0 ? [`--max-old-space-size=${options.heapMiB}`] : [];
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        ...heap,
        __filename,
        '--worker',
        scenario,
        url,
        String(options.rowGroupSize),
        String(options.passes),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(output) as ProcessResult)
        : reject(new Error(`${scenario} worker exited with ${code}`)),
    );
  });
}

const Phase = { Cold: 'cold', Warm: 'warm' } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

const phaseLabels: Record<Phase, string> = {
  cold: 'first pass of a new process (cold JIT; the retrieval also starts its curation thread)',
  warm: 'warm: later passes in the same process (the throughput target is judged here)',
};

/**
 * A scenario's fastest pass of the phase, with the highest peak memory of all its processes; a
 * pass that counted the wrong rows wins instead, so that it is printed and fails the bench.
 */
function bestOf(
  runs: readonly ProcessResult[],
  scenario: Scenario,
  phase: Phase,
  expectedRows: number,
): ScenarioResult {
  const mine = runs.filter((run) => run.scenario === scenario);
  const passes = mine.flatMap((run) =>
    phase === Phase.Cold ? run.passes.slice(0, 1) : run.passes.slice(1),
  );
  const chosen =
    passes.find((pass) => pass.rows !== expectedRows) ??
    passes.reduce((best, pass) => (pass.seconds < best.seconds ? pass : best));
  return { ...chosen, scenario, peakRssMiB: Math.max(...mine.map((run) => run.peakRssMiB)) };
}

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

function printDocument(document: GeneratedDocument): void {
  console.log(
    `${document.rows.toLocaleString('en')} rows: ${(document.decompressedBytes / 1e6).toFixed(1)} MB ` +
      `Cp1252 TSV, ${(document.gzipBytes / 1e6).toFixed(1)} MB gzip, ${DAYS} daily partitions`,
  );
  console.log(
    `${'scenario'.padEnd(58)}${'wall'.padStart(9)}${'rows/s'.padStart(10)}${'vs base'.padStart(9)}` +
      `${'CPU'.padStart(9)}${'rows/CPU-s'.padStart(12)}${'vs base'.padStart(9)}` +
      `${'RSS peak'.padStart(10)}${'Parquet'.padStart(10)}`,
  );
}

/** Prints one phase's rows; whether they meet the targets (throughput only when `judged`). */
function printPhase(
  document: GeneratedDocument,
  phase: Phase,
  results: ScenarioResult[],
  judged: boolean,
): boolean {
  const baseline = results.find((result) => result.scenario === Scenario.Baseline);
  const baselineRate = baseline ? baseline.rows / baseline.seconds : Number.NaN;
  const baselineCpuRate = baseline ? baseline.rows / baseline.cpuSeconds : Number.NaN;
  console.log(phaseLabels[phase]);
  let ok = true;
  for (const result of results) {
    const rate = result.rows / result.seconds;
    const cpuRate = result.rows / result.cpuSeconds;
    const wrongCount = result.rows !== document.rows;
    ok &&= !wrongCount && result.peakRssMiB < 300;
    if (judged && result.scenario === Scenario.Retrieval) ok &&= rate >= baselineRate * 0.5;
    console.log(
      `${`  ${scenarioLabels[result.scenario]}`.padEnd(58)}${`${result.seconds.toFixed(1)} s`.padStart(9)}` +
        `${Math.round(rate).toLocaleString('en').padStart(10)}` +
        `${`${((rate / baselineRate) * 100).toFixed(1)} %`.padStart(9)}` +
        `${`${result.cpuSeconds.toFixed(1)} s`.padStart(9)}` +
        `${Math.round(cpuRate).toLocaleString('en').padStart(12)}` +
        `${`${((cpuRate / baselineCpuRate) * 100).toFixed(1)} %`.padStart(9)}` +
        `${`${result.peakRssMiB.toFixed(0)} MiB`.padStart(10)}` +
        `${result.files === 0 ? '-'.padStart(10) : `${(result.outputBytes / 1e6).toFixed(1)} MB`.padStart(10)}` +
        (wrongCount ? `  (counted ${result.rows} rows!)` : ''),
    );
  }
  return ok;
}

function positiveInteger(args: string[], name: string, fallback: number): number {
  const value = Number(optionValue(args, name) ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} takes a positive count`);
  return value;
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--worker') {
    const scenario = args[1] === Scenario.Retrieval ? Scenario.Retrieval : Scenario.Baseline;
    const result = await runScenario(scenario, args[2] ?? '', Number(args[3]), Number(args[4]));
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const sizes = (optionValue(args, '--rows') ?? '1000000,5000000').split(',').map(Number);
  const rowGroupSize = Number(optionValue(args, '--row-group-size') ?? 25_000);
  const heapMiB = Number(optionValue(args, '--heap-mib') ?? 256);
  const repeat = positiveInteger(args, '--repeat', 1);
  const passes = positiveInteger(args, '--passes', 2);
  if (!sizes.every((size) => Number.isSafeInteger(size) && size > 0)) {
    throw new Error('--rows takes a comma-separated list of positive row counts');
  }
  console.log(
    `targets: retrieval >= 50 % of the baseline's rows/s (${passes > 1 ? 'warm passes' : 'first pass'}), ` +
      `peak RSS < 300 MiB; row group ${rowGroupSize.toLocaleString('en')} rows, ` +
      `V8 old space ${heapMiB > 0 ? `capped at ${heapMiB} MiB` : 'uncapped'}, ` +
      `${passes} pass${passes > 1 ? 'es' : ''} per process` +
      (repeat > 1 ? `; fastest of ${repeat} alternated runs each, highest peak RSS` : ''),
  );
  buildWorker();
  const directory = mkdtempSync(join(tmpdir(), 'report-to-parquet-bench-'));
  let ok = true;
  try {
    for (const rows of sizes) {
      const document = await generateDocument(directory, rows);
      const { url, server } = await serveDocument(document);
      try {
        const runs: ProcessResult[] = [];
        // Alternated, so that a busy spell on the host slows both scenarios alike.
        for (let round = 0; round < repeat; round++) {
          for (const scenario of [Scenario.Baseline, Scenario.Retrieval]) {
            runs.push(await runInChild(scenario, url, { rowGroupSize, heapMiB, passes }));
          }
        }
        const phase = (which: Phase) => [
          bestOf(runs, Scenario.Baseline, which, document.rows),
          bestOf(runs, Scenario.Retrieval, which, document.rows),
        ];
        printDocument(document);
        ok = printPhase(document, Phase.Cold, phase(Phase.Cold), passes === 1) && ok;
        if (passes > 1) ok = printPhase(document, Phase.Warm, phase(Phase.Warm), true) && ok;
      } finally {
        server.closeAllConnections();
        server.close();
      }
      rmSync(document.path, { force: true });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  console.log(ok ? 'targets met' : 'targets MISSED');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
