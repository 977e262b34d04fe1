import { PassThrough, type Readable } from 'node:stream';
import { isRetryable } from '@spapi-lake/core';
import {
  type ObjectStore,
  type ReportManifest,
  type UncuratedReportInput,
  rawReportKey,
  uncuratedReportKey,
} from '@spapi-lake/lake';
import { type ReportTypeDefinition, isRestrictedReportType } from '@spapi-lake/reports';
import { type CurationResult, type TsvCuration, curateDocument } from './curate-document';
import { curateKeptRawCopy, keptRawCopyOf } from './curate-kept-raw-copy';
import { ReportMarketplaceUnknownError, ReportNotReadyError } from './errors';
import { isStoreError } from './is-store-error';
import { withinTimeLimit } from './within-time-limit';
import { landedKeysStore } from './landed-keys-store';
import {
  deleteUnlistedCurated,
  deleteUnlistedKeys,
  reportManifestOf,
  storeReportManifest,
  storeUncuratedReport,
  uncuratedReportOf,
} from './report-manifest';
import { findReportDefinition } from './find-report-definition';
import type {
  ClockPort,
  DocumentPort,
  ParquetSinkFactory,
  ReportDocumentLocation,
  ReportRecord,
  ReportsPort,
} from './ports';

export interface RetrieveReportDeps {
  readonly reports: ReportsPort;
  readonly documents: DocumentPort;
  readonly store: ObjectStore;
  readonly openParquetSink: ParquetSinkFactory;
  readonly clock: ClockPort;
  /** Rows the open Parquet sinks of one document may buffer together (memory bound). */
  readonly maxBufferedRows?: number;
  /** Columnar curation of TSV documents (see curateTsvDocument); without it they take the row path. */
  readonly tsvCuration?: TsvCuration;
  /**
   * The rows per Parquet row group the sinks write, when not the default: recorded in the manifest,
   * so that a replay writes the same row groups.
   */
  readonly recordedRowGroupSize?: number;
}

export interface RetrieveReportInput {
  readonly sellingPartnerId: string;
  readonly reportId: string;
  /** The marketplace rows belong to, when the report itself does not name exactly one. */
  readonly marketplaceId?: string;
  /**
   * The ingestion unit (ledger entry) the report was retrieved for: recorded with a document that
   * cannot be curated, so that its replay can record the window's outcome.
   */
  readonly ledgerUnit?: UncuratedReportInput['ledgerUnit'];
  /**
   * Aborts when curation must stop (the invocation's time is nearly up): it stops with
   * CurationOutOfTimeError, and the raw copy is finished and kept like that of a document that
   * cannot be curated.
   */
  readonly timeLimit?: AbortSignal;
}

/**
 * Retrieves one DONE report: streams its document once, keeping the bytes exactly as received in the
 * raw zone and, in the same pass, writing typed Parquet per (dataset, marketplace, dt) to the curated
 * zone; quarantines rows that cannot be curated; then writes the report's manifest. Processing the
 * same report again writes the same keys with the same bytes (the manifest, equal but for its
 * `ingestedAt`, is kept as stored), so nothing is ever duplicated. On failure no upload is left
 * running and no curated object or manifest lands; only a document that cannot be curated (a
 * non-retryable error that is not the store's) keeps its whole raw copy, with an uncurated-report record beside the
 * manifests saying why and what a replay needs (see replayUncuratedReport). Retrieving such a report
 * again (its window's next try reuses it) curates that raw copy instead of downloading the document
 * once more: the code deployed since the failure lands it, or the record says the new reason.
 */
