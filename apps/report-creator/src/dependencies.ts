import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TokenBrokerClient } from '@spapi-lake/auth';
import { LambdaBrokerInvoker } from '@spapi-lake/auth-adapters';
import { configParameterNames } from '@spapi-lake/config';
import { S3ObjectStore } from '@spapi-lake/lake-adapters';
import { systemClock } from '@spapi-lake/core';
import { createLogger } from '@spapi-lake/observability';
import {
  type CreateReportHandlerDeps,
  DynamoDbLaneStateStore,
  DynamoDbReportRequestStore,
  type LaneHandlerDeps,
  type PlanWindowsHandlerDeps,
  PowertoolsSsmParameterSource,
  lakeUncuratedReports,
  loadEndpoints,
  spApiClientsFor,
} from '@spapi-lake/report-creator-handlers';
import { RateLimiterRegistry } from '@spapi-lake/sp-api';
import type { CreateReportConfig, LaneConfig, PlanWindowsConfig } from './config';

/** The functions' service name (logs). */
export const SERVICE_NAME = 'report-creator';
const APP_VERSION = '0.1.0';

// The composition root on AWS, one builder per function (each runs in its own containers).

const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });

/** `claimWindow`, `completeWindow`, `recordWindowFailure`: the lane table. */
export function laneDependencies(config: LaneConfig): LaneHandlerDeps {
  return {
    logger: createLogger({ serviceName: SERVICE_NAME }),
    clock: systemClock,
    lanes: new DynamoDbLaneStateStore({
      client: documentClient(),
      tableName: config.LANE_STATE_TABLE,
      clock: systemClock,
    }),
  };
}

/** `planWindows`: accounts and report configs from SSM (Powertools, cached), the lane table. */
export function planWindowsDependencies(config: PlanWindowsConfig): PlanWindowsHandlerDeps {
  return {
    ...laneDependencies(config),
    parameters: new PowertoolsSsmParameterSource({ maxAgeSeconds: config.CONFIG_CACHE_SECONDS }),
    parameterNames: configParameterNames(config.PARAMETER_PREFIX),
    ...(config.MAX_WINDOWS_PER_RUN === undefined
      ? {}
      : { maxWindowsPerRun: config.MAX_WINDOWS_PER_RUN }),
  };
}

/**
 * `createReport`: SP-API clients per partner (endpoints from SSM, tokens from the token broker),
 * the report request table, the curated bucket's uncurated-report records.
 */
export function createReportDependencies(config: CreateReportConfig): CreateReportHandlerDeps {
  const clock = systemClock;
  const parameters = new PowertoolsSsmParameterSource({
    maxAgeSeconds: config.CONFIG_CACHE_SECONDS,
  });
  const parameterNames = configParameterNames(config.PARAMETER_PREFIX);
  const broker = new TokenBrokerClient({
    invoker: new LambdaBrokerInvoker({
      client: new LambdaClient({}),
      functionName: config.TOKEN_BROKER_FUNCTION,
    }),
    clock,
  });
  const clients = spApiClientsFor({
    endpoints: () => loadEndpoints(parameters, parameterNames),
    tokenProviderFor: (partner) => broker.forPartner(partner),
    limiters: new RateLimiterRegistry({ clock }),
    userAgent: { appName: 'spapi-lake', appVersion: APP_VERSION },
    clock,
    maxAttempts: config.SP_API_MAX_ATTEMPTS,
  });
  return {
    logger: createLogger({ serviceName: SERVICE_NAME }),
    clock,
    requests: new DynamoDbReportRequestStore({
      client: documentClient(),
      tableName: config.REPORT_REQUEST_TABLE,
    }),
    reportsApiFor: async (partner) => (await clients(partner)).reports,
    uncuratedReports: lakeUncuratedReports(
      new S3ObjectStore({ client: new S3Client({}), bucket: config.CURATED_BUCKET }),
    ),
  };
}
