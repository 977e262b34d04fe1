import {
  type DocumentCompression,
  ManifestInvalidError,
  type ObjectStore,
  type ReportManifest,
  type UncuratedReport,
  type UncuratedReportInput,
  buildReportManifest,
  buildUncuratedReport,
  manifestKey,
  parseReportManifest,
  parseUncuratedReport,
  schemaHash,
  serializeReportManifest,
  serializeUncuratedReport,
  uncuratedReportKey,
} from '@spapi-lake/lake';
import type { ReportTypeDefinition } from '@spapi-lake/reports';
import type { CurationResult } from './curate-document';
import { datasetColumns } from './dataset-columns';
import type { ReportRecord } from './ports';

/** Everything a report's manifest records: the report, its raw copy and what curation wrote. */
export interface ReportManifestFacts {
  readonly report: ReportRecord;
  /** Absent for report types the registry does not know (kept raw only). */
  readonly definition: ReportTypeDefinition | undefined;
  readonly sellingPartnerId: string;
  readonly marketplaceId: string;
  readonly windowStart: string;
  readonly documentId: string;
  readonly compression: DocumentCompression;
  readonly charset: string;
  readonly rawKey: string;
  readonly rawBytes: number;
  /** Rows per Parquet row group, when not the default (recorded for replay). */
  readonly rowGroupSize?: number | undefined;
  readonly curated: CurationResult | undefined;
  readonly ingestedAt: Date;
}

// What the manifest and the uncurated-report record both say of a report and its raw copy.
function rawReportFields(
  facts: Omit<ReportManifestFacts, 'curated' | 'ingestedAt' | 'definition'>,
) {
  const { report } = facts;
  return {
    reportId: report.reportId,
    reportType: report.reportType,
    sellingPartnerId: facts.sellingPartnerId,
    marketplaceIds: [facts.marketplaceId],
    dataStartTime: facts.windowStart,
    dataEndTime: report.dataEndTime ?? facts.windowStart,
    documentId: facts.documentId,
    compression: facts.compression,
    charset: facts.charset,
    rawKey: facts.rawKey,
    rawBytes: facts.rawBytes,
    curationInputs: {
      windowStart: facts.windowStart,
      reportProcessedAt: report.processingEndTime ?? report.createdTime,
      ...(facts.rowGroupSize === undefined ? {} : { rowGroupSize: facts.rowGroupSize }),
    },
  };
}

/** Why a document could not be curated, and the ingestion unit it was retrieved for. */
export interface CurationFailureFacts {
  readonly error: unknown;
  readonly ledgerUnit: UncuratedReportInput['ledgerUnit'];
  readonly failedAt: Date;
}

/** The record of a report whose raw copy was kept but whose document could not be curated. */
export function uncuratedReportOf(
  facts: Omit<ReportManifestFacts, 'curated' | 'ingestedAt' | 'definition'>,
  failure: CurationFailureFacts,
): UncuratedReport {
  return buildUncuratedReport({
    ...rawReportFields(facts),
    ...(failure.ledgerUnit === undefined ? {} : { ledgerUnit: failure.ledgerUnit }),
    failure: curationFailure(failure.error),
    failedAt: failure.failedAt,
  });
}

/** The same record, failed again with `error` at `failedAt`. */
export function failedAgain(
  record: UncuratedReport,
  error: unknown,
  failedAt: Date,
): UncuratedReport {
  const { recordVersion: _version, ...facts } = record;
  return buildUncuratedReport({ ...facts, failure: curationFailure(error), failedAt });
}

