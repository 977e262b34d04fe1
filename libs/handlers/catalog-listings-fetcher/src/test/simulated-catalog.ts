import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PartnerAccount, PartnerRegion } from '@spapi-lake/catalog';
import type { Region } from '@spapi-lake/config';
import { systemClock } from '@spapi-lake/core';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import {
  RateLimiterRegistry,
  type SpApiOperationId,
  createSpApiClient,
  type UsagePlan,
  operationSpecs,
} from '@spapi-lake/sp-api';
import {
  type SimulatorHandle,
  type SimulatorOptions,
  startSimulator,
} from '@spapi-lake/sp-api-simulator';
import { catalogRefreshDefinition } from '@spapi-lake/workflows';
import { StateMachine } from 'aws-local-stepfunctions';
import type { CatalogFetcherSettings } from '../catalog-fetcher-dependencies';
import {
  type LocalCatalogListingsFetcher,
  type LocalCatalogListingsFetcherOptions,
  createLocalCatalogListingsFetcher,
} from '../local-catalog-listings-fetcher';
import { RecordingFetcherLogger } from '../recording-fetcher-logger';
import { FETCHER_OPERATIONS } from '../usage-plan-share';
import { DuckDbLake } from './duckdb-lake';

/** A partner of the simulator's default world. */
export interface SimPartner extends PartnerAccount {
  readonly refreshToken: string;
}

/** The simulator, a lake in a temp folder, and the fetcher wired to both. */
export interface SimulatedCatalog {
  readonly sim: SimulatorHandle;
  readonly directory: string;
  readonly store: LocalDiskObjectStore;
  readonly fetcher: LocalCatalogListingsFetcher;
  /** The options the fetcher was built with (to build another with other settings). */
  readonly fetcherOptions: LocalCatalogListingsFetcherOptions;
  readonly logger: RecordingFetcherLogger;
  readonly partners: {
    readonly na: SimPartner;
    readonly eu: SimPartner;
    readonly vendor: SimPartner;
  };
  /** Runs catalogRefreshDefinition in process (aws-local-stepfunctions) with the fetcher's handlers. */
  runRefresh(
    request: unknown,
    executionName?: string,
  ): Promise<{ output?: unknown; error?: Error }>;
  /** Subscribes the partner to LISTINGS_ITEM_* on an EventBridge destination (the queue gets them). */
  subscribeListings(partner: PartnerRegion): Promise<void>;
  /** The regions whose SP-API endpoint the fetcher asked for, in first-use order. */
  endpointRegions(): readonly Region[];
  /** DuckDB over the lake (close it). */
  lake(): Promise<DuckDbLake>;
  stop(): Promise<void>;
}

/** The simulator's start time: its listings and catalog as of then. */
export const SIMULATOR_START = new Date('2026-11-01T00:00:00Z');

