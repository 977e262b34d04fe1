import {
  type CurationInputs,
  LedgerOutcome,
  type ObjectStore,
  type ReportManifest,
  ledgerPrefix,
  manifestKey,
  manifestPrefix,
  updateLedgerEntry,
} from '@spapi-lake/lake';
import { type CurationResult, type TsvCuration, curateDocument } from './curate-document';
import { ReplayNotPossibleError } from './errors';
import { findReportDefinition } from './find-report-definition';
import { landedKeysStore } from './landed-keys-store';
import type { ClockPort, DocumentPort, ParquetSinkFactory, ReportRecord } from './ports';
import {
  curatedObjectKeys,
  deleteUnlistedCurated,
  deleteUnlistedKeys,
  reportManifestOf,
  sameApartFromIngestedAt,
  storeReportManifest,
  storedReportManifest,
} from './report-manifest';
import { withinTimeLimit } from './within-time-limit';
import { withReportLease } from './report-lease';

/** What a replay needs: the lake and curation, and no SP-API at all. */
export interface ReplayReportDeps {
  readonly store: ObjectStore;
  readonly documents: Pick<DocumentPort, 'decode' | 'decompress'>;
  readonly openParquetSink: ParquetSinkFactory;
  readonly clock: ClockPort;
  readonly maxBufferedRows?: number;
  readonly tsvCuration?: TsvCuration;
  /**
   * Renew each report's lease this often while it is replayed (see withReportLease): a replay from
   * a workstation has no 15-minute limit, so a huge document can outlast a lease.
   */
  readonly leaseRenewEveryMs?: number;
  /** See RetrieveReportDeps: recorded when curating a kept raw copy with these dependencies. */
  readonly recordedRowGroupSize?: number;
  /**
   * Curation writing the row groups a report's manifest records (`undefined`: the size manifests
   * without one were curated with): a replay rebuilds the report with it, so its files come out
   * byte for byte as retrieval wrote them. Without it, a report is curated with the dependencies
   * above and their size is recorded.
   */
  readonly withRowGroupSize?: (rowGroupSize: number | undefined) => RowGroupCuration;
}

/** The dependencies that decide a report's row groups. */
export type RowGroupCuration = Required<
  Pick<ReplayReportDeps, 'openParquetSink' | 'maxBufferedRows' | 'tsvCuration'>
> &
  Pick<ReplayReportDeps, 'recordedRowGroupSize'>;

export interface ReplayReportInput {
  readonly sellingPartnerId: string;
  readonly reportId: string;
}

/** What one replay did. */
export interface ReplayedReport {
  /** The manifest stored after the replay (the earlier one when nothing changed). */
  readonly manifest: ReportManifest;
  readonly previous: ReportManifest;
  /** Whether the replay changed what the manifest says (rows, partitions, quarantine, schema). */
  readonly manifestChanged: boolean;
  /** Curated and quarantine objects of the earlier manifest that the replay no longer writes. */
  readonly removedKeys: readonly string[];
  /** DONE ledger entries of the report whose row count the replay changed. */
  readonly ledgerKeysUpdated: readonly string[];
}

/**
 * Rebuilds a report's curated objects from its raw document, as ingestion would write them with
 * today's parsers and schemas: reads the manifest (raw key, charset, compression, curation inputs),
 * curates the raw bytes again, deletes the objects the earlier manifest lists that are no longer
 * written, then stores the new manifest. Replaying with unchanged code rewrites the same objects
 * with the same bytes and keeps the manifest, so the lake does not change.
 */
export function replayReport(
  deps: ReplayReportDeps,
  input: ReplayReportInput,
): Promise<ReplayedReport> {
  // Never beside a retrieval (or another replay) of the report: see withReportLease.
  return withReportLease(deps, input, () => replayReportHoldingLease(deps, input));
}

