export type { AccountSource } from './account-source';
export {
  DEFAULT_IDEMPOTENCY_TTL_SECONDS,
  DEFAULT_OUTCOME_TTL_MS,
  DEFAULT_WAITER_TTL_MS,
} from './defaults';
export {
  ExecutionControlRequestError,
  ExecutionControlUnavailableError,
  ListingRefreshRequestError,
  ListingRefreshUnavailableError,
  NotificationNotConsumedHereError,
  NotificationPartnerUnknownError,
  NotificationStoreRequestError,
  NotificationStoreUnavailableError,
  ReportSubscriptionMissingError,
  SettlementSweepIncompleteError,
  SubscriptionDestinationMismatchError,
  SubscriptionSetupIncompleteError,
  WaiterRegistrationInvalidError,
} from './errors';
export type {
  ExecutionResumer,
  NotifiedReportStatus,
  ResumeResult,
  TaskFailure,
} from './execution-resumer';
export type { HandlerLogger } from './handler-logger';
export type { ListingRefreshRequest, ListingRefreshRequester } from './listing-refresh-requester';
export { type ReportKey, reportKeyId } from './report-key';
export type { ReportOutcome, ReportWaiter, ReportWaiterStore } from './report-waiter-store';
export type { RetrievalRetrier, RetrievalRetryResult } from './retrieval-retrier';
export type {
  RetrievalStartResult,
  RetrievalStarter,
  UnsolicitedReportRetrieval,
} from './retrieval-starter';
export type {
  SubscriptionDirectory,
  SubscriptionEntry,
  SubscriptionOwner,
} from './subscription-directory';

export {
  type ConsumeNotificationsDeps,
  type ConsumeNotificationsHandler,
  createConsumeNotificationsHandler,
} from './handlers/consume-notifications-handler';
export {
  type RegisterWaiterDeps,
  type RegisterWaiterHandler,
  createRegisterWaiterHandler,
} from './handlers/register-waiter-handler';
export {
  type SetupSubscriptionsDeps,
  type SetupSubscriptionsHandler,
  createSetupSubscriptionsHandler,
} from './handlers/setup-subscriptions-handler';
export {
  type SweepSettlementsDeps,
  type SweepSettlementsHandler,
  type SweepSettlementsResult,
  createSweepSettlementsHandler,
} from './handlers/sweep-settlements-handler';

export {
  AMAZON_GENERATED_REPORT_TYPES,
  isAmazonGeneratedReportType,
} from './use-cases/amazon-generated-report-type';
export { type ConsumedNotification, assertConsumedHere } from './use-cases/consumed-notification';
export {
  type DeliverReportOutcomeDeps,
  type ReportOutcomeDelivery,
  deliverReportOutcome,
} from './use-cases/deliver-report-outcome';
export {
  type EnsureSubscriptionsDeps,
  type NotificationsApiTarget,
  type SetupAction,
  type SetupSummary,
  type SubscriptionSetupSettings,
  ensureSubscriptions,
} from './use-cases/ensure-subscriptions';
export {
  type HandleNotificationDeps,
  type NotificationHandling,
  handleNotification,
} from './use-cases/handle-notification';
export {
  type RegisterReportWaiterDeps,
  type WaiterRegistration,
  registerReportWaiter,
} from './use-cases/register-report-waiter';
export {
  GET_REPORTS_MAX_PAGE_SIZE,
  REPORT_RETENTION_DAYS,
  type ReportListingApi,
  type SweepAmazonGeneratedReportsDeps,
  type SweepSummary,
  type SweptReport,
  type SweptReportAction,
  sweepAmazonGeneratedReports,
} from './use-cases/sweep-amazon-generated-reports';
export {
  LISTINGS_ITEM_ISSUES_SUBSCRIPTION,
  LISTINGS_SUBSCRIPTIONS,
  REPORT_PROCESSING_FINISHED_SUBSCRIPTION,
  type WantedSubscription,
  subscriptionPlan,
} from './use-cases/subscription-plan';

export {
  type DynamoDbReportWaiterStoreOptions,
  DynamoDbReportWaiterStore,
} from './adapters/dynamodb-report-waiter-store';
export {
  type DynamoDbSubscriptionDirectoryOptions,
  DynamoDbSubscriptionDirectory,
} from './adapters/dynamodb-subscription-directory';
export { SfnExecutionResumer } from './adapters/sfn-execution-resumer';
export {
  type SfnRetrievalStarterOptions,
  SfnRetrievalStarter,
} from './adapters/sfn-retrieval-starter';
export { retrievalExecutionName } from './retrieval-execution-name';
export {
  type RetrievalAttemptEngine,
  type RetrievalAttemptStatus,
  retryAfterFailedAttempts,
} from './adapters/retrieval-attempts';
export {
  DEFAULT_MAX_RETRIEVAL_ATTEMPTS,
  type SfnRetrievalRetrierOptions,
  SfnRetrievalRetrier,
  retrievalAttemptName,
} from './adapters/sfn-retrieval-retrier';
export {
  type SqsListingRefreshRequesterOptions,
  SqsListingRefreshRequester,
} from './adapters/sqs-listing-refresh-requester';
export {
  type SpApiNotificationsFactoryOptions,
  spApiNotificationsFactory,
} from './adapters/sp-api-notifications-factory';
export {
  type SpApiReportListingFactoryOptions,
  spApiReportListingFactory,
} from './adapters/sp-api-report-listing-factory';

export {
  type SentTaskResponse,
  InProcessExecutionResumer,
} from './adapters/in-process-execution-resumer';
export { LocalIdempotencyStore } from './adapters/local-idempotency-store';
export { localLambdaContext } from './adapters/local-lambda-context';
export { LocalReportWaiterStore } from './adapters/local-report-waiter-store';
export { LocalSubscriptionDirectory } from './adapters/local-subscription-directory';
export { RecordingListingRefreshRequester } from './adapters/recording-listing-refresh-requester';
export { RecordingRetrievalStarter } from './adapters/recording-retrieval-starter';
export {
  type LocalNotificationSubscriber,
  type LocalNotificationSubscriberOptions,
  createLocalNotificationSubscriber,
} from './local-notification-subscriber';