function curationFailure(error: unknown): UncuratedReport['failure'] {
  return {
    error: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Stores the record of an uncurated report at its key. */
export async function storeUncuratedReport(
  store: ObjectStore,
  record: UncuratedReport,
): Promise<void> {
  await store.putObject(uncuratedReportKey(record), serializeUncuratedReport(record), {
    contentType: 'application/json',
  });
}

/** The uncurated-report record stored at `key`, or undefined when there is none (or not one). */
export function storedUncuratedReport(
  store: ObjectStore,
  key: string,
): Promise<UncuratedReport | undefined> {
  return storedDocument(store, key, parseUncuratedReport);
}

/**
 * The lake document (manifest, record, ledger entry) stored at `key`, read with `parse`; undefined
 * when there is none, or it is not one (`ManifestInvalidError`).
 */
export async function storedDocument<T>(
  store: ObjectStore,
  key: string,
  parse: (text: Buffer) => T,
): Promise<T | undefined> {
  if (!(await store.exists(key))) return undefined;
  try {
    return parse(await store.getObject(key));
  } catch (error) {
    if (error instanceof ManifestInvalidError) return undefined;
    throw error;
  }
}

/** The manifest of a curated (or raw-only) report. */
export function reportManifestOf(facts: ReportManifestFacts): ReportManifest {
  const { definition, curated } = facts;
  return buildReportManifest({
    ...rawReportFields(facts),
    datasets: (definition?.datasets ?? []).map((dataset) => {
      const partitions = curated?.partitions.filter((p) => p.dataset === dataset.name) ?? [];
      const observed = curated?.schema.find((s) => s.dataset === dataset.name);
      const quarantine = curated?.quarantined.get(dataset.name);
      const drift = observed?.driftColumns ?? [];
      return {
        dataset: dataset.name,
        rows: partitions.reduce((sum, p) => sum + p.rows, 0),
        partitions: partitions.map((p) => p.key),
        schemaHash: schemaHash(datasetColumns(dataset, drift, definition?.format === 'json')),
        driftColumns: [...drift],
        missingColumns: [...(observed?.missingColumns ?? [])],
        quarantinedRows: quarantine?.rows ?? 0,
        ...(quarantine ? { quarantineKey: quarantine.key } : {}),
      };
    }),
    skippedTopLevelKeys: [...(curated?.skippedTopLevelKeys ?? [])],
    quarantinedRows: [...(curated?.quarantined.values() ?? [])].reduce((n, q) => n + q.rows, 0),
    ingestedAt: facts.ingestedAt,
  });
}

/**
 * Stores `manifest` unless the stored one equals it apart from `ingestedAt` (then that one is kept
 * and returned), so processing a report again leaves the lake byte for byte unchanged.
 */
export async function storeReportManifest(
  store: ObjectStore,
  manifest: ReportManifest,
): Promise<ReportManifest> {
  const key = manifestKey(manifest);
  const stored = await storedReportManifest(store, key);
  if (stored && sameApartFromIngestedAt(stored, manifest)) return stored;
  await store.putObject(key, serializeReportManifest(manifest), {
    contentType: 'application/json',
  });
  return manifest;
}

/** The manifest stored at `key`, or undefined when there is none (or it is not a manifest). */
export function storedReportManifest(
  store: ObjectStore,
  key: string,
): Promise<ReportManifest | undefined> {
  return storedDocument(store, key, parseReportManifest);
}

/** Whether two manifests say the same, whenever they were written. */
export function sameApartFromIngestedAt(a: ReportManifest, b: ReportManifest): boolean {
  return serializeReportManifest({ ...a, ingestedAt: b.ingestedAt }) === serializeReportManifest(b);
}

/** The curated and quarantine objects a manifest lists. */
export function curatedObjectKeys(manifest: ReportManifest): string[] {
  return manifest.datasets.flatMap((dataset) => [
    ...dataset.partitions,
    ...(dataset.quarantineKey === undefined ? [] : [dataset.quarantineKey]),
  ]);
}

/**
 * Deletes the curated and quarantine objects a curation wrote, but those a stored manifest of the
 * same report lists: another retrieval of it (a duplicate notification) may have finished
 * meanwhile, and its manifest says they are complete; when that manifest cannot be read, nothing
 * is deleted. A failed delete is left alone, so the caller's error stays the one reported.
 */
export async function deleteUnlistedCurated(
  store: ObjectStore,
  curated: CurationResult,
  report: { readonly sellingPartnerId: string; readonly reportId: string },
): Promise<void> {
  await deleteUnlistedKeys(
    store,
    [
      ...curated.partitions.map((partition) => partition.key),
      ...[...curated.quarantined.values()].map((quarantine) => quarantine.key),
    ],
    report,
  );
}

/** {@link deleteUnlistedCurated} for keys known one by one (a curation that failed midway). */
export async function deleteUnlistedKeys(
  store: ObjectStore,
  keys: readonly string[],
  report: { readonly sellingPartnerId: string; readonly reportId: string },
): Promise<void> {
  if (keys.length === 0) return;
  let stored: ReportManifest | undefined;
  try {
    stored = await storedReportManifest(store, manifestKey(report));
  } catch {
    // Unknown whether a finished retrieval lists them: deleting could take its files; left as they
    // are, the next retrieval of the report rewrites the same keys.
    return;
  }
  const listed = new Set(stored === undefined ? [] : curatedObjectKeys(stored));
  await Promise.allSettled(
    keys.filter((key) => !listed.has(key)).map((key) => store.deleteObject(key)),
  );
}

/**
 * Takes a landed report out of the curated zone: its curated and quarantine objects, then its
 * manifest (last, so that a take-back cut short is found and finished again). The raw copy stays.
 */
export async function takeBackReport(store: ObjectStore, manifest: ReportManifest): Promise<void> {
  await Promise.all(curatedObjectKeys(manifest).map((key) => store.deleteObject(key)));
  await store.deleteObject(manifestKey(manifest));
}
