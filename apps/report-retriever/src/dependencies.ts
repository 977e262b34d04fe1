import path from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { TokenBrokerClient } from '@spapi-lake/auth';
import { LambdaBrokerInvoker, readSsmEndpointOverrides } from '@spapi-lake/auth-adapters';
import { configParameterNames, resolveEndpoints } from '@spapi-lake/config';
import { systemClock } from '@spapi-lake/core';
import type { ReportsPort } from '@spapi-lake/ingestion';
import { S3ObjectStore } from '@spapi-lake/lake-adapters';
import { createLogger } from '@spapi-lake/observability';
import {
  type PartnerRef,
  type ReportRetrieverDependencies,
  type RetrieverLogger,
  buildReportRetrieverDependencies,
  reportDocumentPort,
  spApiReportsFor,
} from '@spapi-lake/report-retriever-handlers';
import { RateLimiterRegistry } from '@spapi-lake/sp-api';
import type { CuratedZoneConfig, RetrievalConfig, SpApiConfig } from './config';

/** The functions' service name (logs). */
export const SERVICE_NAME = 'report-retriever';
const APP_VERSION = '0.1.0';

let logger: RetrieverLogger | undefined;
let s3: S3Client | undefined;

// One logger and one S3 client per container, made on first use (never at import time).
const appLogger = (): RetrieverLogger => (logger ??= createLogger({ serviceName: SERVICE_NAME }));
const s3Client = (): S3Client => (s3 ??= new S3Client({}));

/**
 * SP-API Reports per partner: endpoints from the optional SSM `endpoints` document (read once, at
 * cold start), access tokens from the token broker, one rate limiter registry for the container.
 */
export async function awsReportsFor(
  config: SpApiConfig,
): Promise<(partner: PartnerRef) => ReportsPort> {
  const clock = systemClock;
  const endpoints = resolveEndpoints(
    await readSsmEndpointOverrides(
      new SSMClient({}),
      configParameterNames(config.PARAMETER_PREFIX).endpoints,
    ),
  );
  const broker = new TokenBrokerClient({
    invoker: new LambdaBrokerInvoker({
      client: new LambdaClient({}),
      functionName: config.TOKEN_BROKER_FUNCTION,
    }),
    clock,
  });
  return spApiReportsFor({
    baseUrlOf: (region) => endpoints.spApiBaseUrl[region],
    tokenProviderFor: (partner) => broker.forPartner(partner),
    limiters: new RateLimiterRegistry({ clock }),
    userAgent: { appName: 'spapi-lake', appVersion: APP_VERSION },
    clock,
    maxAttempts: config.SP_API_MAX_ATTEMPTS,
  });
}

function bucketStore(bucket: string, config: CuratedZoneConfig): S3ObjectStore {
  return new S3ObjectStore({
    client: s3Client(),
    bucket,
    ...(config.LAKE_KMS_KEY_ID === undefined ? {} : { kmsKeyId: config.LAKE_KMS_KEY_ID }),
  });
}

/** `getReportStatus`: SP-API only. */
export async function getReportStatusDependencies(
  config: SpApiConfig,
): Promise<Pick<ReportRetrieverDependencies, 'reportsFor' | 'logger'>> {
  return { reportsFor: await awsReportsFor(config), logger: appLogger() };
}

/** `retrieveReport`: SP-API, document downloads, both buckets, Parquet sinks. */
export async function retrieveReportDependencies(
  config: RetrievalConfig,
): Promise<ReportRetrieverDependencies> {
  return buildReportRetrieverDependencies({
    raw: bucketStore(config.RAW_BUCKET, config),
    curated: bucketStore(config.CURATED_BUCKET, config),
    reportsFor: await awsReportsFor(config),
    clock: systemClock,
    logger: appLogger(),
    crawlerNamePrefix: config.CRAWLER_NAME_PREFIX,
    rowGroupSize: config.PARQUET_ROW_GROUP_SIZE,
    // Bundled beside this file (project.json additionalEntryPoints).
    curationWorkerPath: path.join(__dirname, 'tsv-curation-worker.js'),
  });
}

/** `recordFatal`: SP-API and document downloads for the error document; the curated bucket. */
export async function recordFatalDependencies(
  config: SpApiConfig & CuratedZoneConfig,
): Promise<
  Pick<ReportRetrieverDependencies, 'reportsFor' | 'documents' | 'store' | 'clock' | 'logger'>
> {
  return {
    reportsFor: await awsReportsFor(config),
    documents: reportDocumentPort(),
    // Error documents and the ledger live in the curated bucket (only `reports/` is raw).
    store: bucketStore(config.CURATED_BUCKET, config),
    clock: systemClock,
    logger: appLogger(),
  };
}

/** `recordOutcome`: the ledger in the curated bucket; getReport places a failed settlement. */
export async function recordOutcomeDependencies(
  config: SpApiConfig & CuratedZoneConfig,
): Promise<Pick<ReportRetrieverDependencies, 'reportsFor' | 'store' | 'clock' | 'logger'>> {
  return {
    reportsFor: await awsReportsFor(config),
    store: bucketStore(config.CURATED_BUCKET, config),
    clock: systemClock,
    logger: appLogger(),
  };
}
