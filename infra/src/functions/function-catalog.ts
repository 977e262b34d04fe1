import {
  AppName,
  type ConfigurationParameter,
  EnvironmentSource as E,
  type FunctionSpec,
  type Grant,
  type ObjectAccess,
  QueueName,
  StateTableName,
  type TableAction,
} from './function-spec';

const readConfiguration = (...parameters: ConfigurationParameter[]): Grant => ({
  kind: 'read-configuration',
  parameters,
});
const invokeTokenBroker: Grant = { kind: 'invoke-token-broker' };
const table = (name: StateTableName, ...actions: TableAction[]): Grant => ({
  kind: 'table',
  table: name,
  actions,
});
const laneStore = table(StateTableName.LaneStates, 'GetItem', 'PutItem');
const notificationState = table(
  StateTableName.NotificationState,
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
);
const curated = (...prefixes: string[]): Grant => ({
  kind: 'objects',
  bucket: 'curated',
  access: 'read-write',
  ...(prefixes.length > 0 ? { prefixes } : {}),
});

const curatedObjects = (access: ObjectAccess, ...prefixes: string[]): Grant => ({
  kind: 'objects',
  bucket: 'curated',
  access,
  prefixes,
});

const spApiCaller = {
  PARAMETER_PREFIX: E.ParameterPrefix,
  TOKEN_BROKER_FUNCTION: E.TokenBrokerFunction,
} as const;
const curatedWriter = { CURATED_BUCKET: E.CuratedBucket, LAKE_KMS_KEY_ID: E.LakeKmsKeyId } as const;

// catalog-listings-fetcher: every function builds the same composition root (apps/…/config.ts).
const catalogFetcher = {
  PARAMETER_PREFIX: E.ParameterPrefix,
  CURATED_BUCKET: E.CuratedBucket,
  LAKE_KMS_KEY_ID: E.LakeKmsKeyId,
  TOKEN_BROKER_FUNCTION: E.TokenBrokerFunction,
  CRAWLER_NAME_PREFIX: E.CrawlerNamePrefix,
} as const;
/** Work objects of a refresh (listings ASINs, chunk list and summaries); expired after a week. */
const REFRESH_WORK = '_work/catalog-refresh/';
/** Identifier lists a refresh request names (`catalog.source.kind = identifiersObject`). */
export const CATALOG_IDENTIFIER_INPUTS = '_inputs/catalog-refresh/';

/**
 * Concurrent refreshListings invocations (the listing refresh mapping's MaximumConcurrency, 2 at
 * least): each paces getListingsItem / getCatalogItem at the partner's plan divided by it.
 */
export const REFRESH_LISTINGS_CONCURRENCY = 2;

/**
 * Every Lambda function of the stack: which app's zip, which export, its size, environment and
 * grants, as each app's README asks (apps/<app>/README.md). Several functions share one artifact.
 */