async function replayReportHoldingLease(
  deps: ReplayReportDeps,
  input: ReplayReportInput,
): Promise<ReplayedReport> {
  const previous = await storedReportManifest(deps.store, manifestKey(input));
  if (!previous) {
    throw new ReplayNotPossibleError(
      `report ${input.reportId} of ${input.sellingPartnerId} has no readable manifest in the lake`,
    );
  }
  const inputs = previous.curationInputs;
  const [marketplaceId] = previous.marketplaceIds;
  if (!inputs || !marketplaceId || previous.marketplaceIds.length !== 1) {
    throw new ReplayNotPossibleError(
      `the manifest of report ${input.reportId} predates replay (no curation inputs): ` +
        'retrieve the report again instead',
    );
  }
  const definition = findReportDefinition(previous.reportType);
  if (!definition && previous.datasets.length > 0) {
    // Replaying would delete every curated object of the report.
    throw new ReplayNotPossibleError(
      `report type ${previous.reportType} of report ${input.reportId} is no longer in the registry`,
    );
  }
  const next = await manifestFromRaw(deps, { ...previous, curationInputs: inputs });
  const written = new Set(curatedObjectKeys(next));
  const removedKeys = curatedObjectKeys(previous).filter((key) => !written.has(key));
  // Deleted before the new manifest is stored: a replay cut short in between leaves a manifest
  // that still names them, and the next replay deletes them again.
  for (const key of removedKeys) await deps.store.deleteObject(key);
  // Also before the manifest: a replay cut short after it would not see the count change again.
  const ledgerKeysUpdated =
    rowsOf(next) === rowsOf(previous)
      ? []
      : await updateLedgerRows(deps.store, next, new Date(deps.clock.now()));
  return {
    manifest: await storeReportManifest(deps.store, next),
    previous,
    manifestChanged: !sameApartFromIngestedAt(previous, next),
    removedKeys,
    ledgerKeysUpdated,
  };
}

/** What a replay curates from: a manifest's or an uncurated report's facts about the raw copy. */
export type RawReportFacts = Pick<
  ReportManifest,
  | 'reportId'
  | 'reportType'
  | 'sellingPartnerId'
  | 'marketplaceIds'
  | 'dataEndTime'
  | 'documentId'
  | 'compression'
  | 'charset'
  | 'rawKey'
  | 'rawBytes'
> & { readonly curationInputs: CurationInputs };

/**
 * Curates a report's raw copy again, as its retrieval would with today's registry (a report type
 * it no longer knows is kept raw only), and says what the manifest would then be. A `timeLimit`
 * that aborts stops it with CurationOutOfTimeError (see retrieveReport).
 */
export async function manifestFromRaw(
  deps: ReplayReportDeps,
  facts: RawReportFacts,
  timeLimit?: AbortSignal,
): Promise<ReportManifest> {
  const inputs = facts.curationInputs;
  const [marketplaceId] = facts.marketplaceIds;
  if (!marketplaceId || facts.marketplaceIds.length !== 1) {
    throw new ReplayNotPossibleError(
      `report ${facts.reportId} does not name exactly one marketplace: retrieve it again instead`,
    );
  }
  const report: ReportRecord = {
    reportId: facts.reportId,
    reportType: facts.reportType,
    processingStatus: 'DONE',
    marketplaceIds: facts.marketplaceIds,
    dataStartTime: inputs.windowStart,
    dataEndTime: facts.dataEndTime,
    createdTime: inputs.reportProcessedAt,
    processingEndTime: inputs.reportProcessedAt,
    reportDocumentId: facts.documentId,
  };
  const definition = findReportDefinition(facts.reportType);
  const curating =
    deps.withRowGroupSize === undefined
      ? deps
      : { ...deps, ...rowGroupCurationOf(deps.withRowGroupSize(inputs.rowGroupSize)) };
  let curated: CurationResult | undefined;
  if (definition) {
    await requireWholeRawCopy(deps.store, facts);
    const raw = await deps.store.getStream(facts.rawKey);
    const encoding = { compression: facts.compression, charset: facts.charset };
    const curation = landedKeysStore(deps.store);
    try {
      curated = await withinTimeLimit(
        curateDocument(
          { ...curating, store: curation.store },
          {
            definition,
            report,
            sellingPartnerId: facts.sellingPartnerId,
            marketplaceId,
            windowStart: inputs.windowStart,
            document: {
              text: () => deps.documents.decode(raw, encoding),
              bytes: () => deps.documents.decompress(raw, encoding),
            },
          },
        ),
        timeLimit,
        facts.reportId,
        (reason) => raw.destroy(reason),
      );
    } catch (error) {
      // Files completed before the failure would stay without a manifest (see retrieveReport).
      await deleteUnlistedKeys(deps.store, [...curation.landed], facts);
      throw error;
    } finally {
      raw.destroy();
    }
  }
  try {
    return reportManifestOf({
      report,
      definition,
      sellingPartnerId: facts.sellingPartnerId,
      marketplaceId,
      windowStart: inputs.windowStart,
      documentId: facts.documentId,
      compression: facts.compression,
      charset: facts.charset,
      rawKey: facts.rawKey,
      rawBytes: facts.rawBytes,
      rowGroupSize: curating.recordedRowGroupSize,
      curated,
      ingestedAt: new Date(deps.clock.now()),
    });
  } catch (error) {
    // No manifest can say what was written: take back what no stored manifest lists.
    if (curated) await deleteUnlistedCurated(deps.store, curated, facts);
    throw error;
  }
}