export async function retrieveReport(
  deps: RetrieveReportDeps,
  input: RetrieveReportInput,
): Promise<ReportManifest> {
  const served = await deps.reports.getReport(input.reportId);
  const definition = findReportDefinition(served.reportType);
  const report = placedReport(served, definition, input.ledgerUnit);
  const reportDocumentId = report.reportDocumentId;
  if (report.processingStatus !== 'DONE' || !reportDocumentId) {
    throw new ReportNotReadyError(report.reportId, report.processingStatus);
  }
  const marketplaceId =
    report.marketplaceIds?.length === 1 ? report.marketplaceIds[0] : input.marketplaceId;
  if (!marketplaceId) throw new ReportMarketplaceUnknownError(report.reportId);
  const kept = await keptRawCopyOf(deps.store, input);
  if (kept !== undefined) return curateKeptRawCopy(deps, kept, input.timeLimit);
  const windowStart = report.dataStartTime ?? report.createdTime;

  const requestDocument = () => requestReportDocument(deps.reports, report, reportDocumentId);
  // The format decides the charset of JSON reports (always UTF-8); flat files follow the header.
  const opened = await deps.documents.open(
    await requestDocument(),
    requestDocument,
    marketplaceId,
    {
      format: definition?.format,
    },
  );
  const rawKey = rawReportKey({
    reportType: report.reportType,
    sellingPartnerId: input.sellingPartnerId,
    dt: windowStart.slice(0, 10),
    reportId: report.reportId,
    format: definition?.format ?? 'tsv',
    compression: opened.compression,
  });

  const facts = {
    report,
    sellingPartnerId: input.sellingPartnerId,
    marketplaceId,
    windowStart,
    documentId: reportDocumentId,
    compression: opened.compression,
    charset: opened.charset,
    rawKey,
    rowGroupSize: deps.recordedRowGroupSize,
  };

  const [rawCopy, parseCopy] = tee(opened.bytes);
  const rawUpload = deps.store.putStream(rawKey, rawCopy, {
    contentType: opened.compression === 'GZIP' ? 'application/gzip' : 'text/plain',
  });
  // Awaited below; without this a failure during curation would surface as unhandled first.
  rawUpload.catch(() => undefined);

  let curated: CurationResult | undefined;
  let raw: { bytes: number } | undefined;
  let manifest: ReportManifest;
  const curation = landedKeysStore(deps.store);
  try {
    curated = definition
      ? await withinTimeLimit(
          curateDocument(
            { ...deps, store: curation.store },
            {
              definition,
              report,
              sellingPartnerId: input.sellingPartnerId,
              marketplaceId,
              windowStart,
              document: {
                text: () => deps.documents.decode(parseCopy, opened),
                bytes: () => deps.documents.decompress(parseCopy, opened),
              },
            },
          ),
          input.timeLimit,
          report.reportId,
          (reason) => parseCopy.destroy(reason),
        )
      : (parseCopy.resume(), undefined);
    raw = await rawUpload;
    // Built here: a manifest that cannot be built fails the retrieval like the curation would.
    manifest = reportManifestOf({
      ...facts,
      definition,
      rawBytes: raw.bytes,
      curated,
      ingestedAt: new Date(deps.clock.now()),
    });
    // Inside: a manifest that cannot be stored takes the curated objects back like any failure.
    manifest = await storeReportManifest(deps.store, manifest);
  } catch (error) {
    let kept = raw;
    if (!curated) {
      // Curation failed midway: files it had completed (whole days of a sorted document) landed
      // without a manifest; a later report of the window would duplicate their rows.
      await deleteUnlistedKeys(deps.store, [...curation.landed], input);
    }
    if (curated) {
      // The raw copy (or the manifest) failed after the curated objects landed: take them back,
      // so that no curated row is left without its raw document and manifest (a later report of
      // the window would duplicate it).
      await deleteUnlistedCurated(deps.store, curated, input);
    } else if (!isRetryable(error) && !isStoreError(error)) {
      // The document itself cannot be curated (a retry would fail the same way): its bytes, as
      // received, are kept.
      // Unpiped explicitly: a parse copy the parser destroyed would otherwise keep the download
      // waiting for its 'drain' for ever.
      opened.bytes.unpipe(parseCopy);
      parseCopy.destroy();
      opened.bytes.resume();
      kept = await rawUpload.catch(() => undefined);
    } else {
      // Stop the download and fail the raw upload too: nothing is left uploading or half-written
      // behind a failed invocation, and the retry starts afresh.
      const failure = error instanceof Error ? error : new Error(String(error));
      rawCopy.destroy(failure);
      opened.bytes.destroy();
      await rawUpload.catch(() => undefined);
    }
    if (kept && !isRetryable(error) && !isStoreError(error)) {
      // Beside the raw copy, a record of why, for diagnosis and for a replay once the code fits
      // the document. The curation error is the one reported; without the record the raw copy
      // still stays.
      const rawBytes = kept.bytes;
      await (async () =>
        storeUncuratedReport(
          deps.store,
          uncuratedReportOf(
            { ...facts, rawBytes },
            { error, ledgerUnit: input.ledgerUnit, failedAt: new Date(deps.clock.now()) },
          ),
        ))().catch(() => undefined);
    }
    throw error;
  }

  // An earlier retrieval of the report could not curate it; this one did. A record left behind
  // (the delete failed) only makes replay find the report landed, so it never fails the retrieval.
  const uncurated = uncuratedReportKey(input);
  await (async () => {
    if (await deps.store.exists(uncurated)) await deps.store.deleteObject(uncurated);
  })().catch(() => undefined);
  return manifest;
}

/**
 * The report as its rows are placed: as Amazon describes it, but a snapshot starts at the day its
 * fan-out window names (and does not end before it). Amazon dates a snapshot at the request, so
 * one asked for just after midnight (a late execution, a slow queue) would land beside the next
 * day's own snapshot, and that day's quantities would be counted twice.
 */
function placedReport(
  report: ReportRecord,
  definition: ReportTypeDefinition | undefined,
  ledgerUnit: RetrieveReportInput['ledgerUnit'],
): ReportRecord {
  if (!definition?.window.snapshot || ledgerUnit === undefined) return report;
  const start = new Date(ledgerUnit.windowStart).toISOString();
  const end = report.dataEndTime ?? report.createdTime;
  return {
    ...report,
    dataStartTime: start,
    dataEndTime: Date.parse(end) < Date.parse(start) ? start : end,
  };
}

// Restricted report types need a Restricted Data Token naming this very document path.
async function requestReportDocument(
  reports: ReportsPort,
  report: ReportRecord,
  reportDocumentId: string,
): Promise<ReportDocumentLocation> {
  const restrictedDataToken = isRestrictedReportType(report.reportType)
    ? await reports.createRestrictedDataToken(`/reports/2021-06-30/documents/${reportDocumentId}`)
    : undefined;
  return reports.getReportDocument(reportDocumentId, { restrictedDataToken });
}

function tee(source: Readable): [PassThrough, PassThrough] {
  const first = new PassThrough();
  const second = new PassThrough();
  source.on('error', (error) => {
    first.destroy(error);
    second.destroy(error);
  });
  source.pipe(first);
  source.pipe(second);
  return [first, second];
}