export const FUNCTION_CATALOG: readonly FunctionSpec[] = [
  // report-creator: createReport and the fan-out's lane bookkeeping.
  {
    id: 'create-report',
    app: AppName.ReportCreator,
    exportName: 'createReport',
    description: 'Ingestion: createReport for one window (idempotent per window and attempt)',
    memoryMb: 512,
    // A warm container that spent its createReport burst waits about a minute for a token.
    timeoutSeconds: 180,
    environment: { ...spApiCaller, REPORT_REQUEST_TABLE: E.ReportRequestTable },
    grants: [
      readConfiguration('endpoints'),
      invokeTokenBroker,
      table(StateTableName.ReportRequests, 'GetItem', 'PutItem'),
    ],
  },
  {
    id: 'plan-windows',
    app: AppName.ReportCreator,
    exportName: 'planWindows',
    description: 'Fan-out: due windows of every (partner, report config, marketplace) lane',
    memoryMb: 512,
    timeoutSeconds: 120,
    environment: { PARAMETER_PREFIX: E.ParameterPrefix, LANE_STATE_TABLE: E.LaneStateTable },
    grants: [
      readConfiguration('accounts', 'reportConfigs', 'endpoints'),
      table(StateTableName.LaneStates, 'BatchGetItem'),
    ],
  },
  {
    id: 'claim-window',
    app: AppName.ReportCreator,
    exportName: 'claimWindow',
    description: 'Fan-out: claims a window of a lane (conditional write)',
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: { LANE_STATE_TABLE: E.LaneStateTable },
    grants: [laneStore],
  },
  {
    id: 'complete-window',
    app: AppName.ReportCreator,
    exportName: 'completeWindow',
    description: "Fan-out: moves a lane's watermark past a finished window",
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: { LANE_STATE_TABLE: E.LaneStateTable },
    grants: [laneStore],
  },
  {
    id: 'record-window-failure',
    app: AppName.ReportCreator,
    exportName: 'recordWindowFailure',
    description: 'Fan-out: counts a failed window attempt and releases its claim',
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: { LANE_STATE_TABLE: E.LaneStateTable },
    grants: [laneStore],
  },
  // report-retriever: polling, retrieval into the lake, outcomes in the ledger.
  {
    id: 'get-report-status',
    app: AppName.ReportRetriever,
    exportName: 'getReportStatus',
    description: 'Ingestion: getReport status with the next poll delay',
    memoryMb: 256,
    timeoutSeconds: 60,
    environment: spApiCaller,
    grants: [readConfiguration('endpoints'), invokeTokenBroker],
  },
  {
    id: 'retrieve-report',
    app: AppName.ReportRetriever,
    exportName: 'retrieveReport',
    description: 'Ingestion: report document -> raw zone and curated Parquet, manifest, ledger',
    memoryMb: 2048,
    timeoutSeconds: 900,
    environment: {
      ...spApiCaller,
      ...curatedWriter,
      RAW_BUCKET: E.RawBucket,
      CRAWLER_NAME_PREFIX: E.CrawlerNamePrefix,
    },
    grants: [
      readConfiguration('endpoints'),
      invokeTokenBroker,
      { kind: 'objects', bucket: 'raw', access: 'read-write', prefixes: ['reports/'] },
      // Delete too: a retrieval that fails after its curated objects landed takes them back (a
      // landing found stale goes with its manifest), and one that succeeds removes the report's
      // stale uncurated-report record. Catalog and listings datasets stay out of reach.
      {
        kind: 'objects',
        bucket: 'curated',
        access: 'read-write-delete',
        prefixes: ['_manifests/reports/', '_manifests/uncurated-reports/'],
        reportDatasets: true,
      },
      curatedObjects('read-write', '_ledger/', '_errors/'),
    ],
  },
  {
    id: 'record-fatal',
    app: AppName.ReportRetriever,
    exportName: 'recordFatal',
    description: 'Ingestion: keeps a FATAL report error document, records the outcome',
    memoryMb: 256,
    timeoutSeconds: 120,
    environment: { ...spApiCaller, ...curatedWriter },
    grants: [readConfiguration('endpoints'), invokeTokenBroker, curated('_errors/', '_ledger/')],
  },
  {
    id: 'record-outcome',
    app: AppName.ReportRetriever,
    exportName: 'recordOutcome',
    description:
      'Ingestion: records a CANCELLED or FAILED window (a settlement placed by getReport)',
    memoryMb: 256,
    timeoutSeconds: 60,
    environment: { ...spApiCaller, ...curatedWriter },
    grants: [readConfiguration('endpoints'), invokeTokenBroker, curated('_ledger/')],
  },
  // notification-subscriber: destinations and subscriptions, the queue consumer, task tokens.
  {
    id: 'setup-subscriptions',
    app: AppName.NotificationSubscriber,
    exportName: 'setupSubscriptions',
    description: 'SQS and EventBridge destinations, subscriptions per account (idempotent)',
    memoryMb: 256,
    timeoutSeconds: 300,
    environment: {
      PARAMETER_PREFIX: E.ParameterPrefix,
      TOKEN_BROKER_FUNCTION: E.TokenBrokerFunction,
      NOTIFICATION_QUEUE_ARN: E.NotificationQueueArn,
      EVENTBRIDGE_ACCOUNT_ID: E.EventBridgeAccountId,
      EVENTBRIDGE_REGIONS: E.EventBridgeRegions,
      NOTIFICATION_STATE_TABLE: E.NotificationStateTable,
    },
    grants: [
      readConfiguration('accounts', 'endpoints'),
      invokeTokenBroker,
      table(StateTableName.NotificationState, 'PutItem'),
    ],
  },
  {
    id: 'consume-notifications',
    app: AppName.NotificationSubscriber,
    exportName: 'consumeNotifications',
    description:
      'Notification queue consumer: resumes waiting ingestions (partial batch responses)',
    memoryMb: 256,
    timeoutSeconds: 60,
    environment: {
      NOTIFICATION_STATE_TABLE: E.NotificationStateTable,
      IDEMPOTENCY_TABLE: E.IdempotencyTable,
      RETRIEVAL_STATE_MACHINE_ARN: E.RetrievalStateMachineArn,
      LISTING_REFRESH_QUEUE_URL: E.ListingRefreshQueueUrl,
    },
    grants: [
      notificationState,
      table(StateTableName.Idempotency, 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'),
      { kind: 'consume-queue', queue: QueueName.Notifications },
      { kind: 'send-to-queue', queue: QueueName.ListingRefresh },
      { kind: 'answer-report-waiters' },
      { kind: 'start-report-retrieval' },
    ],
    queueTrigger: {
      queue: QueueName.Notifications,
      batchSize: 10,
      maximumBatchingWindowSeconds: 5,
      maximumConcurrency: 5,
    },
  },
  {
    id: 'sweep-settlements',
    app: AppName.NotificationSubscriber,
    exportName: 'sweepSettlements',
    description:
      'Daily getReports sweep: retrieves settlements not in the lake, retries failed ones',
    memoryMb: 256,
    // getReports is paced at one call per 45 s once a partner's burst of 10 is spent.
    timeoutSeconds: 900,
    environment: {
      ...spApiCaller,
      CURATED_BUCKET: E.CuratedBucket,
      RETRIEVAL_STATE_MACHINE_ARN: E.RetrievalStateMachineArn,
    },
    grants: [
      readConfiguration('accounts', 'endpoints'),
      invokeTokenBroker,
      // What has landed: manifests and uncurated-report records, read only.
      curatedObjects('read', '_manifests/reports/', '_manifests/uncurated-reports/'),
      { kind: 'start-report-retrieval' },
      { kind: 'describe-report-retrievals' },
    ],
  },
  {
    id: 'register-waiter',
    app: AppName.NotificationSubscriber,
    exportName: 'registerWaiter',
    description: 'Ingestion: keeps the task token until REPORT_PROCESSING_FINISHED arrives',
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: { NOTIFICATION_STATE_TABLE: E.NotificationStateTable },
    // GetItem also reads the subscription directory (same table): no subscription, no waiting.
    grants: [notificationState, { kind: 'answer-report-waiters' }],
  },
  // token-broker: the only reader of LWA secrets.
  {
    id: 'token-broker',
    app: AppName.TokenBroker,
    exportName: 'handler',
    description: 'LWA authorization (Function URL), token vending, client secret rotation',
    memoryMb: 512,
    timeoutSeconds: 30,
    environment: {
      PARAMETER_PREFIX: E.ParameterPrefix,
      LWA_CLIENT_SECRET_ID: E.LwaClientSecretId,
      STATE_SIGNING_KEY_SECRET_ID: E.StateSigningKeySecretId,
      REFRESH_TOKEN_SECRET_PREFIX: E.RefreshTokenSecretPrefix,
      SECRETS_KMS_KEY_ID: E.SecretsKmsKeyId,
      USED_STATE_TABLE: E.UsedStateTable,
      SP_API_APPLICATION_ID: E.SpApiApplicationId,
      REDIRECT_URI: E.OAuthRedirectUri,
      APP_DRAFT: E.AppDraft,
      ROTATION_REGION: E.RotationRegion,
      METRICS_NAMESPACE: E.MetricsNamespace,
    },
    grants: [
      { kind: 'read-configuration', parameters: ['accounts', 'endpoints'], versionSelectors: true },
      { kind: 'write-account-list' },
      { kind: 'manage-lwa-secrets' },
      table(StateTableName.UsedStates, 'PutItem'),
      { kind: 'consume-queue', queue: QueueName.ApplicationNotifications },
    ],
    queueTrigger: {
      queue: QueueName.ApplicationNotifications,
      batchSize: 1,
      maximumBatchingWindowSeconds: 0,
      maximumConcurrency: 2,
    },
    functionUrl: true,
  },
  // catalog-listings-fetcher: the catalog refresh state machine's tasks and the SKU refresh.
  {
    id: 'plan-catalog-refresh',
    app: AppName.CatalogListingsFetcher,
    exportName: 'planCatalogRefresh',
    description: 'Catalog refresh: validates the request, refresh id, listings lanes',
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: catalogFetcher,
    grants: [readConfiguration('endpoints')],
  },
  {
    id: 'fetch-listings',
    app: AppName.CatalogListingsFetcher,
    exportName: 'fetchListings',
    description:
      'Catalog refresh: searchListingsItems pages of one marketplace -> listings datasets',
    memoryMb: 1024,
    timeoutSeconds: 300,
    environment: catalogFetcher,
    // The state machine's listings Map runs one lane at a time (listingsMaxConcurrency 1).
    fixedEnvironment: { RATE_LIMIT_SHARE: '1' },
    grants: [
      readConfiguration('endpoints'),
      invokeTokenBroker,
      curatedObjects('read-write-delete', 'listings_items/', 'listings_issues/'),
      curatedObjects('read-write', REFRESH_WORK),
    ],
  },
  {
    id: 'plan-catalog-chunks',
    app: AppName.CatalogListingsFetcher,
    exportName: 'planCatalogChunks',
    description: 'Catalog refresh: identifiers -> chunks; a chunk list object for large plans',
    memoryMb: 512,
    timeoutSeconds: 120,
    environment: catalogFetcher,
    grants: [
      readConfiguration('endpoints'),
      curatedObjects('read-write', REFRESH_WORK),
      curatedObjects('read', CATALOG_IDENTIFIER_INPUTS),
    ],
  },
  {
    id: 'fetch-catalog-chunk',
    app: AppName.CatalogListingsFetcher,
    exportName: 'fetchCatalogChunk',
    description: 'Catalog refresh: searchCatalogItems for one chunk -> catalog_items',
    memoryMb: 1024,
    timeoutSeconds: 300,
    environment: catalogFetcher,
    // The catalog Maps run one chunk at a time (catalogMaxConcurrency 1).
    fixedEnvironment: { RATE_LIMIT_SHARE: '1' },
    grants: [
      readConfiguration('endpoints'),
      invokeTokenBroker,
      curatedObjects('read-write-delete', 'catalog_items/'),
      curatedObjects('read-write', REFRESH_WORK),
    ],
  },
  {
    id: 'finish-catalog-refresh',
    app: AppName.CatalogListingsFetcher,
    exportName: 'finishCatalogRefresh',
    description: 'Catalog refresh: adds up lanes and chunks, writes the refresh manifest',
    memoryMb: 512,
    timeoutSeconds: 120,
    environment: catalogFetcher,
    grants: [
      readConfiguration('endpoints'),
      curatedObjects('read', REFRESH_WORK),
      curatedObjects('read-write', '_manifests/catalog-refresh/'),
    ],
  },
  {
    id: 'refresh-listings',
    app: AppName.CatalogListingsFetcher,
    exportName: 'refreshListings',
    description: 'Listing refresh queue consumer: refetches changed SKUs (partial batch responses)',
    memoryMb: 1024,
    timeoutSeconds: 300,
    environment: { ...catalogFetcher, SKU_REFRESH_TABLE: E.SkuRefreshTable },
    fixedEnvironment: { RATE_LIMIT_SHARE: String(REFRESH_LISTINGS_CONCURRENCY) },
    grants: [
      readConfiguration('accounts', 'endpoints'),
      invokeTokenBroker,
      curatedObjects('read-write-delete', 'catalog_items/', 'listings_items/', 'listings_issues/'),
      table(StateTableName.SkuRefreshes, 'GetItem', 'UpdateItem'),
      { kind: 'consume-queue', queue: QueueName.ListingRefresh },
    ],
    // A batching window gathers a burst of notifications about one SKU into one batch.
    queueTrigger: {
      queue: QueueName.ListingRefresh,
      batchSize: 25,
      maximumBatchingWindowSeconds: 30,
      maximumConcurrency: REFRESH_LISTINGS_CONCURRENCY,
    },
  },
];