/** Starts the simulator (rateScale 100 unless given) and the fetcher on a fresh temp lake. */
export async function startSimulatedCatalog(
  options: SimulatorOptions & { readonly settings?: Partial<CatalogFetcherSettings> } = {},
): Promise<SimulatedCatalog> {
  const rateScale = options.rateScale ?? 100;
  const sim = await startSimulator({
    port: 0,
    seed: 42,
    clock: SIMULATOR_START,
    ...options,
    rateScale,
  });
  const directory = await mkdtemp(path.join(os.tmpdir(), 'catalog-fetcher-'));
  const store = new LocalDiskObjectStore(directory);
  const credentials = sim.credentials();
  const partners = credentials.partners;
  const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl });
  const cache = new AccessTokenCache();
  const limiters = new RateLimiterRegistry({
    clock: systemClock,
    usagePlans: simulatorUsagePlans(rateScale),
  });
  const tokenProviderFor = (ref: PartnerRegion) =>
    new LwaTokenProvider({
      client: lwa,
      cache,
      credentials: async () => ({
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
      }),
      refreshToken: async () =>
        partners.find((p) => p.sellingPartnerId === ref.sellingPartnerId)?.refreshToken ?? '',
    });
  const logger = new RecordingFetcherLogger();
  const endpointRegions: Region[] = [];
  const simClock = { now: () => sim.clock.now(), sleep: systemClock.sleep };
  const fetcherOptions: LocalCatalogListingsFetcherOptions = {
    store,
    clock: simClock,
    logger,
    accounts: partners.map(({ refreshToken: _token, ...account }) => account),
    // One simulator answers every region; the regions asked for are recorded.
    baseUrlOf: (region) => {
      if (!endpointRegions.includes(region)) endpointRegions.push(region);
      return sim.spApiBaseUrl;
    },
    tokenProviderFor,
    limiters,
    userAgent: { appName: 'spapi-lake-test', appVersion: '0.0.0' },
    ...(options.settings === undefined ? {} : { settings: options.settings }),
  };
  const fetcher = createLocalCatalogListingsFetcher(fetcherOptions);
  const byType = (accountType: string, region: string): SimPartner => {
    const found = partners.find((p) => p.accountType === accountType && p.region === region);
    if (found === undefined) throw new Error(`no ${accountType} in ${region}`);
    return { ...found, marketplaceIds: [...found.marketplaceIds] };
  };
  const machine = new StateMachine(
    JSON.parse(
      JSON.stringify(
        catalogRefreshDefinition({
          planRefreshFunctionArn: lambda('plan-catalog-refresh'),
          fetchListingsFunctionArn: lambda('fetch-listings'),
          planCatalogFunctionArn: lambda('plan-catalog-chunks'),
          fetchCatalogChunkFunctionArn: lambda('fetch-catalog-chunk'),
          finishRefreshFunctionArn: lambda('finish-catalog-refresh'),
        }),
      ),
    ),
  );
  let destinationId: string | undefined;
  return {
    sim,
    directory,
    store,
    fetcher,
    fetcherOptions,
    logger,
    partners: {
      na: byType('seller', 'NA'),
      eu: byType('seller', 'EU'),
      vendor: byType('vendor', 'NA'),
    },
    async runRefresh(request, executionName = 'refresh-test') {
      const execution = machine.run(JSON.parse(JSON.stringify(request)), {
        overrides: {
          taskResourceLocalHandlers: Object.fromEntries(
            Object.entries(fetcher.taskResourceLocalHandlers).map(([name, handler]) => [
              name,
              async (input: unknown) => JSON.parse(JSON.stringify(await handler(input))),
            ]),
          ),
        },
        context: { Execution: { Name: executionName } },
      });
      try {
        return { output: await execution.result };
      } catch (error) {
        const cause = error instanceof Error ? error.cause : undefined;
        if (cause instanceof Error) return { error: cause };
        throw error;
      }
    },
    async subscribeListings(partner) {
      const client = createSpApiClient({
        baseUrl: sim.spApiBaseUrl,
        sellingPartnerId: partner.sellingPartnerId,
        tokenProvider: tokenProviderFor(partner),
        limiters,
        userAgent: { appName: 'spapi-lake-test', appVersion: '0.0.0' },
      });
      destinationId ??= (
        await client.notifications.createDestination({
          name: 'listings-bus',
          resourceSpecification: {
            eventBridge: { accountId: '123456789012', region: 'us-east-1' },
          },
        })
      ).destinationId;
      for (const [notificationType, payloadVersion] of [
        ['LISTINGS_ITEM_STATUS_CHANGE', '1.0'],
        ['LISTINGS_ITEM_ISSUES_CHANGE', '2023-12-13'],
      ] as const) {
        await client.notifications.createSubscription(notificationType, {
          payloadVersion,
          destinationId,
        });
      }
    },
    endpointRegions: () => [...endpointRegions],
    lake: () => DuckDbLake.open(directory),
    async stop() {
      await sim.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The models' plans of the fetcher's operations times the simulator's rateScale (what it enforces). */
export function simulatorUsagePlans(
  rateScale: number,
): Partial<Record<SpApiOperationId, UsagePlan>> {
  return Object.fromEntries(
    FETCHER_OPERATIONS.map((operationId) => {
      const { rate, burst } = operationSpecs[operationId];
      return [
        operationId,
        { rate: rate * rateScale, burst: Math.max(1, Math.round(burst * rateScale)) },
      ];
    }),
  );
}

function lambda(name: string): string {
  return `arn:aws:lambda:us-east-1:123456789012:function:spapi-lake-${name}`;
}
