import type { Context } from 'aws-lambda';
import { TokenBrokerClient } from '@spapi-lake/auth';
import {
  InProcessBrokerInvoker,
  createLocalTokenBrokerDependencies,
  createTokenBrokerHandler,
} from '@spapi-lake/auth-adapters';
import { type Region, configParameterNames, parseAccounts } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import type { ObjectStore } from '@spapi-lake/lake';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import {
  AMAZON_GENERATED_REPORT_TYPES,
  type LocalNotificationSubscriber,
  REPORT_RETENTION_DAYS,
  type RetrievalRetrier,
  type RetrievalStarter,
  type SweepSettlementsHandler,
  createLocalNotificationSubscriber,
  createSweepSettlementsHandler,
  localLambdaContext,
  spApiNotificationsFactory,
} from '@spapi-lake/notification-subscriber-handlers';
import type { ListingRefreshRequest } from '@spapi-lake/notification-subscriber-handlers';
import type { UnsolicitedReportRetrieval } from '@spapi-lake/notification-subscriber-handlers';
import { createLogger } from '@spapi-lake/observability';
import {
  type LocalCatalogListingsFetcher,
  createLocalCatalogListingsFetcher,
} from '@spapi-lake/catalog-listings-fetcher-handlers';
import {
  LocalFileParameterSource,
  type ReportCreatorHandlers,
  createReportCreatorHandlers,
  lakeUncuratedReports,
  localReportCreatorStores,
  spApiClientsFor,
} from '@spapi-lake/report-creator-handlers';
import {
  type GetReportStatusHandler,
  type RecordFatalHandler,
  type RecordOutcomeHandler,
  type RetrieveReportHandler,
  type ReportRetrieverDependencies,
  buildReportRetrieverDependencies,
  createGetReportStatusHandler,
  createRecordFatalHandler,
  createRecordOutcomeHandler,
  createRetrieveReportHandler,
  spApiReportsFor,
} from '@spapi-lake/report-retriever-handlers';
import { RateLimiterRegistry, type TokenProvider } from '@spapi-lake/sp-api';
import { readFile } from 'node:fs/promises';
import type { LakePaths } from './lake-paths';

/** The SP-API application the run acts as (the simulator's, or yours with `--real`). */
export interface LocalApplication {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly applicationId: string;
}

/** What every local function is built on. */
export interface LocalFunctionsEnvironment {
  readonly paths: LakePaths;
  /** The pipeline's clock: simulated time in a simulated run. */
  readonly clock: Clock;
  /** The token broker's clock (the chaos profile slows it down to expire tokens). */
  readonly brokerClock?: Clock;
  readonly spApiBaseUrl: (region: Region) => string;
  readonly lwaBaseUrl: string;
  readonly application: LocalApplication;
  /** Refresh tokens stored in the local secret store before the first call. */
  readonly refreshTokens: readonly {
    readonly sellingPartnerId: string;
    readonly region: Region;
    readonly refreshToken: string;
  }[];
  readonly parameterPrefix: string;
  /** The notification queue the subscriptions point at. */
  readonly queueArn: string;
  /** A DONE report nobody waits for (settlements): the runner retrieves it. */
  readonly onRetrieval?: (request: UnsolicitedReportRetrieval) => Promise<void>;
  readonly onListingRefresh?: (request: ListingRefreshRequest) => Promise<void>;
  /**
   * Starts and retries the settlement sweep's retrievals (the runner's execution history); without
   * it the sweep starts them as the notification consumer does and never retries one.
   */
  readonly retrievalAttempts?: RetrievalStarter & RetrievalRetrier;
  /** Days of getReports the settlement sweep lists (default: Amazon's 90-day retention). */
  readonly settlementSweepLookbackDays?: number;
  /** Windows planned per lane and run (the fan-out's default is 10). */
  readonly maxWindowsPerRun?: number;
  /** The lake's zones: local folders by default (S3 buckets with `--real` and RAW_BUCKET). */
  readonly raw?: ObjectStore;
  readonly curated?: ObjectStore;
}

