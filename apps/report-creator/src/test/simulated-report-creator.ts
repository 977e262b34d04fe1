import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AccountInput, configParameterNames } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import {
  type HandlerLogger,
  type LaneStateStore,
  LocalFileParameterSource,
  type ReportCreatorHandlers,
  createReportCreatorHandlers,
  lakeUncuratedReports,
  loadEndpoints,
  localReportCreatorStores,
  spApiClientsFor,
} from '@spapi-lake/report-creator-handlers';
import {
  type PartnerInput,
  type SimulatorHandle,
  type SimulatorOptions,
  startSimulator,
} from '@spapi-lake/sp-api-simulator';
import { RateLimiterRegistry } from '@spapi-lake/sp-api';
import type { ObjectStore } from '@spapi-lake/lake';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';

const PREFIX = '/spapi-lake/local';

/** report-creator's handlers wired as the local runner wires them, against a simulator. */
export interface SimulatedReportCreator {
  readonly sim: SimulatorHandle;
  readonly handlers: ReportCreatorHandlers;
  readonly lanes: LaneStateStore;
  /** The local lake's curated zone, where createReport looks for uncurated-report records. */
  readonly lake: ObjectStore;
  /** Simulated time; waiting advances it (a rate-limited call never blocks a test). */
  readonly clock: Clock;
  /** Writes the accounts and report-configs parameter files the handlers read. */
  configure(accounts: readonly object[], reportConfigs: readonly object[]): Promise<void>;
  /** Moves simulated time to `iso` (never backwards). */
  moveTo(iso: string): void;
  stop(): Promise<void>;
}

/** A simulator partner with a fixed id (the sample events name it). */
export interface TestPartner {
  readonly sellingPartnerId: string;
  readonly accountType: PartnerInput['accountType'];
  readonly region: PartnerInput['region'];
  readonly marketplaceIds: readonly string[];
}

/** An account of the configuration (as written in SSM) for a simulator partner. */
export function accountOf(
  partner: TestPartner,
  overrides: Partial<Record<keyof AccountInput, unknown>> = {},
): Record<string, unknown> {
  return {
    sellingPartnerId: partner.sellingPartnerId,
    accountType: partner.accountType,
    region: partner.region,
    marketplaceIds: [...partner.marketplaceIds],
    refreshTokenSecretRef: `spapi-lake/refresh-tokens/${partner.sellingPartnerId}/${partner.region}`,
    ...overrides,
  };
}

/**
 * Starts a simulator at `start` with `partners`, and report-creator's handlers on local adapters:
 * parameter files and JSON state stores in a temporary directory, SP-API clients on the simulator
 * with LwaTokenProviders on its LWA endpoint.
 */
export async function startSimulatedReportCreator(options: {
  readonly start: string;
  readonly partners: readonly TestPartner[];
  readonly logger: HandlerLogger;
  /** Report lifecycle timing and faults of the simulator (default: its own). */
  readonly simulator?: Pick<SimulatorOptions, 'reports' | 'faults'>;
}): Promise<SimulatedReportCreator> {
  const sim = await startSimulator({
    ...options.simulator,
    port: 0,
    seed: 7,
    clock: new Date(options.start),
  });
  for (const partner of options.partners) {
    sim.addPartner({ ...partner, marketplaceIds: [...partner.marketplaceIds] });
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'report-creator-app-'));
  const configDirectory = path.join(directory, 'config');
  await mkdir(configDirectory);
  await writeFile(
    path.join(configDirectory, 'endpoints.json'),
    JSON.stringify({
      spApiBaseUrl: { NA: sim.spApiBaseUrl, EU: sim.spApiBaseUrl, FE: sim.spApiBaseUrl },
      lwaBaseUrl: sim.lwaBaseUrl,
    }),
  );

  const clock: Clock = { now: () => sim.clock.now(), sleep: async (ms) => sim.clock.advance(ms) };
  const { clientId, clientSecret, partners } = sim.credentials();
  const parameters = new LocalFileParameterSource(configDirectory, PREFIX);
  const parameterNames = configParameterNames(PREFIX);
  const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl, clock });
  const cache = new AccessTokenCache({ clock });
  const clients = spApiClientsFor({
    endpoints: () => loadEndpoints(parameters, parameterNames),
    tokenProviderFor: (partner) =>
      new LwaTokenProvider({
        client: lwa,
        cache,
        credentials: async () => ({ clientId, clientSecret }),
        refreshToken: async () =>
          partners.find((p) => p.sellingPartnerId === partner.sellingPartnerId)?.refreshToken ?? '',
      }),
    limiters: new RateLimiterRegistry({ clock }),
    userAgent: { appName: 'spapi-lake', appVersion: '0.1.0' },
    clock,
    maxAttempts: 2,
  });
  const stores = localReportCreatorStores(path.join(directory, 'state'));
  const lake = new LocalDiskObjectStore(path.join(directory, 'lake', 'curated'));
  const handlers = createReportCreatorHandlers({
    logger: options.logger,
    clock,
    parameters,
    parameterNames,
    ...stores,
    reportsApiFor: async (partner) => (await clients(partner)).reports,
    uncuratedReports: lakeUncuratedReports(lake),
  });

  return {
    sim,
    handlers,
    lanes: stores.lanes,
    lake,
    clock,
    async configure(accounts, reportConfigs) {
      await writeFile(path.join(configDirectory, 'accounts.json'), JSON.stringify(accounts));
      await writeFile(
        path.join(configDirectory, 'report-configs.json'),
        JSON.stringify(reportConfigs),
      );
    },
    moveTo(iso) {
      sim.clock.advance(Math.max(0, Date.parse(iso) - sim.clock.now()));
    },
    async stop() {
      await sim.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
