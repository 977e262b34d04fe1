import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { TokenBrokerClient } from '@spapi-lake/auth';
import {
  LambdaBrokerInvoker,
  SsmAccountRegistry,
  readSsmEndpointOverrides,
} from '@spapi-lake/auth-adapters';
import { configParameterNames, resolveEndpoints } from '@spapi-lake/config';
import { systemClock } from '@spapi-lake/core';
import { S3ObjectStore } from '@spapi-lake/lake-adapters';
import {
  AMAZON_GENERATED_REPORT_TYPES,
  type ConsumeNotificationsDeps,
  DynamoDbReportWaiterStore,
  DynamoDbSubscriptionDirectory,
  type RegisterWaiterDeps,
  type SetupSubscriptionsDeps,
  SfnExecutionResumer,
  SfnRetrievalRetrier,
  SfnRetrievalStarter,
  SqsListingRefreshRequester,
  isAmazonGeneratedReportType,
  type SweepSettlementsDeps,
  spApiNotificationsFactory,
  spApiReportListingFactory,
} from '@spapi-lake/notification-subscriber-handlers';
import { createLogger } from '@spapi-lake/observability';
import { RateLimiterRegistry } from '@spapi-lake/sp-api';
import type { ConsumerConfig, RegisterWaiterConfig, SetupConfig, SweepConfig } from './config';

/** The Powertools service name and the user agent's app name. */
export const SERVICE_NAME = 'notification-subscriber';
const USER_AGENT = { appName: 'spapi-lake-notification-subscriber', appVersion: '0.1.0' };

/** What the functions calling SP-API for partners share: SSM, endpoints and the token broker. */
async function partnerAccess(config: { PARAMETER_PREFIX: string; TOKEN_BROKER_FUNCTION: string }) {
  const clock = systemClock;
  const ssm = new SSMClient({});
  const parameters = configParameterNames(config.PARAMETER_PREFIX);
  const endpoints = resolveEndpoints(await readSsmEndpointOverrides(ssm, parameters.endpoints));
  const broker = new TokenBrokerClient({
    invoker: new LambdaBrokerInvoker({
      client: new LambdaClient({}),
      functionName: config.TOKEN_BROKER_FUNCTION,
    }),
    clock,
  });
  return { clock, ssm, parameters, endpoints, broker };
}

/** setupSubscriptions: SSM accounts, token broker tokens, SP-API Notifications, the directory. */
export async function setupDependencies(config: SetupConfig): Promise<SetupSubscriptionsDeps> {
  const { clock, ssm, parameters, endpoints, broker } = await partnerAccess(config);
  return {
    accounts: new SsmAccountRegistry({ client: ssm, parameterName: parameters.accounts }),
    notificationsApi: spApiNotificationsFactory({
      baseUrlFor: (region) => endpoints.spApiBaseUrl[region],
      tokenProviderFor: ({ region, sellingPartnerId }) =>
        sellingPartnerId === undefined ? broker : broker.forPartner({ sellingPartnerId, region }),
      limiters: new RateLimiterRegistry({ clock }),
      userAgent: USER_AGENT,
      ...(config.SP_API_APPLICATION_ID === undefined
        ? {}
        : { applicationId: config.SP_API_APPLICATION_ID }),
      clock,
    }),
    directory: new DynamoDbSubscriptionDirectory({
      client: new DynamoDBClient({}),
      tableName: config.NOTIFICATION_STATE_TABLE,
    }),
    settings: {
      sqsQueueArn: config.NOTIFICATION_QUEUE_ARN,
      eventBridgeAccountId: config.EVENTBRIDGE_ACCOUNT_ID,
      eventBridgeRegion: (region) => config.EVENTBRIDGE_REGIONS[region],
    },
    logger: createLogger({ serviceName: SERVICE_NAME }),
  };
}

/** consumeNotifications: DynamoDB state and idempotency, Step Functions, the refresh queue. */
export function consumerDependencies(config: ConsumerConfig): ConsumeNotificationsDeps {
  const dynamo = new DynamoDBClient({});
  const sfn = new SFNClient({});
  const tableName = config.NOTIFICATION_STATE_TABLE;
  return {
    waiters: new DynamoDbReportWaiterStore({ client: dynamo, tableName }),
    resumer: new SfnExecutionResumer(sfn),
    clock: systemClock,
    retrievals: new SfnRetrievalStarter({
      client: sfn,
      stateMachineArn: config.RETRIEVAL_STATE_MACHINE_ARN,
    }),
    directory: new DynamoDbSubscriptionDirectory({ client: dynamo, tableName }),
    listings: new SqsListingRefreshRequester({
      client: new SQSClient({}),
      queueUrl: config.LISTING_REFRESH_QUEUE_URL,
    }),
    isUnsolicitedReportType: isAmazonGeneratedReportType,
    outcomeTtlMs: config.OUTCOME_TTL_SECONDS * 1000,
    idempotencyStore: new DynamoDBPersistenceLayer({
      tableName: config.IDEMPOTENCY_TABLE,
      awsSdkV3Client: dynamo,
    }),
    idempotencyTtlSeconds: config.IDEMPOTENCY_TTL_SECONDS,
    logger: createLogger({ serviceName: SERVICE_NAME }),
  };
}

/**
 * sweepSettlements: SSM accounts, getReports through token broker tokens (paced by the model's
 * plan, 429s retried), manifests in the curated bucket, retrievals started in Step Functions.
 */
export async function sweepDependencies(config: SweepConfig): Promise<SweepSettlementsDeps> {
  const { clock, ssm, parameters, endpoints, broker } = await partnerAccess(config);
  const sfn = new SFNClient({});
  const stateMachine = { client: sfn, stateMachineArn: config.RETRIEVAL_STATE_MACHINE_ARN };
  return {
    accounts: new SsmAccountRegistry({ client: ssm, parameterName: parameters.accounts }),
    reportsApiFor: spApiReportListingFactory({
      baseUrlFor: (region) => endpoints.spApiBaseUrl[region],
      tokenProviderFor: (partner) => broker.forPartner(partner),
      limiters: new RateLimiterRegistry({ clock }),
      userAgent: USER_AGENT,
      ...(config.SP_API_APPLICATION_ID === undefined
        ? {}
        : { applicationId: config.SP_API_APPLICATION_ID }),
      clock,
    }),
    lake: new S3ObjectStore({ client: new S3Client({}), bucket: config.CURATED_BUCKET }),
    retrievals: new SfnRetrievalStarter(stateMachine),
    retries: new SfnRetrievalRetrier({
      ...stateMachine,
      maxAttempts: config.MAX_RETRIEVAL_ATTEMPTS,
    }),
    clock,
    reportTypes: AMAZON_GENERATED_REPORT_TYPES,
    lookbackDays: config.SWEEP_LOOKBACK_DAYS,
    logger: createLogger({ serviceName: SERVICE_NAME }),
  };
}

/** registerWaiter: the DynamoDB state table (waiters, the directory) and SendTaskSuccess. */
export function registerWaiterDependencies(config: RegisterWaiterConfig): RegisterWaiterDeps {
  const dynamo = new DynamoDBClient({});
  const tableName = config.NOTIFICATION_STATE_TABLE;
  return {
    waiters: new DynamoDbReportWaiterStore({ client: dynamo, tableName }),
    resumer: new SfnExecutionResumer(new SFNClient({})),
    directory: new DynamoDbSubscriptionDirectory({ client: dynamo, tableName }),
    clock: systemClock,
    waiterTtlMs: config.WAITER_TTL_SECONDS * 1000,
    logger: createLogger({ serviceName: SERVICE_NAME }),
  };
}
