import {
  LedgerOutcome,
  ManifestInvalidError,
  type ObjectStore,
  type ReportManifest,
  ledgerPrefix,
  manifestKey,
  manifestPrefix,
  parseLedgerEntry,
  parseReportManifest,
  serializeLedgerEntry,
} from '@spapi-lake/lake';
import { type CurationResult, type TsvCuration, curateDocument } from './curate-document';
import { ReplayNotPossibleError } from './errors';
import { findReportDefinition } from './find-report-definition';
import type { ClockPort, DocumentPort, ParquetSinkFactory, ReportRecord } from './ports';
import {
  reportManifestOf,
  sameApartFromIngestedAt,
  storeReportManifest,
  storedReportManifest,
} from './report-manifest';

/** What a replay needs: the lake and curation, and no SP-API at all. */
export interface ReplayReportDeps {
  readonly store: ObjectStore;
  readonly documents: Pick<DocumentPort, 'decode' | 'decompress'>;
  readonly openParquetSink: ParquetSinkFactory;
  readonly clock: ClockPort;
  readonly maxBufferedRows?: number;
  readonly tsvCuration?: TsvCuration;
}

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
export async function replayReport(
  deps: ReplayReportDeps,
  input: ReplayReportInput,
): Promise<ReplayedReport> {
  const previous = await storedReportManifest(deps.store, manifestKey(input));
  if (!previous) {
    throw new ReplayNotPossibleError(
      `report ${input.reportId} of ${input.sellingPartnerId} has no manifest in the lake`,
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
  const report: ReportRecord = {
    reportId: previous.reportId,
    reportType: previous.reportType,
    processingStatus: 'DONE',
    marketplaceIds: previous.marketplaceIds,
    dataStartTime: inputs.windowStart,
    dataEndTime: previous.dataEndTime,
    createdTime: inputs.reportProcessedAt,
    processingEndTime: inputs.reportProcessedAt,
    reportDocumentId: previous.documentId,
  };
  const definition = findReportDefinition(previous.reportType);
  let curated: CurationResult | undefined;
  if (definition) {
    const raw = await deps.store.getStream(previous.rawKey);
    const encoding = { compression: previous.compression, charset: previous.charset };
    try {
      curated = await curateDocument(deps, {
        definition,
        report,
        sellingPartnerId: previous.sellingPartnerId,
        marketplaceId,
        windowStart: inputs.windowStart,
        document: {
          text: () => deps.documents.decode(raw, encoding),
          bytes: () => deps.documents.decompress(raw, encoding),
        },
      });
    } finally {
      raw.destroy();
    }
  }
  const next = reportManifestOf({
    report,
    definition,
    sellingPartnerId: previous.sellingPartnerId,
    marketplaceId,
    windowStart: inputs.windowStart,
    documentId: previous.documentId,
    compression: previous.compression,
    charset: previous.charset,
    rawKey: previous.rawKey,
    rawBytes: previous.rawBytes,
    curated,
    ingestedAt: new Date(deps.clock.now()),
  });
  const written = new Set(objectKeysOf(next));
  const removedKeys = objectKeysOf(previous).filter((key) => !written.has(key));
  // Deleted before the new manifest is stored: a replay cut short in between leaves a manifest
  // that still names them, and the next replay deletes them again.
  for (const key of removedKeys) await deps.store.deleteObject(key);
  const manifest = await storeReportManifest(deps.store, next);
  const manifestChanged = !sameApartFromIngestedAt(previous, next);
  return {
    manifest,
    previous,
    manifestChanged,
    removedKeys,
    ledgerKeysUpdated: manifestChanged
      ? await updateLedgerRows(deps.store, manifest, new Date(deps.clock.now()))
      : [],
  };
}

// The window's ledger entry says how many rows its report landed: a replay that changes the count
// rewrites it. Entries are found by report id under the partner's and report type's prefix.
async function updateLedgerRows(
  store: ObjectStore,
  manifest: ReportManifest,
  now: Date,
): Promise<string[]> {
  const rows = manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0);
  const updated: string[] = [];
  for await (const object of store.list(ledgerPrefix(manifest))) {
    if (!object.key.endsWith('.json')) continue;
    let entry;
    try {
      entry = parseLedgerEntry(await store.getObject(object.key));
    } catch (error) {
      if (error instanceof ManifestInvalidError) continue;
      throw error;
    }
    if (entry.reportId !== manifest.reportId || entry.outcome !== LedgerOutcome.Done) continue;
    if (entry.rows === rows) continue;
    await store.putObject(
      object.key,
      serializeLedgerEntry({ ...entry, rows, recordedAt: now.toISOString() }),
      { contentType: 'application/json' },
    );
    updated.push(object.key);
  }
  return updated;
}

/** The reports whose manifests the lake holds (of one selling partner, when given), in key order. */
export async function* manifestedReports(
  store: ObjectStore,
  filter: { readonly sellingPartnerId?: string } = {},
): AsyncIterable<ReplayReportInput> {
  for await (const object of store.list(manifestPrefix(filter))) {
    if (!object.key.endsWith('.json')) continue;
    const manifest = parseReportManifest(await store.getObject(object.key));
    yield { sellingPartnerId: manifest.sellingPartnerId, reportId: manifest.reportId };
  }
}

function objectKeysOf(manifest: ReportManifest): string[] {
  return manifest.datasets.flatMap((dataset) => [
    ...dataset.partitions,
    ...(dataset.quarantineKey === undefined ? [] : [dataset.quarantineKey]),
  ]);
}
