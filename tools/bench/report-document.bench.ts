// Throughput and memory of report-document streaming: a multi-hundred-megabyte gzip Cp1252 TSV,
// served over loopback HTTP, read through openReportDocument -> decodeReportDocument -> splitLines,
// next to a plain gunzip + split baseline. Each scenario runs in its own child process so that its
// peak RSS is its own. Usage (through tools/bench/run.mjs): --mb <decompressed MB, default 300>.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { decodeReportDocument, openReportDocument, splitLines } from '@spapi-lake/report-documents';
import {
  type GeneratedDocument,
  cities,
  products,
  serveDocument,
  xorshift,
} from './orders-flat-file';

const Scenario = {
  Baseline: 'baseline',
  Library: 'library',
} as const;
type Scenario = (typeof Scenario)[keyof typeof Scenario];

const scenarioLabels: Record<Scenario, string> = {
  baseline: 'baseline: http.get + gunzip + latin1 split',
  library: 'openReportDocument + decode(Cp1252) + splitLines',
};

interface ScenarioResult {
  scenario: Scenario;
  seconds: number;
  rows: number;
  startRssMiB: number;
  peakRssMiB: number;
}

const header = [
  'amazon-order-id',
  'merchant-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sales-channel',
  'order-channel',
  'url',
  'ship-service-level',
  'product-name',
  'sku',
  'asin',
  'item-status',
  'quantity',
  'currency',
  'item-price',
  'item-tax',
  'shipping-price',
  'shipping-tax',
  'gift-wrap-price',
  'gift-wrap-tax',
  'item-promotion-discount',
  'ship-promotion-discount',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'promotion-ids',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
  'signature-confirmation-recommended',
].join('\t');

function* documentText(targetBytes: number, stats: { rows: number; bytes: number }) {
  const random = xorshift(20_240_101);
  const digits = (length: number) =>
    Math.floor(random() * 10 ** length)
      .toString()
      .padStart(length, '0');
  let batch = `${header}\r\n`;
  while (stats.bytes < targetBytes) {
    for (let index = 0; index < 1000; index += 1) {
      const orderId = `${digits(3)}-${digits(7)}-${digits(7)}`;
      const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
      const price = (random() * 200).toFixed(2);
      const row = [
        orderId,
        `M-${digits(8)}`,
        `2024-03-${day}T${digits(2)}:12:45+00:00`,
        `2024-03-${day}T23:59:59+00:00`,
        random() < 0.9 ? 'Shipped' : 'Pending',
        random() < 0.7 ? 'Amazon' : 'Merchant',
        'Amazon.de',
        '',
        '',
        'Standard',
        products[Math.floor(random() * products.length)],
        `SKU-${digits(6)}`,
        `B0${digits(8)}`,
        'Unshipped',
        String(1 + Math.floor(random() * 3)),
        'EUR',
        price,
        (Number(price) * 0.19).toFixed(2),
        '4.99',
        '0.95',
        '',
        '',
        random() < 0.2 ? '-5.00' : '',
        '',
        cities[Math.floor(random() * cities.length)],
        '',
        digits(5),
        'DE',
        random() < 0.2 ? 'Rabatt €5 für Neukunden' : '',
        random() < 0.1 ? 'true' : 'false',
        '',
        '',
        'false',
      ].join('\t');
      batch += `${row}\r\n`;
      stats.rows += 1;
    }
    const bytes = iconv.encode(batch, 'windows-1252');
    stats.bytes += bytes.length;
    batch = '';
    yield bytes;
  }
}

async function generateDocument(directory: string, megabytes: number): Promise<GeneratedDocument> {
  const path = join(directory, 'orders.tsv.gz');
  const stats = { rows: 0, bytes: 0 };
  await pipeline(
    Readable.from(documentText(megabytes * 1_000_000, stats)),
    createGzip(),
    createWriteStream(path),
  );
  return {
    path,
    rows: stats.rows + 1,
    decompressedBytes: stats.bytes,
    gzipBytes: statSync(path).size,
  };
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
  return pending === '' ? rows : rows + 1;
}

async function countLibrary(url: string): Promise<number> {
  const opened = await openReportDocument({
    document: { reportDocumentId: 'bench', url, compressionAlgorithm: 'GZIP' },
    refreshDocument: () => Promise.reject(new Error('the bench URL does not expire')),
  });
  if (opened.charset === undefined)
    throw new Error(`unexpected charset ${opened.unsupportedCharset}`);
  let rows = 0;
  for await (const _line of splitLines(
    decodeReportDocument(opened.bytes, {
      compression: opened.compression,
      charset: opened.charset,
    }),
  )) {
    rows += 1;
  }
  return rows;
}

async function runScenario(scenario: Scenario, url: string): Promise<ScenarioResult> {
  const mib = (bytes: number) => bytes / 1024 / 1024;
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const started = process.hrtime.bigint();
  const rows = scenario === Scenario.Library ? await countLibrary(url) : await countBaseline(url);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return { scenario, seconds, rows, startRssMiB: mib(startRss), peakRssMiB: mib(peakRss) };
}

function runInChild(scenario: Scenario, url: string): Promise<ScenarioResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--worker', scenario, url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(output) as ScenarioResult)
        : reject(new Error(`${scenario} worker exited with ${code}`)),
    );
  });
}

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

function printResults(document: GeneratedDocument, results: ScenarioResult[]): void {
  const megabytes = document.decompressedBytes / 1e6;
  console.log(
    `report-document: ${megabytes.toFixed(1)} MB decompressed Cp1252 TSV, ` +
      `${(document.gzipBytes / 1e6).toFixed(1)} MB gzip, ${document.rows.toLocaleString('en')} rows`,
  );
  console.log(
    `${'scenario'.padEnd(52)}${'time'.padStart(9)}${'MB/s'.padStart(9)}${'rows/s'.padStart(12)}` +
      `${'RSS start'.padStart(12)}${'RSS peak'.padStart(11)}`,
  );
  for (const result of results) {
    console.log(
      `${scenarioLabels[result.scenario].padEnd(52)}${`${result.seconds.toFixed(2)} s`.padStart(9)}` +
        `${(megabytes / result.seconds).toFixed(1).padStart(9)}` +
        `${Math.round(result.rows / result.seconds)
          .toLocaleString('en')
          .padStart(12)}` +
        `${`${result.startRssMiB.toFixed(1)} MiB`.padStart(12)}` +
        `${`${result.peakRssMiB.toFixed(1)} MiB`.padStart(11)}` +
        (result.rows === document.rows ? '' : `  (counted ${result.rows} rows!)`),
    );
  }
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--worker') {
    const scenario = args[1] === Scenario.Library ? Scenario.Library : Scenario.Baseline;
    process.stdout.write(JSON.stringify(await runScenario(scenario, args[2] ?? '')));
    return;
  }
  const megabytes = Number(optionValue(args, '--mb') ?? 300);
  if (!(megabytes > 0)) {
    throw new Error('--mb takes a positive number of decompressed megabytes');
  }
  const directory = mkdtempSync(join(tmpdir(), 'report-document-bench-'));
  try {
    const generationStarted = process.hrtime.bigint();
    const document = await generateDocument(directory, megabytes);
    const generationSeconds = Number(process.hrtime.bigint() - generationStarted) / 1e9;
    console.log(`generated ${document.path} in ${generationSeconds.toFixed(1)} s`);
    const { url, server } = await serveDocument(document);
    try {
      const results: ScenarioResult[] = [];
      for (const scenario of [Scenario.Baseline, Scenario.Library]) {
        results.push(await runInChild(scenario, url));
      }
      printResults(document, results);
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
