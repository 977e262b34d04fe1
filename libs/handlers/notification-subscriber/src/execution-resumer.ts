import type { ReportStatusResult } from '@spapi-lake/workflows';

/**
 * What SendTaskSuccess or SendTaskFailure did: `resumed` = the waiting task received it, `gone` =
 * the task no longer waits (timed out, execution ended).
 */
export type ResumeResult = 'resumed' | 'gone';

/** The task output WaitForNotification expects at `$.status`: status and document id only. */
export type NotifiedReportStatus = Pick<
  ReportStatusResult,
  'processingStatus' | 'reportDocumentId'
>;

/**
 * A task failure: `error` is the name the state's Retry and Catch match, `cause` its message. Both
 * land in the execution history: never a token or a secret in them.
 */
export interface TaskFailure {
  readonly error: string;
  readonly cause: string;
}

/**
 * Port: answers a waiting WaitForNotification task, with the report status (Step Functions
 * SendTaskSuccess) or with a failure its Catch handles (SendTaskFailure).
 */
export interface ExecutionResumer {
  resume(taskToken: string, output: NotifiedReportStatus): Promise<ResumeResult>;
  fail(taskToken: string, failure: TaskFailure): Promise<ResumeResult>;
}
