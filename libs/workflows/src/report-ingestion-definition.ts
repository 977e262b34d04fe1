import type { Catcher, State, StateMachineDefinition } from './asl';
import { ServiceIntegrationErrorName, StatesErrorName, WorkflowErrorName } from './error-names';
import { IngestionOutcome, ProcessingStatus } from './report-ingestion-contract';
import { glueRetrier, lambdaServiceRetrier, spApiTaskRetry } from './retry-policies';

/** The Lambda functions (ARNs) the ingestion state machine invokes. */
export interface ReportIngestionResources {
  /** `CreateReport`: ReportIngestionInput -> CreateReportOutput. */
  readonly createReportFunctionArn: string;
  /** `WaitForNotification`: RegisterReportWaiterInput; the task token is answered later. */
  readonly registerReportWaiterFunctionArn: string;
  /** `GetReport`: GetReportStatusInput -> ReportStatusResult with pollCount and waitSeconds. */
  readonly getReportStatusFunctionArn: string;
  /** `RetrieveReport`: ReportIngestionState -> RetrieveReportOutput. */
  readonly retrieveReportFunctionArn: string;
  /** `RecordFatal`: RecordOutcomeInput (FATAL) -> RecordFatalOutput; stores the error document. */
  readonly recordFatalFunctionArn: string;
  /** `RecordNoData` and `RecordFailure`: RecordOutcomeInput (CANCELLED / FAILED); result ignored. */
  readonly recordOutcomeFunctionArn: string;
}

/** Tunables of the ingestion state machine. */
export interface ReportIngestionOptions {
  /** How long to wait for REPORT_PROCESSING_FINISHED before polling. Default 2 h. */
  readonly notificationTimeoutSeconds?: number;
  /** Polls before giving up with ReportPollingExhaustedError. Default 48 (about 11 h at the cap). */
  readonly maxPolls?: number;
  /** Cap of the wait between polls. Default 15 min. */
  readonly maxPollWaitSeconds?: number;
  /** Whole-execution timeout. Default 24 h (the lane claim TTL assumes no more). */
  readonly executionTimeoutSeconds?: number;
}

/** State names of the ingestion state machine (overrides and tests key on them). */
export const IngestionStateName = {
  CreateReport: 'CreateReport',
  AwaitNotification: 'AwaitNotification',
  WaitForNotification: 'WaitForNotification',
  StartPolling: 'StartPolling',
  GetReport: 'GetReport',
  ReportStatus: 'ReportStatus',
  WaitBeforePoll: 'WaitBeforePoll',
  PollingExhausted: 'PollingExhausted',
  RetrieveReport: 'RetrieveReport',
  StartCrawlers: 'StartCrawlers',
  StartCrawler: 'StartCrawler',
  CrawlerStarted: 'CrawlerStarted',
  CrawlerAlreadyRunning: 'CrawlerAlreadyRunning',
  CrawlerNotStarted: 'CrawlerNotStarted',
  ReportIngested: 'ReportIngested',
  Done: 'Done',
  RecordNoData: 'RecordNoData',
  ReportEmpty: 'ReportEmpty',
  NoData: 'NoData',
  RecordFatal: 'RecordFatal',
  FatalReasonUnavailable: 'FatalReasonUnavailable',
  ReportFatal: 'ReportFatal',
  RecordFailure: 'RecordFailure',
  IngestionFailed: 'IngestionFailed',
} as const;

const S = IngestionStateName;

/** The Glue StartCrawler SDK integration. */
export const START_CRAWLER_RESOURCE = 'arn:aws:states:::aws-sdk:glue:startCrawler';
/** Lambda invoke that waits for SendTaskSuccess (or SendTaskFailure) with the task token. */
export const LAMBDA_WAIT_FOR_TASK_TOKEN_RESOURCE =
  'arn:aws:states:::lambda:invoke.waitForTaskToken';

const toRecordFailure: Catcher = {
  ErrorEquals: [StatesErrorName.All],
  ResultPath: '$.error',
  Next: S.RecordFailure,
};

/**
 * Flow 2 for one window: CreateReport, then the REPORT_PROCESSING_FINISHED notification (task token)
 * or polling with backoff, then DONE -> retrieve + crawlers, CANCELLED -> no data, FATAL -> record the
 * error document and fail with ReportFatalError. Lambda tasks use the function ARN as Resource, so a
 * function's return value is the task result and its error type the error name.
 */
