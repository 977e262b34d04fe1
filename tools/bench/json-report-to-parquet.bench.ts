// Throughput and memory of a JSON report's retrieval: a Brand Analytics search terms document (the
// largest JSON report Amazon sends: weekly US documents run to gigabytes), gzip, served over
// loopback HTTP and run through ingestion's retrieveReport (openReportDocument -> gunzip -> decode
// -> JsonReportParser -> Parquet -> LocalDiskObjectStore, plus the raw copy), V8's old space capped
// as production caps it. What a multi-gigabyte document needs: MB/s well above what a 15-minute
// Lambda must reach for it (2 GB in 900 s is 2.3 MB/s) and memory flat whatever its size.
// Usage (through tools/bench/run.mjs): --elements <default 500000> --heap-mib <default 256>
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type ReportRecord, type ReportsPort, retrieveReport } from '@spapi-lake/ingestion';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { hyparquetSinkFactory, reportDocumentPort } from '@spapi-lake/report-retriever-handlers';
import { type GeneratedDocument, serveDocument, xorshift, servedReports } from './orders-flat-file';

const REPORT_TYPE = 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT';
const ROW_GROUP_SIZE = 25_000;
// 2 GB in the retrieve-report Lambda's 900 s.
const TARGET_MB_PER_SECOND = 2000 / 900;

interface Result {
  seconds: number;
  cpuSeconds: number;
  rows: number;
  peakRssMiB: number;
}

function* searchTerms(rows: number, stats: { bytes: number }): Generator<Buffer> {
  const random = xorshift(20_261_127);
  const departments = ['Amazon.com', 'Books', 'Home & Kitchen', 'Electronics'];
  let batch =
    `{"reportSpecification":{"reportType":"${REPORT_TYPE}","reportOptions":{"reportPeriod":"WEEK"},` +
    '"dataStartTime":"2026-10-04","dataEndTime":"2026-10-10","marketplaceIds":["ATVPDKIKX0DER"]},' +
    '"dataByDepartmentAndSearchTerm":[';
  for (let row = 0; row < rows; row += 1) {
    const element = {
      departmentName: departments[Math.floor(random() * departments.length)],
      searchTerm: `search term ${Math.floor(random() * 1e6)} café "deluxe"`,
      searchFrequencyRank: Math.floor(row / 3) + 1,
      clickedAsin: `B0${Math.floor(random() * 1e8)
        .toString()
        .padStart(8, '0')}`,
      clickShareRank: (row % 3) + 1,
      clickShare: Math.round(random() * 3000) / 10_000,
      conversionShare: Math.round(random() * 2000) / 10_000,
    };
    batch += `${row === 0 ? '' : ','}${JSON.stringify(element)}`;
    if (batch.length >= 1 << 20) {
      const bytes = Buffer.from(batch);
      stats.bytes += bytes.length;
      batch = '';
      yield bytes;
    }
  }
  const bytes = Buffer.from(`${batch}]}`);
  stats.bytes += bytes.length;
  yield bytes;
}

async function generate(directory: string, rows: number): Promise<GeneratedDocument> {
  const path = join(directory, `search-terms-${rows}.json.gz`);
  const stats = { bytes: 0 };
  await pipeline(Readable.from(searchTerms(rows, stats)), createGzip(), createWriteStream(path));
  return { path, rows, decompressedBytes: stats.bytes, gzipBytes: statSync(path).size };
}

function benchReports(url: string): ReportsPort {
  const report: ReportRecord = {
    reportId: '60000000001',
    reportType: REPORT_TYPE,
    processingStatus: 'DONE',
    marketplaceIds: ['ATVPDKIKX0DER'],
    dataStartTime: '2026-10-04T00:00:00Z',
    dataEndTime: '2026-10-10T23:59:59Z',
    createdTime: '2026-11-01T00:00:00Z',
    processingEndTime: '2026-11-01T00:01:00Z',
    reportDocumentId: 'amzn1.spdoc.1.4.na.bench',
  };
  return servedReports(report, url);
}

async function measure(url: string): Promise<Result> {
  const directory = mkdtempSync(join(tmpdir(), 'json-report-to-parquet-lake-'));
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  try {
    const manifest = await retrieveReport(
      {
        reports: benchReports(url),
        documents: reportDocumentPort(),
        store: new LocalDiskObjectStore(directory),
        openParquetSink: hyparquetSinkFactory({ rowGroupSize: ROW_GROUP_SIZE }),
        maxBufferedRows: ROW_GROUP_SIZE,
        clock: { now: () => Date.UTC(2026, 10, 1, 1) },
      },
      { sellingPartnerId: 'A1BENCHSELLER', reportId: '60000000001' },
    );
    if (manifest.quarantinedRows !== 0) {
      throw new Error(`${manifest.quarantinedRows} rows were quarantined`);
    }
    const cpu = process.cpuUsage(cpuStarted);
    return {
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rows: manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0),
      peakRssMiB: Math.max(peakRss, process.memoryUsage.rss()) / 1024 / 1024,
    };
  } finally {
    clearInterval(sampler);
    rmSync(directory, { recursive: true, force: true });
  }
}

function runInChild(url: string, heapMiB: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const heap = heapMiB > 0 ? [`--max-old-space-size=${heapMiB}`] : [];
    const child = spawn(
      process.execPath,
      [...process.execArgv, ...heap, __filename, '--worker', url],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(output) as Result) : reject(new Error(`exited with ${code}`)),
    );
  });
}

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--worker') {
    process.stdout.write(JSON.stringify(await measure(args[1] ?? '')));
    return;
  }
  const rows = Number(optionValue(args, '--elements') ?? 500_000);
  const heapMiB = Number(optionValue(args, '--heap-mib') ?? 256);
  if (!Number.isSafeInteger(rows) || rows <= 0)
    throw new Error('--elements takes a positive count');
  const directory = mkdtempSync(join(tmpdir(), 'json-report-to-parquet-bench-'));
  try {
    const document = await generate(directory, rows);
    const { url, server } = await serveDocument(document);
    try {
      const result = await runInChild(url, heapMiB);
      const mb = document.decompressedBytes / 1e6;
      const rate = mb / result.seconds;
      console.log(
        `${rows.toLocaleString('en')} search terms: ${mb.toFixed(1)} MB JSON, ` +
          `${(document.gzipBytes / 1e6).toFixed(1)} MB gzip; V8 old space ` +
          `${heapMiB > 0 ? `capped at ${heapMiB} MiB` : 'uncapped'}`,
      );
      console.log(
        `retrieveReport -> raw copy + Parquet: ${result.seconds.toFixed(1)} s, ` +
          `${rate.toFixed(1)} MB/s, ${Math.round(result.rows / result.seconds).toLocaleString('en')} rows/s, ` +
          `CPU ${result.cpuSeconds.toFixed(1)} s, peak RSS ${result.peakRssMiB.toFixed(0)} MiB`,
      );
      const ok = result.rows === rows && rate >= TARGET_MB_PER_SECOND && result.peakRssMiB < 300;
      console.log(
        `${ok ? 'targets met' : 'targets MISSED'}: >= ${TARGET_MB_PER_SECOND.toFixed(1)} MB/s ` +
          '(2 GB within the 900 s Lambda), peak RSS < 300 MiB' +
          (result.rows === rows ? '' : `, counted ${result.rows} rows of ${rows}!`),
      );
    } finally {
      server.closeAllConnections();
      server.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