// A raw copy cut short or replaced would be curated short without an error, and its replay would
// take rows out of the lake.
async function requireWholeRawCopy(
  store: ObjectStore,
  facts: { readonly rawKey: string; readonly rawBytes: number; readonly reportId: string },
): Promise<void> {
  const size = await objectSize(store, facts.rawKey);
  if (size === facts.rawBytes) return;
  throw new ReplayNotPossibleError(
    size === undefined
      ? `the raw copy of report ${facts.reportId} is missing (${facts.rawKey})`
      : `the raw copy of report ${facts.reportId} holds ${size} bytes where ${facts.rawBytes} were kept (${facts.rawKey})`,
  );
}

/** The size of the object at `key`, or undefined when there is none. */
export async function objectSize(store: ObjectStore, key: string): Promise<number | undefined> {
  let size: number | undefined;
  for await (const object of store.list(key)) {
    if (object.key === key) size = object.size;
  }
  return size;
}

// Only what decides the row groups: the store, the documents and the clock stay the caller's.
function rowGroupCurationOf(curation: RowGroupCuration): RowGroupCuration {
  return {
    openParquetSink: curation.openParquetSink,
    maxBufferedRows: curation.maxBufferedRows,
    tsvCuration: curation.tsvCuration,
    recordedRowGroupSize: curation.recordedRowGroupSize,
  };
}

function rowsOf(manifest: ReportManifest): number {
  return manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0);
}

// The window's ledger entry says how many rows its report landed: a replay that changes the count
// rewrites it. Entries are found by report id under the partner's and report type's prefix.
async function updateLedgerRows(
  store: ObjectStore,
  manifest: ReportManifest,
  now: Date,
): Promise<string[]> {
  const rows = rowsOf(manifest);
  const updated: string[] = [];
  for await (const object of store.list(ledgerPrefix(manifest))) {
    if (!object.key.endsWith('.json')) continue;
    // Compare-and-swap: an entry a retrieval rewrites meanwhile is decided on as it is then.
    const update = await updateLedgerEntry(store, object.key, (entry) =>
      entry === undefined ||
      entry.reportId !== manifest.reportId ||
      entry.outcome !== LedgerOutcome.Done ||
      entry.rows === rows
        ? undefined
        : { ...entry, rows, recordedAt: now.toISOString() },
    );
    if (update.written) updated.push(object.key);
  }
  return updated;
}

// `_manifests/reports/selling_partner_id=<id>/<reportId>.json` (see manifestKey).
const MANIFEST_KEY = /^_manifests\/reports\/selling_partner_id=([^/]+)\/([^/]+)\.json$/;

/**
 * The reports whose manifests the lake holds (of one selling partner, when given), in key order,
 * read from the keys: a manifest that does not parse is still listed, and its replay fails alone.
 */
export async function* manifestedReports(
  store: ObjectStore,
  filter: { readonly sellingPartnerId?: string } = {},
): AsyncIterable<ReplayReportInput> {
  for await (const object of store.list(manifestPrefix(filter))) {
    const match = MANIFEST_KEY.exec(object.key);
    if (match?.[1] && match[2]) yield { sellingPartnerId: match[1], reportId: match[2] };
  }
}
