import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TokenBrokerClient } from '@spapi-lake/auth';
import { LambdaBrokerInvoker } from '@spapi-lake/auth-adapters';
import { InMemorySkuRefreshLog } from '@spapi-lake/catalog';
import {
  type CatalogFetcherDependencies,
  DynamoDbSkuRefreshLog,
  SsmPartnerDirectory,
  hyparquetSinkFactory,
  rateLimitShareFetch,
  readSsmEndpointOverrides,
  sharedUsagePlans,
  spApiPortsFor,
} from '@spapi-lake/catalog-listings-fetcher-handlers';
import { configParameterNames, resolveEndpoints } from '@spapi-lake/config';
import { systemClock } from '@spapi-lake/core';
import { S3ObjectStore } from '@spapi-lake/lake-adapters';
import { createLogger } from '@spapi-lake/observability';
import { RateLimiterRegistry } from '@spapi-lake/sp-api';
import type { CatalogFetcherConfig } from './config';

const SERVICE_NAME = 'catalog-listings-fetcher';
const APP_VERSION = '0.1.0';

/** AWS SDK clients of the composition root (tests hand in mocked ones). */
export interface AwsClients {
  readonly s3: S3Client;
  readonly ssm: SSMClient;
  readonly lambda: LambdaClient;
  readonly dynamodb: DynamoDBClient;
}

/** Default clients: region and credentials from the Lambda environment. */
export function defaultAwsClients(): AwsClients {
  return {
    s3: new S3Client({}),
    ssm: new SSMClient({}),
    lambda: new LambdaClient({}),
    dynamodb: new DynamoDBClient({}),
  };
}

/** The composition root on AWS: config -> AWS adapters -> the handlers' dependencies. */
export async function awsDependencies(
  config: CatalogFetcherConfig,
  clients: AwsClients = defaultAwsClients(),
): Promise<CatalogFetcherDependencies> {
  const clock = systemClock;
  const parameters = configParameterNames(config.PARAMETER_PREFIX);
  const endpoints = resolveEndpoints(
    await readSsmEndpointOverrides(clients.ssm, parameters.endpoints),
  );
  const broker = new TokenBrokerClient({
    invoker: new LambdaBrokerInvoker({
      client: clients.lambda,
      functionName: config.TOKEN_BROKER_FUNCTION,
    }),
    clock,
  });
  const share = config.RATE_LIMIT_SHARE;
  const ports = spApiPortsFor({
    baseUrlOf: (region) => endpoints.spApiBaseUrl[region],
    tokenProviderFor: (partner) => broker.forPartner(partner),
    // One registry per container: every call of a partner in this process paces the same buckets,
    // each holding this function's share of the partner's plan.
    limiters: new RateLimiterRegistry({ clock, usagePlans: sharedUsagePlans(share) }),
    userAgent: { appName: 'spapi-lake', appVersion: APP_VERSION },
    clock,
    fetch: rateLimitShareFetch(share),
    maxAttempts: config.SP_API_MAX_ATTEMPTS,
  });
  return {
    ...ports,
    store: new S3ObjectStore({
      client: clients.s3,
      bucket: config.CURATED_BUCKET,
      ...(config.LAKE_KMS_KEY_ID === undefined ? {} : { kmsKeyId: config.LAKE_KMS_KEY_ID }),
    }),
    openParquetSink: hyparquetSinkFactory(),
    clock,
    partners: new SsmPartnerDirectory({
      parameterName: parameters.accounts,
      maxAgeSeconds: config.CONFIG_MAX_AGE_SECONDS,
      client: clients.ssm,
    }),
    refreshLog:
      config.SKU_REFRESH_TABLE === undefined
        ? new InMemorySkuRefreshLog()
        : new DynamoDbSkuRefreshLog({
            client: DynamoDBDocumentClient.from(clients.dynamodb),
            tableName: config.SKU_REFRESH_TABLE,
            ttlSeconds: config.SKU_REFRESH_TTL_SECONDS,
          }),
    logger: createLogger({ serviceName: SERVICE_NAME }),
    settings: {
      chunkSize: config.CATALOG_CHUNK_SIZE,
      inlineChunkLimit: config.INLINE_CHUNK_LIMIT,
      itemReaderBucket: config.CURATED_BUCKET,
      maxPagesPerPart: config.LISTINGS_PAGES_PER_PART,
      maxInFlight: config.MAX_IN_FLIGHT,
      crawlerNamePrefix: config.CRAWLER_NAME_PREFIX,
      listingsIncludedData: config.REFRESH_LISTINGS_INCLUDED_DATA,
      catalogIncludedData: config.REFRESH_CATALOG_INCLUDED_DATA,
      settleMs: config.REFRESH_SETTLE_SECONDS * 1000,
    },
  };
}
