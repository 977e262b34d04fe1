/** The apps whose artifacts (`dist/artifacts/<app>.zip`) the stack deploys. */
export const AppName = {
  ReportCreator: 'report-creator',
  ReportRetriever: 'report-retriever',
  NotificationSubscriber: 'notification-subscriber',
  TokenBroker: 'token-broker',
  CatalogListingsFetcher: 'catalog-listings-fetcher',
} as const;
export type AppName = (typeof AppName)[keyof typeof AppName];

/** The DynamoDB tables functions keep state in. */
export const StateTableName = {
  LaneStates: 'lane-states',
  ReportRequests: 'report-requests',
  NotificationState: 'notification-state',
  Idempotency: 'idempotency',
  UsedStates: 'used-states',
  /** When each SKU was last fetched after a listings notification (catalog-listings-fetcher). */
  SkuRefreshes: 'sku-refreshes',
} as const;
export type StateTableName = (typeof StateTableName)[keyof typeof StateTableName];

/** The SQS queues: the two SP-API delivers to, and the listing refresh work queue. */
export const QueueName = {
  /** REPORT_PROCESSING_FINISHED (SQS destination) and LISTINGS_ITEM_* (EventBridge rule). */
  Notifications: 'notifications',
  /** APPLICATION_OAUTH_CLIENT_* (registered in the Developer Console). */
  ApplicationNotifications: 'application-notifications',
  /** One SKU refresh per listings notification, for the catalog/listings fetcher. */
  ListingRefresh: 'listing-refresh',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Buckets a function may be granted objects in. */
export type DataBucketName = 'raw' | 'curated';

/** The configuration parameters (SSM, layout of @spapi-lake/config). */
export type ConfigurationParameter = 'accounts' | 'reportConfigs' | 'endpoints';

/**
 * What a function may do with objects: read; read and write (writers overwrite their own keys);
 * also delete (a writer that removes the stale files of a partition it rewrites).
 */
export type ObjectAccess = 'read' | 'read-write' | 'read-write-delete';

/** DynamoDB item actions a function may be granted on a table. */
export type TableAction =
  'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem';

/** Values the stack provides for functions' environment variables. */
export const EnvironmentSource = {
  ParameterPrefix: 'parameterPrefix',
  RawBucket: 'rawBucket',
  CuratedBucket: 'curatedBucket',
  CrawlerNamePrefix: 'crawlerNamePrefix',
  LakeKmsKeyId: 'lakeKmsKeyId',
  TokenBrokerFunction: 'tokenBrokerFunction',
  RetrievalStateMachineArn: 'retrievalStateMachineArn',
  NotificationQueueArn: 'notificationQueueArn',
  ListingRefreshQueueUrl: 'listingRefreshQueueUrl',
  EventBridgeAccountId: 'eventBridgeAccountId',
  EventBridgeRegions: 'eventBridgeRegions',
  LaneStateTable: 'laneStateTable',
  ReportRequestTable: 'reportRequestTable',
  NotificationStateTable: 'notificationStateTable',
  IdempotencyTable: 'idempotencyTable',
  UsedStateTable: 'usedStateTable',
  SkuRefreshTable: 'skuRefreshTable',
  LwaClientSecretId: 'lwaClientSecretId',
  StateSigningKeySecretId: 'stateSigningKeySecretId',
  RefreshTokenSecretPrefix: 'refreshTokenSecretPrefix',
  SecretsKmsKeyId: 'secretsKmsKeyId',
  SpApiApplicationId: 'spApiApplicationId',
  OAuthRedirectUri: 'oauthRedirectUri',
  AppDraft: 'appDraft',
  RotationRegion: 'rotationRegion',
  MetricsNamespace: 'metricsNamespace',
} as const;
export type EnvironmentSource = (typeof EnvironmentSource)[keyof typeof EnvironmentSource];

/** What a function's role may do; each kind maps to fixed actions on scoped resources. */
export type Grant =
  /** ssm:GetParameter on these configuration parameters (and their `:version` selectors). */
  | {
      readonly kind: 'read-configuration';
      readonly parameters: readonly ConfigurationParameter[];
      readonly versionSelectors?: boolean;
    }
  /** ssm:PutParameter on the accounts parameter (the broker records authorizations). */
  | { readonly kind: 'write-account-list' }
  /** lambda:InvokeFunction on the token broker's live alias (token vending). */
  | { readonly kind: 'invoke-token-broker' }
  /** Secrets Manager on the LWA secrets and the refresh-token path, the secrets key via SM. */
  | { readonly kind: 'manage-lwa-secrets' }
  /** Objects under `prefixes` (default: the whole bucket) of a data bucket, the lake key via S3. */
  | {
      readonly kind: 'objects';
      readonly bucket: DataBucketName;
      readonly access: ObjectAccess;
      readonly prefixes?: readonly string[];
      /**
       * Also each curated dataset reports land and its quarantine (`<dataset>/`,
       * `_quarantine/<dataset>/`), so catalog and listings datasets stay out of reach.
       */
      readonly reportDatasets?: boolean;
    }
  /** These item actions on a state table, the lake key via DynamoDB. */
  | {
      readonly kind: 'table';
      readonly table: StateTableName;
      readonly actions: readonly TableAction[];
    }
  /** Receive and delete messages of a queue (its event source mapping), the lake key via SQS. */
  | { readonly kind: 'consume-queue'; readonly queue: QueueName }
  /** Send messages to a queue, the lake key via SQS. */
  | { readonly kind: 'send-to-queue'; readonly queue: QueueName }
  /** SendTaskSuccess / SendTaskFailure to ingestion executions waiting for the notification. */
  | { readonly kind: 'answer-report-waiters' }
  /** StartExecution of the report retrieval state machine (reports nobody waits for). */
  | { readonly kind: 'start-report-retrieval' }
  /** DescribeExecution of its executions (the settlement sweep retries only failed ones). */
  | { readonly kind: 'describe-report-retrievals' };

/** An SQS event source mapping onto the function's live alias (partial batch responses). */
export interface QueueTrigger {
  readonly queue: QueueName;
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  /** Most concurrent invocations the mapping starts (2..1000). */
  readonly maximumConcurrency: number;
}

/** One Lambda function: an app's artifact with one exported handler, and what it may do. */
export interface FunctionSpec {
  /** kebab-case, unique: the function is `<prefix>-<id>`. */
  readonly id: string;
  readonly app: AppName;
  /** The export of the bundle's `main.js`: the handler is `main.<exportName>`. */
  readonly exportName: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Environment variable -> the stack value it is set to. */
  readonly environment: Readonly<Record<string, EnvironmentSource>>;
  /** Environment variables with fixed values (tunables that must match this spec, e.g. a share). */
  readonly fixedEnvironment?: Readonly<Record<string, string>>;
  readonly grants: readonly Grant[];
  readonly queueTrigger?: QueueTrigger;
  /** A public (auth NONE) Function URL on the live alias: the LWA authorization flow. */
  readonly functionUrl?: boolean;
}