/** The report-retriever handlers, by the name each is exported under from the app's main.ts. */
export interface ReportRetrieverHandlers {
  readonly getReportStatus: GetReportStatusHandler;
  readonly retrieveReport: RetrieveReportHandler;
  readonly recordFatal: RecordFatalHandler;
  readonly recordOutcome: RecordOutcomeHandler;
}

/** Every Lambda function of the pipeline, built from its handler factory over local adapters. */
export interface LocalFunctions {
  readonly tokenBroker: (event: unknown) => Promise<unknown>;
  readonly reportCreator: ReportCreatorHandlers;
  readonly reportRetriever: ReportRetrieverHandlers;
  readonly retrieverDependencies: ReportRetrieverDependencies;
  readonly notificationSubscriber: LocalNotificationSubscriber;
  /** notification-subscriber's `sweepSettlements`: getReports backstop for settlements. */
  readonly sweepSettlements: SweepSettlementsHandler;
  readonly catalogListingsFetcher: LocalCatalogListingsFetcher;
  /** A Lambda context for handlers that take one. */
  context(functionName: string): Context;
}

const USER_AGENT = { appName: 'spapi-lake', appVersion: '0.1.0' };
/** Crawler names as infra creates them: `<prefix><dataset>`. */
export const LOCAL_CRAWLER_PREFIX = 'spapi_lake_local_';

/**
 * The composition root of the local runner: the very handler factories the Lambda apps export,
 * over the local twins of their AWS adapters (folders for S3, JSON files for SSM, Secrets Manager
 * and DynamoDB, an in-process token broker reached through `TokenBrokerClient` as the other
 * functions reach it on AWS).
 */
