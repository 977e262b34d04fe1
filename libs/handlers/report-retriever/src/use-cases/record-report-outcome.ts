import type { ClockPort } from '@spapi-lake/ingestion';
import { LedgerOutcome, type ObjectStore, buildLedgerEntry } from '@spapi-lake/lake';
import { ledgerReason } from './ledger-reason';
import { keepDone, keepFinalOutcome, recordLedgerEntry } from './record-ledger-entry';
import { type ReportPlacement, ledgerUnit } from './report-placement';

/** How a window ended without data: Amazon had none, or the ingestion failed. */
export const WindowOutcome = { Cancelled: 'CANCELLED', Failed: 'FAILED' } as const;
export type WindowOutcome = (typeof WindowOutcome)[keyof typeof WindowOutcome];

/**
 * One window's outcome; `reportId` is absent when the report could not even be created, `placement`
 * when an Amazon-generated report's retrieval failed before anyone knew its window: `placeReport`
 * then finds it (getReport).
 */
export interface RecordReportOutcomeInput {
  readonly outcome: WindowOutcome;
  readonly sellingPartnerId: string;
  readonly reportType: string;
  readonly reportId?: string;
  readonly placement?: ReportPlacement;
  readonly placeReport?: (reportId: string) => Promise<ReportPlacement>;
  /** FAILED: the error that failed the execution (Step Functions' Error and Cause). */
  readonly error?: { readonly Error: string; readonly Cause?: string };
}

/** Where the outcome went; `ledgerKey` is absent without a report id or a placement. */
export interface RecordReportOutcomeResult {
  /** False when nothing was written: no report id or placement, or the stored entry stays. */
  readonly written: boolean;
  readonly ledgerKey?: string;
  /** Why an Amazon-generated report could not be placed (getReport failed too). */
  readonly unplaced?: string;
}

/**
 * Records how a window ended in the ledger. CANCELLED is a final outcome of its own, but never
 * replaces a DONE entry (the window landed through another report). The lake's
 * ledger has no FAILED outcome: a failure is recorded as FATAL with the reason
 * `ingestion failed (<error name>): <message>`, never over a DONE or CANCELLED entry (those are
 * final), and only when a report id and the report's placement exist (the ledger names the report
 * and its ingestion unit). A settlement whose retrieval failed has no placement in its execution
 * state, so `placeReport` asks getReport for it; when that fails too, the failed execution (and
 * its alarm) is the only record. The next successful try of the window replaces the entry.
 */
export async function recordReportOutcome(
  deps: { readonly store: ObjectStore; readonly clock: ClockPort },
  input: RecordReportOutcomeInput,
): Promise<RecordReportOutcomeResult> {
  const { reportId } = input;
  if (reportId === undefined) return { written: false };
  let placement = input.placement;
  if (placement === undefined) {
    if (input.placeReport === undefined) return { written: false };
    try {
      placement = await input.placeReport(reportId);
    } catch (error) {
      return { written: false, unplaced: error instanceof Error ? error.message : String(error) };
    }
  }
  const failed = input.outcome === WindowOutcome.Failed;
  const entry = buildLedgerEntry({
    ...ledgerUnit(input, placement),
    outcome: failed ? LedgerOutcome.Fatal : LedgerOutcome.Cancelled,
    ...(failed ? { reason: ledgerReason(failureReason(input.error)) } : {}),
    reportId,
    recordedAt: new Date(deps.clock.now()),
  });
  const write = await recordLedgerEntry(deps.store, entry, failed ? keepFinalOutcome : keepDone);
  return { written: write.written, ledgerKey: write.key };
}

/** `ingestion failed (<Error>): <message>`; a Lambda error's Cause is JSON with `errorMessage`. */
export function failureReason(
  error: { readonly Error: string; readonly Cause?: string } | undefined,
): string {
  if (error === undefined) return 'ingestion failed (no error recorded)';
  return `ingestion failed (${error.Error}): ${causeMessage(error.Cause) ?? 'no cause given'}`;
}

function causeMessage(cause: string | undefined): string | undefined {
  if (cause === undefined || cause.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(cause);
    if (typeof parsed === 'object' && parsed !== null && 'errorMessage' in parsed) {
      return String(parsed.errorMessage);
    }
  } catch {
    // Not JSON: a Fail state's or a Pass state's plain text cause.
  }
  return cause;
}
