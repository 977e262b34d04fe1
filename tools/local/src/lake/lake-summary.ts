import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import type { LakePaths } from '../pipeline/lake-paths';
import type { ProgressCounters } from '../pipeline/run-progress';
import { type DailySales, DAILY_SALES_SQL, queryDailySales } from './daily-sales';
import { DuckDbCatalog } from './duckdb-catalog';
import { type DatasetSummary, readLakeInventory } from './lake-inventory';
import { renderSummaryHtml } from './summary-html';

/** What the run that produced the summary did (absent when only the lake is summarised). */
export interface RunInfo {
  readonly mode: 'simulator' | 'real';
  readonly faultProfile: string;
  readonly partners: readonly { readonly alias: string; readonly sellingPartnerId: string }[];
  readonly simulatedStart?: string;
  readonly simulatedEnd?: string;
  readonly wallSeconds: number;
  readonly status: string;
  readonly counters: ProgressCounters;
}

/** Everything `npm start` shows at the end, and `.lake/summary.json` holds. */
export interface LakeSummary {
  readonly generatedAt: string;
  readonly run?: RunInfo;
  readonly datasets: readonly DatasetSummary[];
  readonly views: readonly string[];
  readonly dailySales: readonly DailySales[];
  readonly sampleQuery: string;
  readonly totals: {
    readonly reports: number;
    readonly rows: number;
    readonly quarantinedRows: number;
    readonly partitions: number;
    readonly rawBytes: number;
    /** Reports kept raw because their documents could not be curated. */
    readonly uncuratedReports: number;
  };
}

/**
 * Registers every curated dataset in the DuckDB catalog, reads the lake's manifests and the daily
 * sales, and writes `summary.json` and `summary.html`.
 */
export async function summarizeLake(paths: LakePaths, run?: RunInfo): Promise<LakeSummary> {
  const inventory = await readLakeInventory(new LocalDiskObjectStore(paths.curated));
  const catalog = await DuckDbCatalog.open(paths.catalog);
  let views: string[];
  let dailySales: DailySales[];
  let datasets: DatasetSummary[];
  try {
    const registered = await catalog.registerLake(paths.curated);
    views = await catalog.views();
    dailySales = await queryDailySales(catalog);
    datasets = await withFileCounts(catalog, paths.curated, registered, inventory.datasets);
  } finally {
    catalog.close();
  }
  const summary: LakeSummary = {
    generatedAt: new Date().toISOString(),
    ...(run === undefined ? {} : { run }),
    datasets,
    views,
    dailySales,
    sampleQuery: DAILY_SALES_SQL,
    totals: {
      reports: inventory.manifests.length,
      rows: sum(datasets.map((d) => d.rows)),
      quarantinedRows: sum(datasets.map((d) => d.quarantinedRows)),
      partitions: sum(datasets.map((d) => d.partitions)),
      rawBytes: inventory.rawBytes,
      uncuratedReports: inventory.uncuratedReports,
    },
  };
  await writeFile(paths.summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(paths.summaryHtml, renderSummaryHtml(summary));
  return summary;
}

/**
 * Rows as the catalog reads them and files and partitions as they lie in the curated folder
 * (report and catalog datasets alike), with reports, quarantine and drift from the manifests.
 */
async function withFileCounts(
  catalog: DuckDbCatalog,
  curatedDir: string,
  views: readonly string[],
  fromManifests: readonly DatasetSummary[],
): Promise<DatasetSummary[]> {
  const summaries: DatasetSummary[] = [];
  for (const dataset of views) {
    const known = fromManifests.find((d) => d.dataset === dataset);
    const [count] = (await catalog.query(`SELECT count(*)::INTEGER AS n FROM ${dataset}`)).rows;
    const files = (await readdir(path.join(curatedDir, dataset), { recursive: true }))
      .map(String)
      .filter((file) => file.endsWith('.parquet'));
    summaries.push({
      dataset,
      rows: Number(count?.['n'] ?? 0),
      partitions: new Set(files.map((file) => path.dirname(file))).size,
      files: files.length,
      reports: known?.reports ?? 0,
      quarantinedRows: known?.quarantinedRows ?? 0,
      driftColumns: known?.driftColumns ?? [],
      missingColumns: known?.missingColumns ?? [],
      skippedKeys: known?.skippedKeys ?? [],
      schemaVersions: known?.schemaVersions ?? 0,
    });
  }
  return summaries;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
