/**
 * The data contract of the report-ingestion state machine: its input, what each Task's Lambda
 * receives and must return, and where the result lands in the execution state.
 */

/** SP-API report `processingStatus` values (SPAPI.md 4.3). */
export const ProcessingStatus = {
  InQueue: 'IN_QUEUE',
  InProgress: 'IN_PROGRESS',
  Done: 'DONE',
  Cancelled: 'CANCELLED',
  Fatal: 'FATAL',
} as const;
export type ProcessingStatus = (typeof ProcessingStatus)[keyof typeof ProcessingStatus];

/** The terminal statuses: the ones REPORT_PROCESSING_FINISHED carries. */
export type TerminalProcessingStatus = 'DONE' | 'CANCELLED' | 'FATAL';

/** How an ingestion execution ended when it succeeded. */
export const IngestionOutcome = { Done: 'DONE', Cancelled: 'CANCELLED' } as const;
export type IngestionOutcome = (typeof IngestionOutcome)[keyof typeof IngestionOutcome];

/** A caught error as Step Functions hands it on: `Cause` is a string (JSON for Lambda errors). */
export interface TaskError {
  readonly Error: string;
  readonly Cause?: string;
}

/** Execution input: one window of one lane (partner x report config x marketplace). */
export interface ReportIngestionInput {
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly accountType: string;
  readonly reportConfigId: string;
  readonly reportType: string;
  /** Exactly one marketplace. */
  readonly marketplaceIds: readonly [string];
  /** The half-open UTC interval [start, end) the window covers (the lake's `dt` comes from it). */
  readonly window: { readonly start: string; readonly end: string };
  /** createReport fields; both absent for snapshot types. */
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
  readonly reportOptions: Readonly<Record<string, string>>;
  /** Wait for REPORT_PROCESSING_FINISHED before polling (the account's `reportProcessingNotifications`). */
  readonly awaitNotification: boolean;
  /** 1 for the first try of this window, +1 for each recorded failure before. */
  readonly attempt: number;
}

/** `CreateReport` (report-creator): receives the ReportIngestionInput; result at `$.report`. */
export interface CreateReportOutput {
  readonly reportId: string;
  /**
   * True when CreateReport reused a report that is DONE already: its REPORT_PROCESSING_FINISHED
   * went out long ago (or was never stored), so the execution reads its status at once rather
   * than waiting on a notification. Absent means false.
   */
  readonly done?: boolean;
}

/**
 * `WaitForNotification` payload to the register-waiter Lambda (`lambda:invoke.waitForTaskToken`).
 * The Lambda stores the token under (sellingPartnerId, reportId) (a report id is unique only per
 * selling partner) and returns; the notification consumer resolves the notification's partner and
 * later calls SendTaskSuccess with a ReportStatusResult. If the notification arrived before
 * the waiter registered, the register-waiter Lambda must send the stored outcome itself. A partner
 * without a subscription gets SendTaskFailure (`ReportSubscriptionMissingError`), caught to poll.
 */
export interface RegisterReportWaiterInput {
  readonly taskToken: string;
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly reportId: string;
  readonly reportType: string;
}

/** `GetReport` (status poller) input. */
export interface GetReportStatusInput {
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly reportId: string;
  /** Polls made so far (0 on the first). */
  readonly pollCount: number;
  /** Upper bound of `waitSeconds` in the answer. */
  readonly maxWaitSeconds: number;
}

/**
 * The report's status at `$.status`: returned by `GetReport` (with `pollCount` = input + 1 and
 * `waitSeconds` before the next poll, see `nextPollDelaySeconds`) and sent by SendTaskSuccess after
 * the notification (`processingStatus` and `reportDocumentId` only).
 */
export interface ReportStatusResult {
  readonly processingStatus: ProcessingStatus;
  /** Present for DONE, sometimes for FATAL (the error document). */
  readonly reportDocumentId?: string;
  readonly pollCount?: number;
  readonly waitSeconds?: number;
}

/** The execution state as it grows: the input plus each step's result. */
export interface ReportIngestionState extends ReportIngestionInput {
  readonly report?: CreateReportOutput;
  readonly status?: ReportStatusResult;
  readonly retrieval?: RetrieveReportOutput;
  /** Why the notification wait ended without a status (timeout): polling took over. */
  readonly notification?: TaskError;
  /** The error that failed the execution (RecordFailure input). */
  readonly error?: TaskError;
}

/**
 * `RetrieveReport` (report-retriever): receives the whole ReportIngestionState with `report` and a
 * DONE `status`; writes raw and curated objects; result at `$.retrieval`.
 */
export interface RetrieveReportOutput {
  /** Glue crawlers to start, one per curated dataset written (may be empty). */
  readonly crawlerNames: readonly string[];
  readonly [detail: string]: unknown;
}

/** What the ledger Lambdas (`RecordFatal`, `RecordNoData`, `RecordFailure`) receive. */
export interface RecordOutcomeInput {
  readonly outcome: 'FATAL' | 'CANCELLED' | 'FAILED';
  readonly ingestion: ReportIngestionState;
}

/** `RecordFatal` result at `$.fatal`: the reason becomes the Fail state's Cause. */
export interface RecordFatalOutput {
  /** The error document's `errorDetails`, or a fixed text when there is none. */
  readonly reason: string;
  readonly [detail: string]: unknown;
}

/** Outcome of one crawler start (the `StartCrawlers` Map's items, at `$.crawlers`). */
export interface CrawlerStartResult {
  readonly crawlerName: string;
  readonly outcome: 'STARTED' | 'ALREADY_RUNNING' | 'NOT_STARTED';
}

/** Output of a succeeded ingestion execution. */
export interface ReportIngestionOutput {
  readonly outcome: IngestionOutcome;
  readonly reportId: string;
  readonly window: { readonly start: string; readonly end: string };
  readonly retrieval?: RetrieveReportOutput;
  readonly crawlers?: readonly CrawlerStartResult[];
}
