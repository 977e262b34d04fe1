import { TypedError } from '@spapi-lake/core';
import type { ClockPort, DocumentPort, ReportsPort } from '@spapi-lake/ingestion';
import {
  LedgerOutcome,
  type ObjectStore,
  buildLedgerEntry,
  errorDocumentKey,
} from '@spapi-lake/lake';
import { ErrorDocumentTooLargeError } from '../errors';
import { ledgerReason } from './ledger-reason';
import { keepFinalOutcome, recordLedgerEntry } from './record-ledger-entry';
import { reportDocumentLocation } from './report-document-location';
import type { ReportPlacement } from './report-placement';

/** What recording a FATAL report needs. */
export interface RecordFatalReportDeps {
  readonly reports: ReportsPort;
  readonly documents: Pick<DocumentPort, 'open' | 'decode'>;
  readonly store: ObjectStore;
  readonly clock: ClockPort;
}

/** A report that ended FATAL, and the window it was for. */
export interface RecordFatalReportInput {
  readonly sellingPartnerId: string;
  readonly reportType: string;
  readonly reportId: string;
  /** The error document, when the status said; otherwise getReport is asked. */
  readonly reportDocumentId?: string;
  /** The fan-out window's unit: report config, its one marketplace, window. */
  readonly placement: ReportPlacement;
}

/** The reason the report failed and where it was recorded. */
export interface RecordFatalReportResult {
  readonly reason: string;
  /** Where the error document was stored; absent when the report had none. */
  readonly errorDocumentKey?: string;
  readonly ledgerKey: string;
}

/** Error documents are a line of JSON; anything this large is not one. */
export const MAX_ERROR_DOCUMENT_CHARS = 1024 * 1024;

/** The reason recorded when Amazon gave none. */
export const NO_ERROR_DOCUMENT_REASON = 'report FATAL without an error document';
const NO_ERROR_DETAILS_REASON = 'report FATAL; its error document gives no errorDetails';

/**
 * Keeps the error document of a FATAL report (decoded: it may arrive GZIP) at the lake's
 * `errorDocumentKey`, takes the reason from its `errorDetails`, and records the window FATAL in the
 * ledger with that reason, unless the ledger says DONE or CANCELLED (see keepFinalOutcome). An
 * error document that can never be read (too large, corrupt, gone) still gives the window its
 * FATAL entry, the reason saying so; one that fails for a while fails the task, for its retry.
 */
export async function recordFatalReport(
  deps: RecordFatalReportDeps,
  input: RecordFatalReportInput,
): Promise<RecordFatalReportResult> {
  const reportDocumentId =
    input.reportDocumentId ?? (await deps.reports.getReport(input.reportId)).reportDocumentId;
  let reason = NO_ERROR_DOCUMENT_REASON;
  let storedAt: string | undefined;
  if (reportDocumentId !== undefined) {
    let text: string | undefined;
    try {
      text = await readErrorDocument(deps, input, reportDocumentId);
    } catch (error) {
      // One that can never be read (too large, not gzip, gone) must not keep the window from its
      // FATAL entry; anything else (a retry may read it, or the fault is ours) fails the task.
      if (!(error instanceof TypedError) || !UNREADABLE_DOCUMENT_ERRORS.has(error.name))
        throw error;
      reason = `report FATAL; its error document could not be read (${error.name}: ${error.message})`;
    }
    if (text !== undefined) {
      storedAt = errorDocumentKey(input);
      await deps.store.putObject(storedAt, text, { contentType: 'application/json' });
      reason = errorDetailsOf(text) ?? NO_ERROR_DETAILS_REASON;
    }
  }
  const ledger = await recordLedgerEntry(
    deps.store,
    buildLedgerEntry({
      sellingPartnerId: input.sellingPartnerId,
      reportType: input.reportType,
      reportConfigId: input.placement.reportConfigId,
      marketplaceIds: input.placement.marketplaceIds,
      windowStart: input.placement.window.start,
      windowEnd: input.placement.window.end,
      outcome: LedgerOutcome.Fatal,
      reason: ledgerReason(reason),
      reportId: input.reportId,
      recordedAt: new Date(deps.clock.now()),
    }),
    keepFinalOutcome,
  );
  return {
    // Capped as in the ledger: it becomes the Fail state's Cause (Step Functions holds 256 KB).
    reason: ledgerReason(reason),
    ...(storedAt === undefined ? {} : { errorDocumentKey: storedAt }),
    ledgerKey: ledger.key,
  };
}

async function readErrorDocument(
  deps: RecordFatalReportDeps,
  input: RecordFatalReportInput,
  reportDocumentId: string,
): Promise<string> {
  const request = () => reportDocumentLocation(deps.reports, input.reportType, reportDocumentId);
  // Error documents are JSON whatever the report's format: UTF-8, never the Japan fallback.
  const opened = await deps.documents.open(
    await request(),
    request,
    input.placement.marketplaceIds[0],
    { format: 'json' },
  );
  const text = deps.documents.decode(opened.bytes, opened);
  let document = '';
  for await (const chunk of text) {
    document += String(chunk);
    if (document.length > MAX_ERROR_DOCUMENT_CHARS) {
      text.destroy();
      throw new ErrorDocumentTooLargeError(
        `the error document of report ${input.reportId} exceeds ${MAX_ERROR_DOCUMENT_CHARS} characters`,
      );
    }
  }
  return document;
}

// The errors of an error document itself, by name: typed, so their messages quote no URL secret.
const UNREADABLE_DOCUMENT_ERRORS: ReadonlySet<string> = new Set([
  'ErrorDocumentTooLargeError',
  'ReportDocumentCorruptError',
  'ReportDocumentRequestError',
  'UnsupportedCharsetError',
  'SpApiNotFoundError',
]);

// Amazon's error documents are `{"errorDetails":"..."}`.
function errorDetailsOf(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || !('errorDetails' in parsed)) {
      return undefined;
    }
    const details = parsed.errorDetails;
    return typeof details === 'string' && details.trim() !== '' ? details.trim() : undefined;
  } catch {
    return undefined;
  }
}