export function reportIngestionDefinition(
  resources: ReportIngestionResources,
  options: ReportIngestionOptions = {},
): StateMachineDefinition {
  const notificationTimeoutSeconds = options.notificationTimeoutSeconds ?? 7200;
  const maxPolls = options.maxPolls ?? 48;
  const maxPollWaitSeconds = options.maxPollWaitSeconds ?? 900;

  const states: Record<string, State> = {
    [S.CreateReport]: {
      Type: 'Task',
      Comment: 'createReport for the window (one marketplace)',
      Resource: resources.createReportFunctionArn,
      // No ResultSelector: `done` is optional (see CreateReportOutput).
      ResultPath: '$.report',
      Retry: spApiTaskRetry,
      Catch: [toRecordFailure],
      Next: S.AwaitNotification,
    },
    [S.AwaitNotification]: {
      Type: 'Choice',
      Comment:
        'A reused report already DONE is read at once; accounts subscribed to ' +
        'REPORT_PROCESSING_FINISHED wait for it; others poll',
      Choices: [
        {
          And: [
            { Variable: '$.report.done', IsPresent: true },
            { Variable: '$.report.done', BooleanEquals: true },
          ],
          Next: S.StartPolling,
        },
        { Variable: '$.awaitNotification', BooleanEquals: true, Next: S.WaitForNotification },
      ],
      Default: S.StartPolling,
    },
    [S.WaitForNotification]: {
      Type: 'Task',
      Comment: 'Registers the task token; the notification consumer answers with the report status',
      Resource: LAMBDA_WAIT_FOR_TASK_TOKEN_RESOURCE,
      Parameters: {
        FunctionName: resources.registerReportWaiterFunctionArn,
        Payload: {
          'taskToken.$': '$$.Task.Token',
          'sellingPartnerId.$': '$.sellingPartnerId',
          'region.$': '$.region',
          'reportId.$': '$.report.reportId',
          'reportType.$': '$.reportType',
        },
      },
      // No HeartbeatSeconds: nothing heartbeats while Amazon builds the report, so a heartbeat
      // timeout would only be a shorter TimeoutSeconds.
      TimeoutSeconds: notificationTimeoutSeconds,
      ResultPath: '$.status',
      Retry: [lambdaServiceRetrier],
      Catch: [
        {
          ErrorEquals: [StatesErrorName.Timeout, StatesErrorName.HeartbeatTimeout],
          ResultPath: '$.notification',
          Next: S.StartPolling,
        },
        // Notifications are an optimisation: any failure of the wait falls back to polling, such as
        // the register-waiter's SendTaskFailure ReportSubscriptionMissingError (no subscription).
        { ErrorEquals: [StatesErrorName.All], ResultPath: '$.notification', Next: S.StartPolling },
      ],
      Next: S.ReportStatus,
    },
    [S.StartPolling]: {
      Type: 'Pass',
      Result: { pollCount: 0 },
      ResultPath: '$.status',
      Next: S.GetReport,
    },
    [S.GetReport]: {
      Type: 'Task',
      Comment: 'getReport; answers the status, the poll count and the backoff before the next poll',
      Resource: resources.getReportStatusFunctionArn,
      Parameters: {
        'sellingPartnerId.$': '$.sellingPartnerId',
        'region.$': '$.region',
        'reportId.$': '$.report.reportId',
        'pollCount.$': '$.status.pollCount',
        maxWaitSeconds: maxPollWaitSeconds,
      },
      ResultPath: '$.status',
      Retry: spApiTaskRetry,
      Catch: [toRecordFailure],
      Next: S.ReportStatus,
    },
    [S.ReportStatus]: {
      Type: 'Choice',
      Choices: [
        {
          Variable: '$.status.processingStatus',
          StringEquals: ProcessingStatus.Done,
          Next: S.RetrieveReport,
        },
        {
          Variable: '$.status.processingStatus',
          StringEquals: ProcessingStatus.Cancelled,
          Next: S.RecordNoData,
        },
        {
          Variable: '$.status.processingStatus',
          StringEquals: ProcessingStatus.Fatal,
          Next: S.RecordFatal,
        },
        // A non-final status from the notification path carries no poll count: start polling.
        { Not: { Variable: '$.status.pollCount', IsPresent: true }, Next: S.StartPolling },
        {
          Variable: '$.status.pollCount',
          NumericGreaterThanEquals: maxPolls,
          Next: S.PollingExhausted,
        },
      ],
      Default: S.WaitBeforePoll,
    },
    [S.WaitBeforePoll]: {
      Type: 'Wait',
      SecondsPath: '$.status.waitSeconds',
      Next: S.GetReport,
    },
    [S.PollingExhausted]: {
      Type: 'Pass',
      Result: {
        Error: WorkflowErrorName.ReportPollingExhausted,
        Cause: `report not finished after ${maxPolls} polls`,
      },
      ResultPath: '$.error',
      Next: S.RecordFailure,
    },
    [S.RetrieveReport]: {
      Type: 'Task',
      Comment: 'getReportDocument, raw copy, Parquet; rewrites the same keys when retried',
      Resource: resources.retrieveReportFunctionArn,
      ResultPath: '$.retrieval',
      Retry: spApiTaskRetry,
      Catch: [toRecordFailure],
      Next: S.StartCrawlers,
    },
    [S.StartCrawlers]: startCrawlersState(),
    [S.ReportIngested]: {
      Type: 'Pass',
      Parameters: {
        outcome: IngestionOutcome.Done,
        'reportId.$': '$.report.reportId',
        'window.$': '$.window',
        'retrieval.$': '$.retrieval',
        'crawlers.$': '$.crawlers',
      },
      Next: S.Done,
    },
    [S.Done]: { Type: 'Succeed' },
    [S.RecordNoData]: {
      Type: 'Task',
      Comment: 'CANCELLED: Amazon had no data for the window; the ledger records it',
      Resource: resources.recordOutcomeFunctionArn,
      Parameters: { outcome: ProcessingStatus.Cancelled, 'ingestion.$': '$' },
      ResultPath: null,
      // The ledger write is conditional, so a retried write never replaces a final outcome.
      Retry: spApiTaskRetry,
      Catch: [
        { ErrorEquals: [StatesErrorName.All], ResultPath: '$.error', Next: S.IngestionFailed },
      ],
      Next: S.ReportEmpty,
    },
    [S.ReportEmpty]: {
      Type: 'Pass',
      Parameters: {
        outcome: IngestionOutcome.Cancelled,
        'reportId.$': '$.report.reportId',
        'window.$': '$.window',
      },
      Next: S.NoData,
    },
    [S.NoData]: { Type: 'Succeed' },
    [S.RecordFatal]: {
      Type: 'Task',
      Comment:
        'Keeps the error document (when there is one), writes the ledger, returns the reason',
      Resource: resources.recordFatalFunctionArn,
      Parameters: { outcome: ProcessingStatus.Fatal, 'ingestion.$': '$' },
      ResultSelector: { 'reason.$': '$.reason' },
      ResultPath: '$.fatal',
      Retry: spApiTaskRetry,
      Catch: [
        {
          ErrorEquals: [StatesErrorName.All],
          ResultPath: '$.error',
          Next: S.FatalReasonUnavailable,
        },
      ],
      Next: S.ReportFatal,
    },
    [S.FatalReasonUnavailable]: {
      Type: 'Pass',
      Result: { reason: 'report FATAL; its error document could not be recorded' },
      ResultPath: '$.fatal',
      Next: S.ReportFatal,
    },
    [S.ReportFatal]: {
      Type: 'Fail',
      Error: WorkflowErrorName.ReportFatal,
      CausePath: '$.fatal.reason',
    },
    [S.RecordFailure]: {
      Type: 'Task',
      Comment: 'Writes the failure to the ledger; the error name and cause fail the execution',
      Resource: resources.recordOutcomeFunctionArn,
      Parameters: { outcome: 'FAILED', 'ingestion.$': '$' },
      ResultPath: null,
      // The ledger write is conditional, so a retried write never replaces a final outcome.
      Retry: spApiTaskRetry,
      Catch: [
        {
          ErrorEquals: [StatesErrorName.All],
          ResultPath: '$.recordError',
          Next: S.IngestionFailed,
        },
      ],
      Next: S.IngestionFailed,
    },
    [S.IngestionFailed]: {
      Type: 'Fail',
      ErrorPath: '$.error.Error',
      CausePath: '$.error.Cause',
    },
  };

  return {
    Comment: 'spapi-lake report ingestion: one window of one (partner, report config, marketplace)',
    StartAt: S.CreateReport,
    TimeoutSeconds: options.executionTimeoutSeconds ?? 86_400,
    States: states,
  };
}

