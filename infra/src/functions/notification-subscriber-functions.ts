import {
  AppName,
  EnvironmentSource as E,
  type FunctionSpec,
  QueueName,
  StateTableName,
} from './function-spec';
import {
  readConfiguration,
  invokeTokenBroker,
  table,
  notificationState,
  curatedObjects,
  spApiCaller,
} from './function-spec-parts';

/**
 * The notification-subscriber functions: destinations and subscriptions, the queue consumer, task
 * tokens.
 */
export const NOTIFICATION_SUBSCRIBER_FUNCTIONS: readonly FunctionSpec[] = [
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
      // GetItem and DeleteItem: a failed subscription step forgets its owner's stale directory
      // entry, so ingestions poll at once instead of waiting for notifications that cannot come.
      table(StateTableName.NotificationState, 'GetItem', 'PutItem', 'DeleteItem'),
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
      // What has landed: report manifests, read only.
      curatedObjects('read', '_manifests/reports/'),
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
];
