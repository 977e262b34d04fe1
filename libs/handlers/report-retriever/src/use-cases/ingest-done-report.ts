import { type RetrieveReportDeps, retrieveReport } from '@spapi-lake/ingestion';
import {
  LedgerOutcome,
  ManifestInvalidError,
  type ObjectStore,
  type ReportManifest,
  buildLedgerEntry,
  manifestKey,
  parseReportManifest,
} from '@spapi-lake/lake';
import { recordLedgerEntry } from './record-ledger-entry';

/** One DONE report of one window. */
export interface IngestDoneReportInput {
  readonly sellingPartnerId: string;
  readonly reportId: string;
  /** The window's one marketplace (flat files do not say which marketplace a row belongs to). */
  readonly marketplaceId: string;
  readonly window: { readonly start: string; readonly end: string };
}

/** What landed: the manifest, where it is, and the window's ledger entry. */
export interface IngestDoneReportResult {
  readonly manifest: ReportManifest;
  readonly manifestKey: string;
  readonly ledgerKey: string;
  /** True when the report had been ingested before and nothing was downloaded again. */
  readonly alreadyIngested: boolean;
}

/**
 * Ingests a DONE report (ingestion's retrieveReport: raw copy, curated Parquet, quarantine,
 * manifest), then records the window DONE in the ledger with its row count. A report whose
 * manifest exists was completely ingested before (the manifest is written last): a retried task
 * or a second notification only completes the ledger, leaving every object as it was.
 */
export async function ingestDoneReport(
  deps: RetrieveReportDeps,
  input: IngestDoneReportInput,
): Promise<IngestDoneReportResult> {
  const key = manifestKey({ sellingPartnerId: input.sellingPartnerId, reportId: input.reportId });
  const stored = await readManifest(deps.store, key);
  const manifest =
    stored ??
    (await retrieveReport(deps, {
      sellingPartnerId: input.sellingPartnerId,
      reportId: input.reportId,
      marketplaceId: input.marketplaceId,
    }));
  const ledger = await recordLedgerEntry(
    deps.store,
    buildLedgerEntry({
      sellingPartnerId: input.sellingPartnerId,
      reportType: manifest.reportType,
      windowStart: input.window.start,
      windowEnd: input.window.end,
      outcome: LedgerOutcome.Done,
      rows: manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0),
      reportId: manifest.reportId,
      recordedAt: new Date(deps.clock.now()),
    }),
  );
  return {
    manifest,
    manifestKey: key,
    ledgerKey: ledger.key,
    alreadyIngested: stored !== undefined,
  };
}

async function readManifest(store: ObjectStore, key: string): Promise<ReportManifest | undefined> {
  if (!(await store.exists(key))) return undefined;
  try {
    return parseReportManifest(await store.getObject(key));
  } catch (error) {
    // A manifest that does not parse proves nothing: ingest again, which rewrites it.
    if (error instanceof ManifestInvalidError) return undefined;
    throw error;
  }
}
