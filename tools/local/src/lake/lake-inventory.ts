import {
  type LedgerEntry,
  type ObjectStore,
  type ReportManifest,
  parseLedgerEntry,
  parseReportManifest,
  uncuratedReportPrefix,
} from '@spapi-lake/lake';

/** What landed in one curated dataset, summed over every report manifest. */
export interface DatasetSummary {
  readonly dataset: string;
  readonly rows: number;
  /** Distinct Hive partitions (partner, marketplace, day). */
  readonly partitions: number;
  readonly files: number;
  readonly reports: number;
  readonly quarantinedRows: number;
  /** Columns some document carried that the schema does not know (kept as strings). */
  readonly driftColumns: readonly string[];
  /** Schema columns some document lacked (null in its rows). */
  readonly missingColumns: readonly string[];
  /** Top-level keys of its reports' JSON documents that no dataset reads (kept in the raw copy). */
  readonly skippedKeys: readonly string[];
  /** Distinct column sets written (1 = no drift). */
  readonly schemaVersions: number;
}

/** What a catalog refresh manifest says (`_manifests/catalog-refresh/`): rows per dataset. */
export interface CatalogRefreshRecord {
  readonly refreshId: string;
  readonly rows: Readonly<Record<string, number>>;
}

/** The lake's bookkeeping: manifests of ingested reports and refreshes, ledger entries of windows. */
export interface LakeInventory {
  readonly manifests: readonly ReportManifest[];
  readonly refreshes: readonly CatalogRefreshRecord[];
  readonly ledger: readonly LedgerEntry[];
  /** Reports whose raw documents are kept but could not be curated (see `npm run replay`). */
  readonly uncuratedReports: number;
  readonly datasets: readonly DatasetSummary[];
  readonly rawBytes: number;
}

/** Reads every manifest and ledger entry of the curated zone and sums them per dataset. */
export async function readLakeInventory(curated: ObjectStore): Promise<LakeInventory> {
  const manifests: ReportManifest[] = [];
  for await (const object of curated.list('_manifests/reports/')) {
    manifests.push(parseReportManifest(await curated.getObject(object.key)));
  }
  const refreshes: CatalogRefreshRecord[] = [];
  for await (const object of curated.list('_manifests/catalog-refresh/')) {
    const record = catalogRefreshRecord(
      JSON.parse((await curated.getObject(object.key)).toString('utf8')),
    );
    if (record !== undefined) refreshes.push(record);
  }
  const ledger: LedgerEntry[] = [];
  for await (const object of curated.list('_ledger/')) {
    ledger.push(parseLedgerEntry(await curated.getObject(object.key)));
  }
  let uncuratedReports = 0;
  for await (const _record of curated.list(uncuratedReportPrefix())) uncuratedReports += 1;
  return {
    manifests,
    refreshes,
    ledger,
    uncuratedReports,
    datasets: summarizeDatasets(manifests, refreshes),
    rawBytes: manifests.reduce((sum, manifest) => sum + manifest.rawBytes, 0),
  };
}

/**
 * Per-dataset totals of report `manifests` (rows, files, partitions, quarantine, drift) and of
 * catalog `refreshes` (rows; their files are counted by the catalog), by dataset name.
 */
export function summarizeDatasets(
  manifests: readonly ReportManifest[],
  refreshes: readonly CatalogRefreshRecord[] = [],
): DatasetSummary[] {
  const byName = new Map<
    string,
    {
      rows: number;
      files: Set<string>;
      partitions: Set<string>;
      reports: number;
      quarantinedRows: number;
      drift: Set<string>;
      missing: Set<string>;
      skipped: Set<string>;
      schemas: Set<string>;
    }
  >();
  for (const manifest of manifests) {
    for (const entry of manifest.datasets) {
      const total = byName.get(entry.dataset) ?? {
        rows: 0,
        files: new Set<string>(),
        partitions: new Set<string>(),
        reports: 0,
        quarantinedRows: 0,
        drift: new Set<string>(),
        missing: new Set<string>(),
        skipped: new Set<string>(),
        schemas: new Set<string>(),
      };
      total.rows += entry.rows;
      total.reports += 1;
      total.quarantinedRows += entry.quarantinedRows;
      for (const key of entry.partitions) {
        total.files.add(key);
        total.partitions.add(key.slice(0, key.lastIndexOf('/')));
      }
      for (const column of entry.driftColumns) total.drift.add(column);
      for (const column of entry.missingColumns) total.missing.add(column);
      for (const skipped of manifest.skippedTopLevelKeys ?? []) total.skipped.add(skipped.key);
      if (entry.rows > 0) total.schemas.add(entry.schemaHash);
      byName.set(entry.dataset, total);
    }
  }
  for (const refresh of refreshes) {
    for (const [dataset, rows] of Object.entries(refresh.rows)) {
      const total = byName.get(dataset) ?? {
        rows: 0,
        files: new Set<string>(),
        partitions: new Set<string>(),
        reports: 0,
        quarantinedRows: 0,
        drift: new Set<string>(),
        missing: new Set<string>(),
        skipped: new Set<string>(),
        schemas: new Set<string>(),
      };
      total.rows += rows;
      total.reports += 1;
      byName.set(dataset, total);
    }
  }
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dataset, total]) => ({
      dataset,
      rows: total.rows,
      partitions: total.partitions.size,
      files: total.files.size,
      reports: total.reports,
      quarantinedRows: total.quarantinedRows,
      driftColumns: [...total.drift].sort(),
      missingColumns: [...total.missing].sort(),
      skippedKeys: [...total.skipped].sort(),
      schemaVersions: total.schemas.size,
    }));
}

// Read leniently: the catalog lib owns the format; only the per-dataset row counts are summed.
function catalogRefreshRecord(value: unknown): CatalogRefreshRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const refreshId = Reflect.get(value, 'refreshId');
  const rows = Reflect.get(value, 'rows');
  if (typeof refreshId !== 'string' || typeof rows !== 'object' || rows === null) return undefined;
  const counts = Object.entries(rows).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number',
  );
  return { refreshId, rows: Object.fromEntries(counts) };
}
