import type { NotifiedReportStatus } from '../execution-resumer';
import type { ReportOutcome } from '../report-waiter-store';

/** The SendTaskSuccess output for an outcome: `{ processingStatus, reportDocumentId? }`, nothing else. */
export function notifiedStatus(outcome: ReportOutcome): NotifiedReportStatus {
  return outcome.reportDocumentId === undefined
    ? { processingStatus: outcome.processingStatus }
    : { processingStatus: outcome.processingStatus, reportDocumentId: outcome.reportDocumentId };
}
