import { isRetryable } from '@spapi-lake/core';
import {
  type LedgerKeyInput,
  LedgerOutcome,
  type ObjectStore,
  type ReportManifest,
  type UncuratedReport,
  buildLedgerEntry,
  ledgerKey,
  manifestKey,
  parseLedgerEntry,
  uncuratedReportKey,
  uncuratedReportPrefix,
  updateLedgerEntry,
} from '@spapi-lake/lake';
import { ReplayNotPossibleError } from './errors';
import { type ReplayReportDeps, type ReplayReportInput, manifestFromRaw } from './replay-report';
import { findReportDefinition } from './find-report-definition';
import {
  curatedObjectKeys,
  deleteUnlistedKeys,
  failedAgain,
  storeReportManifest,
  storedDocument,
  storeUncuratedReport,
  storedReportManifest,
  storedUncuratedReport,
  takeBackReport,
} from './report-manifest';
import { withReportLease } from './report-lease';

/** What replaying an uncurated report did. */
export type UncuratedReplay =
  /** Curated now: the manifest landed and the window's ledger entry says DONE. */
  | { readonly kind: 'curated'; readonly manifest: ReportManifest; readonly ledgerKey?: string }
  /** The report had landed since (a later retrieval): only the stale record was removed. */
  | { readonly kind: 'already-curated'; readonly manifest: ReportManifest }
  /** Its window ended through another report meanwhile: not curated (that would duplicate it). */
  | { readonly kind: 'superseded'; readonly ledgerKey: string; readonly byReportId: string }
  /** Still cannot be curated: the record now says the latest reason. */
  | { readonly kind: 'still-failing'; readonly record: UncuratedReport };

/**
 * Curates a report whose document could not be curated when it was retrieved (its raw copy and
 * its uncurated-report record are in the lake), with today's parsers and schemas and without
 * SP-API. On success the manifest is stored, the window's ledger entry becomes DONE with the row
 * count, and the record is removed. A fan-out window lands once: when its ledger entry says DONE
 * through another report (before the replay, or once it has curated), this report is left
 * uncurated or taken back, and its record removed. One that still fails keeps its record, with
 * the new reason. A retryable error (the store) is thrown, and the record stays as it was; a
 * replay cut short is finished by the next one.
 */
export function replayUncuratedReport(
  deps: ReplayReportDeps,
  input: ReplayReportInput,
): Promise<UncuratedReplay> {
  // Never beside a retrieval (or another replay) of the report: see withReportLease.
  return withReportLease(deps, input, () => replayUncuratedReportHoldingLease(deps, input));
}

async function replayUncuratedReportHoldingLease(
  deps: ReplayReportDeps,
  input: ReplayReportInput,
): Promise<UncuratedReplay> {
  const recordKey = uncuratedReportKey(input);
  const record = await storedUncuratedReport(deps.store, recordKey);
  if (!record) {
    throw new ReplayNotPossibleError(
      `report ${input.reportId} of ${input.sellingPartnerId} has no readable uncurated-report record`,
    );
  }
  const landed = await storedReportManifest(deps.store, manifestKey(input));
  let manifest = landed;
  if (!manifest) {
    if (!findReportDefinition(record.reportType)) {
      // Its raw copy would land as a report of no rows, and the window as DONE without its data.
      throw new ReplayNotPossibleError(
        `report type ${record.reportType} of report ${input.reportId} is not in the registry`,
      );
    }
    const ended = await landedThroughAnother(deps.store, record);
    if (ended) {
      await deps.store.deleteObject(recordKey);
      return { kind: 'superseded', ...ended };
    }
    let next: ReportManifest;
    try {
      next = await manifestFromRaw(deps, record);
    } catch (error) {
      if (isRetryable(error) || error instanceof ReplayNotPossibleError) throw error;
      const failed = failedAgain(record, error, new Date(deps.clock.now()));
      await storeUncuratedReport(deps.store, failed);
      return { kind: 'still-failing', record: failed };
    }
    try {
      manifest = await storeReportManifest(deps.store, next);
    } catch (error) {
      // No curated row is left without its manifest (a later report of the window would land
      // its rows beside them, for good).
      await deleteUnlistedKeys(deps.store, curatedObjectKeys(next), record);
      throw error;
    }
  }
  const window = await recordWindowDone(deps, record, manifest);
  if (window.kind === 'landed-elsewhere') {
    // Another report of the window landed first (curation takes a while).
    await takeBackReport(deps.store, manifest);
    await deps.store.deleteObject(recordKey);
    return { kind: 'superseded', ledgerKey: window.ledgerKey, byReportId: window.byReportId };
  }
  await deps.store.deleteObject(recordKey);
  if (landed) return { kind: 'already-curated', manifest };
  return {
    kind: 'curated',
    manifest,
    ...(window.kind === 'recorded' ? { ledgerKey: window.ledgerKey } : {}),
  };
}