export async function createLocalFunctions(
  env: LocalFunctionsEnvironment,
): Promise<LocalFunctions> {
  const { paths, clock } = env;
  const parameterNames = configParameterNames(env.parameterPrefix);
  const logger = (serviceName: string) => createLogger({ serviceName });

  // Token broker: secrets file seeded with the application's credentials and every refresh token.
  const brokerLogger = logger('token-broker');
  const brokerDeps = await createLocalTokenBrokerDependencies({
    dataDir: paths.tokenBrokerState,
    accountsFile: paths.parameterFile('accounts'),
    lwaBaseUrl: env.lwaBaseUrl,
    spApiBaseUrl: env.spApiBaseUrl('NA'),
    settings: {
      applicationId: env.application.applicationId,
      redirectUri: 'https://localhost/spapi/callback',
      draft: false,
      stateTtlMs: 10 * 60_000,
    },
    logger: brokerLogger,
    clock: env.brokerClock ?? clock,
    seed: {
      clientId: env.application.clientId,
      clientSecret: env.application.clientSecret,
      stateSigningKey: `local-signing-key-${env.application.clientId}`.padEnd(40, '0'),
    },
  });
  for (const token of env.refreshTokens) {
    const stored = await brokerDeps.secretStore.getRefreshToken(token);
    if (stored?.refreshToken !== token.refreshToken) {
      await brokerDeps.secretStore.putRefreshToken(token, {
        refreshToken: token.refreshToken,
        authorizedAt: clock.now(),
      });
    }
  }
  brokerLogger.registerSecretValues([env.application.clientSecret]);
  const tokenBroker = createTokenBrokerHandler(brokerDeps);
  const broker = new TokenBrokerClient({ invoker: new InProcessBrokerInvoker(tokenBroker), clock });
  const partnerTokens = (partner: { sellingPartnerId: string; region: Region }): TokenProvider =>
    broker.forPartner({ sellingPartnerId: partner.sellingPartnerId, region: partner.region });

  // One registry per process: every client of a partner paces the same token buckets.
  const limiters = new RateLimiterRegistry({ clock });

  const stores = localReportCreatorStores(paths.reportCreatorState);
  // One store for every function: its compare-and-swap writes are atomic within one instance.
  const curated = env.curated ?? new LocalDiskObjectStore(paths.curated);
  const parameters = new LocalFileParameterSource(paths.config, env.parameterPrefix);
  const clientsFor = spApiClientsFor({
    endpoints: async () => ({
      spApiBaseUrl: {
        NA: env.spApiBaseUrl('NA'),
        EU: env.spApiBaseUrl('EU'),
        FE: env.spApiBaseUrl('FE'),
      },
      lwaBaseUrl: env.lwaBaseUrl,
    }),
    tokenProviderFor: partnerTokens,
    limiters,
    userAgent: USER_AGENT,
    clock,
  });
  const reportCreator = createReportCreatorHandlers({
    logger: logger('report-creator'),
    clock,
    parameters,
    parameterNames,
    lanes: stores.lanes,
    requests: stores.requests,
    reportsApiFor: async (partner) => (await clientsFor(partner)).reports,
    uncuratedReports: lakeUncuratedReports(curated),
    ...(env.maxWindowsPerRun === undefined ? {} : { maxWindowsPerRun: env.maxWindowsPerRun }),
  });

  const retrieverDependencies = buildReportRetrieverDependencies({
    raw: env.raw ?? new LocalDiskObjectStore(paths.raw),
    curated,
    reportsFor: spApiReportsFor({
      baseUrlOf: env.spApiBaseUrl,
      tokenProviderFor: partnerTokens,
      limiters,
      userAgent: USER_AGENT,
      clock,
    }),
    clock,
    logger: logger('report-retriever'),
    crawlerNamePrefix: LOCAL_CRAWLER_PREFIX,
  });
  const reportRetriever: ReportRetrieverHandlers = {
    getReportStatus: createGetReportStatusHandler(retrieverDependencies),
    retrieveReport: createRetrieveReportHandler(retrieverDependencies),
    recordFatal: createRecordFatalHandler(retrieverDependencies),
    recordOutcome: createRecordOutcomeHandler(retrieverDependencies),
  };

  const notificationSubscriber = createLocalNotificationSubscriber({
    stateDirectory: paths.notificationSubscriberState,
    clock,
    logger: logger('notification-subscriber'),
    accounts: {
      list: async () =>
        parseAccounts(await readFile(paths.parameterFile('accounts'), 'utf8'), 'accounts'),
    },
    notificationsApi: spApiNotificationsFactory({
      baseUrlFor: env.spApiBaseUrl,
      tokenProviderFor: (target) =>
        target.sellingPartnerId === undefined
          ? broker
          : partnerTokens({ sellingPartnerId: target.sellingPartnerId, region: target.region }),
      limiters,
      userAgent: USER_AGENT,
      applicationId: env.application.applicationId,
      clock,
    }),
    settings: {
      sqsQueueArn: env.queueArn,
      eventBridgeAccountId: env.queueArn.split(':')[4] ?? '000000000000',
      eventBridgeRegion: (region) =>
        region === 'EU' ? 'eu-west-1' : region === 'FE' ? 'us-west-2' : 'us-east-1',
    },
    ...(env.onRetrieval === undefined ? {} : { onRetrieval: env.onRetrieval }),
    ...(env.onListingRefresh === undefined ? {} : { onListingRefresh: env.onListingRefresh }),
  });

  const accounts = parseAccounts(
    await readFile(paths.parameterFile('accounts'), 'utf8'),
    'accounts',
  );
  const sweepSettlements = createSweepSettlementsHandler({
    accounts: { list: async () => accounts },
    reportsApiFor: async (partner) => (await clientsFor(partner)).reports,
    lake: curated,
    retrievals: env.retrievalAttempts ?? notificationSubscriber.retrievals,
    retries: env.retrievalAttempts ?? { retryFailed: async () => ({ outcome: 'running' }) },
    clock,
    reportTypes: AMAZON_GENERATED_REPORT_TYPES,
    lookbackDays: env.settlementSweepLookbackDays ?? REPORT_RETENTION_DAYS,
    logger: logger('notification-subscriber'),
  });
  const catalogListingsFetcher = createLocalCatalogListingsFetcher({
    store: curated,
    clock,
    logger: logger('catalog-listings-fetcher'),
    accounts,
    baseUrlOf: env.spApiBaseUrl,
    tokenProviderFor: partnerTokens,
    limiters,
    userAgent: USER_AGENT,
    settings: { crawlerNamePrefix: LOCAL_CRAWLER_PREFIX },
  });

  return {
    tokenBroker,
    reportCreator,
    reportRetriever,
    retrieverDependencies,
    notificationSubscriber,
    sweepSettlements,
    catalogListingsFetcher,
    context: (functionName) => localLambdaContext(functionName),
  };
}
