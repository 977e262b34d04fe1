import type { ReportStatusResult } from '@spapi-lake/workflows';

/** What SendTaskSuccess did: `gone` = the task no longer waits (timed out, execution ended). */
export type ResumeResult = 'resumed' | 'gone';

/** The task output WaitForNotification expects at `$.status`: status and document id only. */
export type NotifiedReportStatus = Pick<
  ReportStatusResult,
  'processingStatus' | 'reportDocumentId'
>;

/** Port: answers a waiting WaitForNotification task (Step Functions SendTaskSuccess). */
export interface ExecutionResumer {
  resume(taskToken: string, output: NotifiedReportStatus): Promise<ResumeResult>;
}
