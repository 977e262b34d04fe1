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
  serializeLedgerEntry,
  uncuratedReportKey,
  uncuratedReportPrefix,
} from '@spapi-lake/lake';
import { ReplayNotPossibleError } from './errors';
import { type ReplayReportDeps, type ReplayReportInput, manifestFromRaw } from './replay-report';
import { findReportDefinition } from './find-report-definition';
import {
  curatedObjectKeys,
  failedAgain,
  storeReportManifest,
  storedDocument,
  storeUncuratedReport,
  storedReportManifest,
  storedUncuratedReport,
} from './report-manifest';

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

const FINAL_OUTCOMES: ReadonlySet<string> = new Set([LedgerOutcome.Done, LedgerOutcome.Cancelled]);

/**
 * Curates a report whose document could not be curated when it was retrieved (its raw copy and
 * its uncurated-report record are in the lake), with today's parsers and schemas and without
 * SP-API. On success the manifest is stored, the window's ledger entry becomes DONE with the row
 * count, and the record is removed. A report whose window has meanwhile ended DONE or CANCELLED
 * through another report is left uncurated (curating it would land the window twice), and its
 * record removed; one that still fails keeps its record, with the new reason. A retryable error
 * (the store) is thrown, and the record stays as it was.
 */
export async function replayUncuratedReport(
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
  if (landed) {
    // A replay cut short after the manifest may not have written the ledger yet.
    await recordWindowDone(deps, record, landed);
    await deps.store.deleteObject(recordKey);
    return { kind: 'already-curated', manifest: landed };
  }
  if (!findReportDefinition(record.reportType)) {
    // Its raw copy would land as a report of no rows, and the window as DONE without its data.
    throw new ReplayNotPossibleError(
      `report type ${record.reportType} of report ${input.reportId} is not in the registry`,
    );
  }
  const ended = await windowEndedElsewhere(deps.store, record);
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
  // Curation takes a while: the window may have landed through another report meanwhile.
  const endedMeanwhile = await windowEndedElsewhere(deps.store, record);
  if (endedMeanwhile) {
    await Promise.all(curatedObjectKeys(next).map((key) => deps.store.deleteObject(key)));
    await deps.store.deleteObject(recordKey);
    return { kind: 'superseded', ...endedMeanwhile };
  }
  const manifest = await storeReportManifest(deps.store, next);
  const ledger = await recordWindowDone(deps, record, manifest);
  await deps.store.deleteObject(recordKey);
  return { kind: 'curated', manifest, ...(ledger === undefined ? {} : { ledgerKey: ledger }) };
}

// The window's ledger entry, when it names another report and a final outcome.
async function windowEndedElsewhere(
  store: ObjectStore,
  record: UncuratedReport,
): Promise<{ ledgerKey: string; byReportId: string } | undefined> {
  const unit = ledgerUnitOf(record);
  if (unit === undefined) return undefined;
  const key = ledgerKey(unit);
  const entry = await storedLedgerEntry(store, key);
  if (!entry || entry.reportId === record.reportId || !FINAL_OUTCOMES.has(entry.outcome)) {
    return undefined;
  }
  return { ledgerKey: key, byReportId: entry.reportId };
}

// Writes the window's DONE entry (the FATAL one the failed retrieval left is replaced), unless
// the entry already says DONE with these rows or names another report's final outcome.
async function recordWindowDone(
  deps: ReplayReportDeps,
  record: UncuratedReport,
  manifest: ReportManifest,
): Promise<string | undefined> {
  const unit = ledgerUnitOf(record);
  if (unit === undefined) return undefined;
  const rows = manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0);
  const entry = buildLedgerEntry({
    ...unit,
    outcome: LedgerOutcome.Done,
    rows,
    reportId: record.reportId,
    recordedAt: new Date(deps.clock.now()),
  });
  const key = ledgerKey(entry);
  const stored = await storedLedgerEntry(deps.store, key);
  if (stored && stored.reportId !== record.reportId && FINAL_OUTCOMES.has(stored.outcome)) {
    return undefined;
  }
  if (stored?.outcome === LedgerOutcome.Done && stored.rows === rows) return key;
  await deps.store.putObject(key, serializeLedgerEntry(entry), { contentType: 'application/json' });
  return key;
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