type WindowEnding =
  | { readonly kind: 'no-window' }
  | { readonly kind: 'recorded'; readonly ledgerKey: string }
  | { readonly kind: 'landed-elsewhere'; readonly ledgerKey: string; readonly byReportId: string };

// The window's ledger entry, when it says DONE through another report (fan-out windows only:
// two Amazon-generated reports of one interval both land, as in retrieval).
async function landedThroughAnother(
  store: ObjectStore,
  record: UncuratedReport,
): Promise<{ ledgerKey: string; byReportId: string } | undefined> {
  const unit = ledgerUnitOf(record);
  if (unit?.reportConfigId === undefined) return undefined;
  const key = ledgerKey(unit);
  const entry = await storedLedgerEntry(store, key);
  if (entry?.outcome !== LedgerOutcome.Done || entry.reportId === record.reportId) return undefined;
  return { ledgerKey: key, byReportId: entry.reportId };
}

// Writes the window's DONE entry (over the FATAL one the failed retrieval left), unless it says
// so already, or (fan-out windows only, as in retrieval) says DONE through another report. A
// compare-and-swap: a retrieval of the window finishing meanwhile is seen.
async function recordWindowDone(
  deps: ReplayReportDeps,
  record: UncuratedReport,
  manifest: ReportManifest,
): Promise<WindowEnding> {
  const unit = ledgerUnitOf(record);
  if (unit === undefined) return { kind: 'no-window' };
  const rows = manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0);
  const entry = buildLedgerEntry({
    ...unit,
    outcome: LedgerOutcome.Done,
    rows,
    reportId: record.reportId,
    recordedAt: new Date(deps.clock.now()),
  });
  // Two Amazon-generated reports of one interval both land: the later DONE entry is written.
  const landsOnce = unit.reportConfigId !== undefined;
  const update = await updateLedgerEntry(deps.store, ledgerKey(entry), (stored) => {
    if (stored?.outcome !== LedgerOutcome.Done) return entry;
    if (stored.reportId === record.reportId) return stored.rows === rows ? undefined : entry;
    return landsOnce ? undefined : entry;
  });
  const stored = update.entry;
  if (stored !== undefined && stored.reportId !== record.reportId) {
    return { kind: 'landed-elsewhere', ledgerKey: update.key, byReportId: stored.reportId };
  }
  return { kind: 'recorded', ledgerKey: update.key };
}

// The record's ingestion unit as the ledger names it.
function ledgerUnitOf(record: UncuratedReport): LedgerKeyInput | undefined {
  const unit = record.ledgerUnit;
  return unit === undefined
    ? undefined
    : {
        sellingPartnerId: record.sellingPartnerId,
        reportType: record.reportType,
        reportConfigId: unit.reportConfigId,
        marketplaceIds: unit.marketplaceIds,
        windowStart: unit.windowStart,
        windowEnd: unit.windowEnd,
      };
}

function storedLedgerEntry(store: ObjectStore, key: string) {
  return storedDocument(store, key, parseLedgerEntry);
}

// `_manifests/uncurated-reports/selling_partner_id=<id>/<reportId>.json` (see uncuratedReportKey).
const RECORD_KEY = /^_manifests\/uncurated-reports\/selling_partner_id=([^/]+)\/([^/]+)\.json$/;

/** The reports the lake keeps uncurated (of one selling partner, when given), in key order. */
export async function* uncuratedReports(
  store: ObjectStore,
  filter: { readonly sellingPartnerId?: string } = {},
): AsyncIterable<ReplayReportInput> {
  for await (const object of store.list(uncuratedReportPrefix(filter))) {
    const match = RECORD_KEY.exec(object.key);
    if (match?.[1] && match[2]) yield { sellingPartnerId: match[1], reportId: match[2] };
  }
}
