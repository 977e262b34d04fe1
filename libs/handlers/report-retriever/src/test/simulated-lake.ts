import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '@spapi-lake/core';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import {
  type SpApiClient,
  RateLimiterRegistry,
  type SpApiOperationId,
  type UsagePlan,
  createSpApiClient,
} from '@spapi-lake/sp-api';
import {
  type PartnerInput,
  type SimulatorHandle,
  type SimulatorOptions,
  startSimulator,
} from '@spapi-lake/sp-api-simulator';
import { buildReportRetrieverDependencies } from '../build-report-retriever-dependencies';
import type { PartnerRef, ReportRetrieverDependencies } from '../report-retriever-dependencies';
import { spApiReportsFor } from '../sp-api-reports-for';
import { RecordingLogger } from './recording-logger';

/** One partner of the simulator's default world. */
export interface SimPartner extends PartnerRef {
  readonly accountType: 'seller' | 'vendor';
  readonly marketplaceIds: readonly string[];
  readonly refreshToken: string;
}

/** The simulator, a lake in a temp folder and the retriever's dependencies wired to both. */
export interface SimulatedLake {
  readonly sim: SimulatorHandle;
  readonly directory: string;
  readonly rawDirectory: string;
  readonly curatedDirectory: string;
  readonly raw: LocalDiskObjectStore;
  readonly curated: LocalDiskObjectStore;
  readonly deps: ReportRetrieverDependencies;
  readonly logger: RecordingLogger;
  /** The default world's partners: US+CA seller, DE+FR seller, US vendor. */
  readonly partners: {
    readonly na: SimPartner;
    readonly eu: SimPartner;
    readonly vendor: SimPartner;
  };
  /** Registers another partner with the simulator. */
  addPartner(input: PartnerInput): SimPartner;
  /** A full SP-API client of a partner (tests create reports with it). */
  client(partner: PartnerRef): SpApiClient;
  /** createReport, then simulated time until the report has finished; returns its id. */
  createFinishedReport(
    partner: PartnerRef,
    request: {
      readonly reportType: string;
      readonly marketplaceIds: readonly string[];
      readonly dataStartTime?: string;
      readonly dataEndTime?: string;
      readonly reportOptions?: Readonly<Record<string, string>>;
    },
  ): Promise<string>;
  stop(): Promise<void>;
}

// The models' quotas (getReportDocument: one a minute) would make tests wait; the simulator's
// rateScale raises its side to match.
const generous: UsagePlan = { rate: 100, burst: 100 };
const usagePlans: Partial<Record<SpApiOperationId, UsagePlan>> = {
  getReport: generous,
  getReports: generous,
  createReport: generous,
  getReportDocument: generous,
  createRestrictedDataToken: generous,
};

/** Starts the simulator (simulated clock at 2026-11-01) and a lake in a fresh temp folder. */
export async function startSimulatedLake(
  options: SimulatorOptions & {
    readonly fetch?: typeof fetch;
    readonly rowGroupSize?: number;
  } = {},
): Promise<SimulatedLake> {
  const sim = await startSimulator({
    port: 0,
    seed: 42,
    clock: new Date('2026-11-01T00:00:00Z'),
    rateScale: 1000,
    ...options,
  });
  const directory = await mkdtemp(path.join(os.tmpdir(), 'report-retriever-'));
  const rawDirectory = path.join(directory, 'raw');
  const curatedDirectory = path.join(directory, 'curated');
  const raw = new LocalDiskObjectStore(rawDirectory);
  const curated = new LocalDiskObjectStore(curatedDirectory);
  const credentials = sim.credentials();
  // Read afresh: tests may add partners after the start.
  const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl });
  const cache = new AccessTokenCache();
  const limiters = new RateLimiterRegistry({ clock: systemClock, usagePlans });
  const partnerOf = (ref: PartnerRef): SimPartner => {
    const found = sim
      .credentials()
      .partners.find((p) => p.sellingPartnerId === ref.sellingPartnerId);
    if (found === undefined) throw new Error(`no partner ${ref.sellingPartnerId}`);
    return { ...found };
  };
  const tokenProviderFor = (ref: PartnerRef) =>
    new LwaTokenProvider({
      client: lwa,
      cache,
      credentials: async () => ({
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
      }),
      refreshToken: async () => partnerOf(ref).refreshToken,
    });
  const userAgent = { appName: 'spapi-lake-test', appVersion: '0.0.0' };
  const logger = new RecordingLogger();
  const deps = buildReportRetrieverDependencies({
    raw,
    curated,
    reportsFor: spApiReportsFor({
      baseUrlOf: () => sim.spApiBaseUrl,
      tokenProviderFor,
      limiters,
      userAgent,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    }),
    clock: systemClock,
    logger,
    crawlerNamePrefix: 'spapi_lake_test_',
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.rowGroupSize === undefined ? {} : { rowGroupSize: options.rowGroupSize }),
  });
  const client = (ref: PartnerRef) =>
    createSpApiClient({
      baseUrl: sim.spApiBaseUrl,
      sellingPartnerId: ref.sellingPartnerId,
      tokenProvider: tokenProviderFor(ref),
      limiters,
      userAgent,
    });
  const byType = (accountType: string, region: string): SimPartner => {
    const found = credentials.partners.find(
      (p) => p.accountType === accountType && p.region === region,
    );
    if (found === undefined) throw new Error(`no ${accountType} in ${region}`);
    return partnerOf(found);
  };
  return {
    sim,
    directory,
    rawDirectory,
    curatedDirectory,
    raw,
    curated,
    deps,
    logger,
    partners: {
      na: byType('seller', 'NA'),
      eu: byType('seller', 'EU'),
      vendor: byType('vendor', 'NA'),
    },
    client,
    addPartner: (input) => partnerOf(sim.addPartner(input)),
    async createFinishedReport(partner, request) {
      const { reportId } = await client(partner).reports.createReport({
        reportType: request.reportType,
        marketplaceIds: [...request.marketplaceIds],
        ...(request.dataStartTime === undefined ? {} : { dataStartTime: request.dataStartTime }),
        ...(request.dataEndTime === undefined ? {} : { dataEndTime: request.dataEndTime }),
        ...(request.reportOptions === undefined
          ? {}
          : { reportOptions: { ...request.reportOptions } }),
      });
      sim.clock.advance(60_000);
      return reportId;
    },
    async stop() {
      await sim.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
