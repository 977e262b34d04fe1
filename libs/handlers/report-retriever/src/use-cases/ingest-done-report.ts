import {
  type RetrieveReportDeps,
  retrieveReport,
  storedReportManifest,
  takeBackReport,
  withReportLease,
} from '@spapi-lake/ingestion';
import {
  LedgerOutcome,
  type ObjectStore,
  type ReportManifest,
  buildLedgerEntry,
  ledgerKey,
  manifestKey,
} from '@spapi-lake/lake';
import { readLedgerEntry, recordLedgerEntry } from './record-ledger-entry';
import { type ReportPlacement, ledgerUnit, placeReportFromGetReport } from './report-placement';

/** One DONE report, of one window or Amazon-generated. */
export interface IngestDoneReportInput {
  readonly sellingPartnerId: string;
  readonly reportId: string;
  /** The report's type as the task state names it: with the placement, it finds the ledger entry. */
  readonly reportType: string;
  /**
   * The fan-out window's unit (report config, its one marketplace, window). Absent for a report no
   * window describes (settlements): taken from getReport.
   */
  readonly placement?: ReportPlacement;
  /** Aborts when curation must stop: the invocation's time is nearly up (see retrieveReport). */
  readonly timeLimit?: AbortSignal;
}

/** What landed: the manifest, where it is, and the window's ledger entry. */
export interface IngestDoneReportResult {
  readonly manifest: ReportManifest;
  readonly manifestKey: string;
  readonly ledgerKey: string;
  /** True when the report had been ingested before and nothing was downloaded again. */
  readonly alreadyIngested: boolean;
  /**
   * Set when the window had already landed through another report (this one was not retrieved):
   * that report's id; the manifest is then that report's.
   */
  readonly landedThrough?: string;
}

/**
 * Ingests a DONE report (ingestion's retrieveReport: raw copy, curated Parquet, quarantine,
 * manifest), then records its ingestion unit DONE in the ledger with its row count. A report whose
 * manifest exists was completely ingested before (the manifest is written last): a retried task
 * or a second notification only completes the ledger, leaving every object as it was.
 *
 * A fan-out window lands once: when its ledger entry already says DONE through another report
 * whose manifest is in the lake (a replayed report, a window tried again after its DONE), this
 * report is not retrieved; when that report lands first while this one is retrieved, the ledger
 * keeps it and this one's curated objects and manifest are taken back (its raw copy stays), a
 * take-back a retried task resumes. Amazon-generated reports (settlements) are not windows the
 * pipeline asked for: two of them always both land. Two executions never ingest one report at
 * once: the second fails with the retryable `ReportRetrievalInProgressError` while the first holds
 * the report's lease.
 */
export function ingestDoneReport(
  deps: RetrieveReportDeps,
  input: IngestDoneReportInput,
): Promise<IngestDoneReportResult> {
  // One execution at a time per report: see withReportLease.
  return withReportLease(deps, input, () => ingestHoldingLease(deps, input));
}

async function ingestHoldingLease(
  deps: RetrieveReportDeps,
  input: IngestDoneReportInput,
): Promise<IngestDoneReportResult> {
  const placement =
    input.placement ?? (await placeReportFromGetReport(deps.reports, input.reportId));
  const landsOnce = placement.reportConfigId !== undefined;
  const key = manifestKey({ sellingPartnerId: input.sellingPartnerId, reportId: input.reportId });
  const stored = await storedReportManifest(deps.store, key);
  if (landsOnce && stored === undefined) {
    const landed = await landedThroughAnother(deps.store, input, placement);
    if (landed !== undefined) return landed;
  }
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
      ...(input.timeLimit === undefined ? {} : { timeLimit: input.timeLimit }),
    }));
  const done = buildLedgerEntry({
    ...ledgerUnit({ ...input, reportType: manifest.reportType }, placement),
    outcome: LedgerOutcome.Done,
    rows: manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0),
    reportId: manifest.reportId,
    recordedAt: new Date(deps.clock.now()),
  });
  const ledger = await recordLedgerEntry(
    deps.store,
    done,
    (entry) =>
      landsOnce && entry.outcome === LedgerOutcome.Done && entry.reportId !== input.reportId,
  );
  if (ledger.entry.reportId !== input.reportId) {
    // Another report of the window landed first (a replay racing this retrieval).
    const landed = await landedThroughAnother(deps.store, input, placement);
    if (landed !== undefined) {
      await takeBackReport(deps.store, manifest);
      return landed;
    }
    // That report's manifest is gone: this one lands after all.
    await recordLedgerEntry(deps.store, done);
  }
  return {
    manifest,
    manifestKey: key,
    ledgerKey: ledger.key,
    alreadyIngested: stored !== undefined,
  };
}

// The window's result when its ledger entry says DONE through another report that has landed.
async function landedThroughAnother(
  store: ObjectStore,
  input: IngestDoneReportInput,
  placement: ReportPlacement,
): Promise<IngestDoneReportResult | undefined> {
  const unitKey = ledgerKey(ledgerUnit(input, placement));
  const entry = await readLedgerEntry(store, unitKey);
  if (entry?.outcome !== LedgerOutcome.Done || entry.reportId === input.reportId) return undefined;
  const otherKey = manifestKey({
    sellingPartnerId: input.sellingPartnerId,
    reportId: entry.reportId,
  });
  const other = await storedReportManifest(store, otherKey);
  if (other === undefined) return undefined;
  return {
    manifest: other,
    manifestKey: otherKey,
    ledgerKey: unitKey,
    alreadyIngested: true,
    landedThrough: entry.reportId,
  };
}
