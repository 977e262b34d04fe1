/**
 * Error names the state machines match in Retry and Catch. They are API: the apps throw TypedErrors
 * with these `name`s (libs/sp-api, libs/lwa, libs/auth, libs/report-documents, libs/lake,
 * libs/handlers/report-creator) and must not rename them.
 */

/** Errors a retry can cure: our TypedErrors declared `retryable = true`. */
export const TransientErrorName = {
  SpApiQuotaExceeded: 'SpApiQuotaExceededError',
  SpApiServer: 'SpApiServerError',
  SpApiNetwork: 'SpApiNetworkError',
  LwaUnavailable: 'LwaUnavailableError',
  /**
   * libs/auth: no access token for now (LWA throttled or 5xx behind the token broker, or the broker
   * throttled). Revoked consent (`ReauthorizationRequiredError`) and other refusals keep their own
   * names and are never retried.
   */
  TokenBrokerUnavailable: 'TokenBrokerUnavailableError',
  ReportDocumentUnavailable: 'ReportDocumentUnavailableError',
  ReportDocumentTruncated: 'ReportDocumentTruncatedError',
  ReportDocumentExpired: 'ReportDocumentExpiredError',
  ObjectStoreUnavailable: 'ObjectStoreUnavailableError',
  ParquetOutput: 'ParquetOutputError',
  /** libs/lake: a ledger entry kept changing under other writers (compare-and-swap). */
  ObjectChanged: 'ObjectChangedError',
  /** The lane or report-request store (DynamoDB, local file) did not answer or was throttled. */
  StateStoreUnavailable: 'StateStoreUnavailableError',
  /** A lane or report-request record changed under concurrent writers on every try. */
  StateStoreContention: 'StateStoreContentionError',
  /** An SSM configuration parameter (accounts, report configs) could not be read. */
  ConfigParameterUnavailable: 'ConfigParameterUnavailableError',
  /** libs/auth-adapters: the SSM endpoint settings or account registry could not be read. */
  AccountRegistryUnavailable: 'AccountRegistryUnavailableError',
  /** libs/handlers/catalog-listings-fetcher: the partner directory (SSM) could not be read. */
  PartnerDirectoryUnavailable: 'PartnerDirectoryUnavailableError',
  /** libs/handlers/catalog-listings-fetcher: the SKU refresh log (DynamoDB) did not answer. */
  SkuRefreshLogUnavailable: 'SkuRefreshLogUnavailableError',
  /** libs/lake-adapters: the TSV curation worker thread died (not the document's fault). */
  TsvCurationWorkerCrashed: 'TsvCurationWorkerCrashedError',
  /** libs/ingestion: getReport does not say DONE yet though the notification did. */
  ReportNotReady: 'ReportNotReadyError',
  /**
   * libs/ingestion: another execution is retrieving the same report (it holds the report's lease,
   * 16 minutes at most without renewal).
   */
  ReportRetrievalInProgress: 'ReportRetrievalInProgressError',
} as const;
export type TransientErrorName = (typeof TransientErrorName)[keyof typeof TransientErrorName];

/** Errors the workflows themselves raise (Fail states and failure records). */
export const WorkflowErrorName = {
  /** The report ended FATAL; the Cause is the reason from its error document. */
  ReportFatal: 'ReportFatalError',
  /** The report was still not finished after the last allowed poll. */
  ReportPollingExhausted: 'ReportPollingExhaustedError',
  /** Completing a window would move the watermark across a gap (libs/workflows `errors.ts`). */
  WatermarkConflict: 'WatermarkConflictError',
} as const;
export type WorkflowErrorName = (typeof WorkflowErrorName)[keyof typeof WorkflowErrorName];

/** Lambda service errors Step Functions recommends retrying for Lambda tasks. */
export const LambdaErrorName = {
  ServiceException: 'Lambda.ServiceException',
  AwsLambdaException: 'Lambda.AWSLambdaException',
  SdkClientException: 'Lambda.SdkClientException',
  TooManyRequests: 'Lambda.TooManyRequestsException',
  ClientExecutionTimeout: 'Lambda.ClientExecutionTimeoutException',
} as const;

/** Errors of the AWS service integrations the workflows call directly. */
export const ServiceIntegrationErrorName = {
  GlueCrawlerRunning: 'Glue.CrawlerRunningException',
  GlueOperationTimeout: 'Glue.OperationTimeoutException',
  GlueThrottling: 'Glue.ThrottlingException',
  GlueInternalService: 'Glue.InternalServiceException',
  /** `states:startExecution`: same name, different input, or the execution is closed. */
  ExecutionAlreadyExists: 'StepFunctions.ExecutionAlreadyExistsException',
  ExecutionLimitExceeded: 'StepFunctions.ExecutionLimitExceededException',
  StepFunctionsThrottling: 'StepFunctions.ThrottlingException',
  SfnThrottling: 'Sfn.ThrottlingException',
  /** `aws-sdk:sfn:describeExecution` of an execution never started. */
  SfnExecutionDoesNotExist: 'Sfn.ExecutionDoesNotExistException',
} as const;

/** Step Functions' predefined error names. */
export const StatesErrorName = {
  All: 'States.ALL',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
} as const;
