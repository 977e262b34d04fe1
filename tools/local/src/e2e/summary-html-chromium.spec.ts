import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { type Browser, chromium } from 'playwright-core';
import { captureLogs } from '../cli/log-capture';
import { FAULT_PROFILES } from '../config/fault-profiles';
import { summarizeLake } from '../lake/lake-summary';
import { runSimulatedPipeline } from '../pipeline/run-simulated-pipeline';

// summary.html as a person sees it: headless Chromium (Debian's package, driven by
// playwright-core) opens the page written by a real run, and the chart and the tables must show
// what the lake holds, as an independent DuckDB query over the Parquet files reads it.

jest.setTimeout(120_000);

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Bar {
  readonly date: string;
  readonly series: string;
  readonly value: number;
  readonly height: number;
  readonly width: number;
}

let lakeDir: string;
let browser: Browser;

beforeAll(async () => {
  lakeDir = await mkdtemp(path.join(os.tmpdir(), 'spapi-lake-summary-'));
  const logs = captureLogs(path.join(lakeDir, 'logs', 'run.jsonl'));
  try {
    const run = await runSimulatedPipeline({
      lakeDir,
      days: 5,
      partners: ['na-seller', 'vendor'],
      faults: FAULT_PROFILES.none,
      startTime: Date.parse('2026-11-05T06:00:00Z'),
    });
    await summarizeLake(run.paths);
  } finally {
    logs.restore();
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await rm(lakeDir, { recursive: true, force: true });
});

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const parquet = (dataset: string) =>
  `read_parquet('${path.join(lakeDir, 'curated', dataset)}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;

async function openSummary() {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
  await page.goto(pathToFileURL(path.join(lakeDir, 'summary.html')).href);
  return page;
}

it('draws one visible bar per day and marketplace with the ordered sales the lake holds', async () => {
  const page = await openSummary();
  const bars: Bar[] = await page.$$eval('#daily-sales-chart rect.bar', (elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return {
        date: element.getAttribute('data-date') ?? '',
        series: element.getAttribute('data-series') ?? '',
        value: Number(element.getAttribute('data-value')),
        height: box.height,
        width: box.width,
      };
    }),
  );
  const expected = await duck(
    `SELECT date::VARCHAR AS date, selling_partner_id || '/' || marketplace_id AS series,
            round(sum(ordered_product_sales_amount), 2) AS value
     FROM ${parquet('sales_and_traffic_by_date')} GROUP BY ALL ORDER BY date, series`,
  );
  expect(expected.length).toBeGreaterThan(0);
  expect(bars.map(({ date, series, value }) => ({ date, series, value }))).toEqual(
    expected.map((row) => ({
      date: row['date'],
      series: row['series'],
      value: Number(row['value']),
    })),
  );
  for (const bar of bars) {
    expect(bar.width).toBeGreaterThan(0);
    if (bar.value > 0) expect(bar.height).toBeGreaterThan(1);
  }
  // Taller bar, larger number: the chart is drawn to scale.
  const largest = bars.reduce((a, b) => (b.value > a.value ? b : a));
  const smallestPositive = bars
    .filter((b) => b.value > 0)
    .reduce((a, b) => (b.value < a.value ? b : a));
  expect(largest.height / smallestPositive.height).toBeCloseTo(
    largest.value / smallestPositive.value,
    1,
  );
  const labels = await page.$$eval('#daily-sales-chart text.x-label', (elements) =>
    elements.map((element) => element.textContent),
  );
  expect(labels).toEqual([...new Set(expected.map((row) => row['date']))]);
  await page.close();
});

it('shows every dataset with its rows, partitions, files and quarantined rows', async () => {
  const page = await openSummary();
  const shown = await page.$$eval('#datasets tbody tr', (rows) =>
    rows.map((row) => ({
      dataset: row.getAttribute('data-dataset') ?? '',
      rows: Number(row.querySelector('[data-field="rows"]')?.textContent?.replaceAll(',', '')),
      partitions: Number(row.querySelector('[data-field="partitions"]')?.textContent),
      files: Number(row.querySelector('[data-field="files"]')?.textContent),
      quarantined: Number(row.querySelector('[data-field="quarantinedRows"]')?.textContent),
      visible: row.getBoundingClientRect().height > 0,
    })),
  );
  const datasets = (await readdir(path.join(lakeDir, 'curated'), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();
  expect(datasets).toEqual(expect.arrayContaining(['listings_items', 'orders_by_order_date']));
  expect(shown.map((row) => row.dataset)).toEqual(datasets);
  for (const row of shown) {
    const [counted] = await duck(
      `SELECT count(*)::INTEGER AS n,
              count(DISTINCT (selling_partner_id, marketplace_id, dt))::INTEGER AS partitions,
              count(DISTINCT filename)::INTEGER AS files
       FROM read_parquet('${path.join(lakeDir, 'curated', row.dataset)}/**/*.parquet', hive_partitioning = true, union_by_name = true, filename = true)`,
    );
    expect(row).toEqual({
      dataset: row.dataset,
      rows: counted?.['n'],
      partitions: counted?.['partitions'],
      files: counted?.['files'],
      quarantined: 0,
      visible: true,
    });
  }
  const totalRows = await page.$eval('[data-total="rows"]', (element) =>
    Number(element.getAttribute('data-value')),
  );
  expect(totalRows).toBe(shown.reduce((sum, row) => sum + row.rows, 0));
  await page.close();
});