// The data is in the lake once RetrieveReport succeeded: a crawler that cannot start must not fail
// the window (a retry would ingest it again under a new report id), so every item ends in a Pass.
function startCrawlersState(): State {
  const crawlerName = { 'crawlerName.$': '$.crawlerName' };
  return {
    Type: 'Map',
    Comment: "Starts each curated dataset's Glue crawler",
    ItemsPath: '$.retrieval.crawlerNames',
    ItemSelector: { 'crawlerName.$': '$$.Map.Item.Value' },
    ItemProcessor: {
      ProcessorConfig: { Mode: 'INLINE' },
      StartAt: S.StartCrawler,
      States: {
        [S.StartCrawler]: {
          Type: 'Task',
          Resource: START_CRAWLER_RESOURCE,
          Parameters: { 'Name.$': '$.crawlerName' },
          ResultPath: null,
          Retry: [glueRetrier],
          Catch: [
            {
              ErrorEquals: [ServiceIntegrationErrorName.GlueCrawlerRunning],
              ResultPath: null,
              Next: S.CrawlerAlreadyRunning,
            },
            {
              ErrorEquals: [StatesErrorName.All],
              ResultPath: '$.error',
              Next: S.CrawlerNotStarted,
            },
          ],
          Next: S.CrawlerStarted,
        },
        [S.CrawlerStarted]: {
          Type: 'Pass',
          Parameters: { ...crawlerName, outcome: 'STARTED' },
          End: true,
        },
        [S.CrawlerAlreadyRunning]: {
          Type: 'Pass',
          Comment: 'A running crawler picks up the new partitions on its next run',
          Parameters: { ...crawlerName, outcome: 'ALREADY_RUNNING' },
          End: true,
        },
        [S.CrawlerNotStarted]: {
          Type: 'Pass',
          Parameters: { ...crawlerName, outcome: 'NOT_STARTED', 'error.$': '$.error' },
          End: true,
        },
      },
    },
    ResultPath: '$.crawlers',
    Next: S.ReportIngested,
  };
}
