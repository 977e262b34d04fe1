import {
  type RetrieveReportDeps,
  retrieveReport,
  storedReportManifest,
} from '@spapi-lake/ingestion';
import {
  LedgerOutcome,
  type ReportManifest,
  buildLedgerEntry,
  manifestKey,
} from '@spapi-lake/lake';
import { recordLedgerEntry } from './record-ledger-entry';
import { type ReportPlacement, placeReportFromGetReport } from './report-placement';

/** One DONE report, of one window or Amazon-generated. */
export interface IngestDoneReportInput {
  readonly sellingPartnerId: string;
  readonly reportId: string;
  /**
   * The fan-out window's unit (report config, its one marketplace, window). Absent for a report no
   * window describes (settlements): taken from getReport.
   */
  readonly placement?: ReportPlacement;
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
 * manifest), then records its ingestion unit DONE in the ledger with its row count. A report whose
 * manifest exists was completely ingested before (the manifest is written last): a retried task
 * or a second notification only completes the ledger, leaving every object as it was.
 */
export async function ingestDoneReport(
  deps: RetrieveReportDeps,
  input: IngestDoneReportInput,
): Promise<IngestDoneReportResult> {
  const placement =
    input.placement ?? (await placeReportFromGetReport(deps.reports, input.reportId));
  const key = manifestKey({ sellingPartnerId: input.sellingPartnerId, reportId: input.reportId });
  const stored = await storedReportManifest(deps.store, key);
  const manifest =
    stored ??
    (await retrieveReport(deps, {
      sellingPartnerId: input.sellingPartnerId,
      reportId: input.reportId,
      marketplaceId: placement.marketplaceIds[0],
      ledgerUnit: {
        reportConfigId: placement.reportConfigId,
        marketplaceIds: placement.marketplaceIds,
        windowStart: placement.window.start,
        windowEnd: placement.window.end,
      },
    }));
  const ledger = await recordLedgerEntry(
    deps.store,
    buildLedgerEntry({
      sellingPartnerId: input.sellingPartnerId,
      reportType: manifest.reportType,
      reportConfigId: placement.reportConfigId,
      marketplaceIds: placement.marketplaceIds,
      windowStart: placement.window.start,
      windowEnd: placement.window.end,
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
