import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '@spapi-lake/core';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import {
  type PartnerRef,
  type RetrieverLogger,
  buildReportRetrieverDependencies,
  createGetReportStatusHandler,
  createRecordFatalHandler,
  createRecordOutcomeHandler,
  createRetrieveReportHandler,
  spApiReportsFor,
} from '@spapi-lake/report-retriever-handlers';
import { RateLimiterRegistry, type SpApiClient, createSpApiClient } from '@spapi-lake/sp-api';
import {
  type SimulatorHandle,
  type SimulatorOptions,
  startSimulator,
} from '@spapi-lake/sp-api-simulator';

/** The partners the events in `events/` name, registered with the simulator. */
export const EVENTS_SELLER: PartnerRef = { sellingPartnerId: 'A3EVENTSSELLER', region: 'EU' };
export const EVENTS_VENDOR: PartnerRef = { sellingPartnerId: 'A2EVENTSVENDOR', region: 'NA' };

/** report-retriever's handlers wired as the local runner wires them, against a simulator. */
export interface LocalRetriever {
  readonly sim: SimulatorHandle;
  readonly lakeDirectory: string;
  readonly raw: LocalDiskObjectStore;
  readonly curated: LocalDiskObjectStore;
  readonly handlers: {
    readonly getReportStatus: ReturnType<typeof createGetReportStatusHandler>;
    readonly retrieveReport: ReturnType<typeof createRetrieveReportHandler>;
    readonly recordFatal: ReturnType<typeof createRecordFatalHandler>;
    readonly recordOutcome: ReturnType<typeof createRecordOutcomeHandler>;
  };
  client(partner: PartnerRef): SpApiClient;
  /** createReport with an event's own request fields; returns the simulator's report id. */
  createReport(partner: PartnerRef, request: ReportRequest): Promise<string>;
  /** Every file of the lake (both zones) with the SHA-256 of its bytes. */
  snapshot(): Promise<Map<string, string>>;
  stop(): Promise<void>;
}

/** The createReport fields an ingestion event carries. */
export interface ReportRequest {
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
  readonly reportOptions?: Readonly<Record<string, string>>;
}

const generous = { rate: 100, burst: 100 };

/**
 * Starts a simulator (simulated clock at 2026-11-01) with the events' partners, a lake of two local
 * folders (raw, curated), and the four handlers on them: SP-API clients with LwaTokenProviders on
 * the simulator's LWA endpoint, downloads with Node's HTTP client (or `fetch`, when given).
 */
export async function startLocalRetriever(options: {
  readonly simulator?: SimulatorOptions;
  readonly fetch?: typeof fetch;
  readonly logger: RetrieverLogger;
}): Promise<LocalRetriever> {
  const sim = await startSimulator({
    port: 0,
    seed: 7,
    clock: new Date('2026-11-01T00:00:00Z'),
    rateScale: 1000,
    ...options.simulator,
  });
  sim.addPartner({
    ...EVENTS_SELLER,
    accountType: 'seller',
    marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH'],
  });
  sim.addPartner({ ...EVENTS_VENDOR, accountType: 'vendor', marketplaceIds: ['ATVPDKIKX0DER'] });
  const lakeDirectory = await mkdtemp(path.join(tmpdir(), 'report-retriever-app-'));
  const raw = new LocalDiskObjectStore(path.join(lakeDirectory, 'raw'));
  const curated = new LocalDiskObjectStore(path.join(lakeDirectory, 'curated'));
  const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl });
  const cache = new AccessTokenCache();
  const tokenProviderFor = (partner: PartnerRef) =>
    new LwaTokenProvider({
      client: lwa,
      cache,
      credentials: async () => {
        const { clientId, clientSecret } = sim.credentials();
        return { clientId, clientSecret };
      },
      refreshToken: async () =>
        sim.credentials().partners.find((p) => p.sellingPartnerId === partner.sellingPartnerId)
          ?.refreshToken ?? '',
    });
  const limiters = new RateLimiterRegistry({
    clock: systemClock,
    usagePlans: {
      getReport: generous,
      createReport: generous,
      getReportDocument: generous,
      createRestrictedDataToken: generous,
    },
  });
  const userAgent = { appName: 'spapi-lake-test', appVersion: '0.0.0' };
  const deps = buildReportRetrieverDependencies({
    raw,
    curated,
    reportsFor: spApiReportsFor({
      baseUrlOf: () => sim.spApiBaseUrl,
      tokenProviderFor,
      limiters,
      userAgent,
    }),
    clock: systemClock,
    logger: options.logger,
    crawlerNamePrefix: 'spapi-lake-test-',
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const client = (partner: PartnerRef) =>
    createSpApiClient({
      baseUrl: sim.spApiBaseUrl,
      sellingPartnerId: partner.sellingPartnerId,
      tokenProvider: tokenProviderFor(partner),
      limiters,
      userAgent,
    });
  return {
    sim,
    lakeDirectory,
    raw,
    curated,
    handlers: {
      getReportStatus: createGetReportStatusHandler(deps),
      retrieveReport: createRetrieveReportHandler(deps),
      recordFatal: createRecordFatalHandler(deps),
      recordOutcome: createRecordOutcomeHandler(deps),
    },
    client,
    async createReport(partner, request) {
      const { reportId } = await client(partner).reports.createReport({
        reportType: request.reportType,
        marketplaceIds: [...request.marketplaceIds],
        ...(request.dataStartTime === undefined ? {} : { dataStartTime: request.dataStartTime }),
        ...(request.dataEndTime === undefined ? {} : { dataEndTime: request.dataEndTime }),
        ...(request.reportOptions === undefined
          ? {}
          : { reportOptions: { ...request.reportOptions } }),
      });
      return reportId;
    },
    async snapshot() {
      const files = (await readdir(lakeDirectory, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(entry.parentPath, entry.name));
      const hashes = await Promise.all(
        files.map(
          async (file) =>
            [
              path.relative(lakeDirectory, file),
              createHash('sha256')
                .update(await readFile(file))
                .digest('hex'),
            ] as const,
        ),
      );
      return new Map(hashes.sort(([a], [b]) => (a < b ? -1 : 1)));
    },
    async stop() {
      await sim.stop();
      await rm(lakeDirectory, { recursive: true, force: true });
    },
  };
}
