import { access, mkdir, writeFile } from 'node:fs/promises';
import type { Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import type {
  ListingRefreshRequest,
  UnsolicitedReportRetrieval,
} from '@spapi-lake/notification-subscriber-handlers';
import { type SimulatorHandle, defaultWorld, startSimulator } from '@spapi-lake/sp-api-simulator';
import { JsonDocument } from '../engine/json-document';
import { FAULT_PROFILES, type FaultProfile } from '../config/fault-profiles';
import { type LocalPartner, LocalPartnerAlias, localPartners } from '../config/local-partners';
import { localReportConfigs } from '../config/local-report-configs';
import type { EventPartner } from '../invoke/event-partners';
import { simulatedClock, slowedClock } from '../time/simulated-time';
import type { LakePaths } from './lake-paths';
import {
  type LocalFunctions,
  type LocalFunctionsEnvironment,
  createLocalFunctions,
} from './local-functions';

/** The SSM prefix of the local parameter store. */
export const LOCAL_PARAMETER_PREFIX = '/spapi-lake/local';
/** The notification queue the local subscriptions point at. */
export const LOCAL_QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:spapi-lake-notifications';
const US_MARKETPLACE_ID = 'ATVPDKIKX0DER';
const DEFAULT_SEED = 1;

/** Options of {@link openSimulatedEnvironment}. */
export interface SimulatedEnvironmentOptions {
  readonly paths: LakePaths;
  /** Days of history the report configs backfill. */
  readonly days: number;
  readonly faults?: FaultProfile;
  /** Seed of a new lake's simulated world (kept in the runner state afterwards). */
  readonly seed?: number;
  /** Simulated time to start at (default now); never before the previous run ended. */
  readonly startTime?: number;
  readonly rateScale?: number;
  /** Partners an event names that the default world lacks: registered with the simulator. */
  readonly extraPartners?: readonly EventPartner[];
  /** Keeps an existing report-configs.json (per-function invocations). */
  readonly keepReportConfigs?: boolean;
  /** A DONE report nobody waits for (settlements). */
  readonly onRetrieval?: (request: UnsolicitedReportRetrieval) => Promise<void>;
  /** The settlement sweep's starter and retrier (see LocalFunctionsEnvironment). */
  readonly retrievalAttempts?: LocalFunctionsEnvironment['retrievalAttempts'];
  /** A listing changed (LISTINGS_ITEM_* notification): what the listing refresh queue receives. */
  readonly onListingRefresh?: (request: ListingRefreshRequest) => Promise<void>;
}

/** The simulator, the local configuration and every function wired to both. */
export interface SimulatedEnvironment {
  readonly sim: SimulatorHandle;
  /** The default world's three partners. */
  readonly partners: readonly LocalPartner[];
  readonly functions: LocalFunctions;
  readonly clock: Clock;
  readonly simulatedStart: number;
  /** Saves the runner state (seed, runs, time) and stops the simulator. */
  close(): Promise<void>;
}

interface RunnerState {
  /** Seed of the simulated world: partners, refresh tokens and report contents stay the same. */
  seed?: number;
  /**
   * Runs so far: each run's simulator gets its own seed, for fresh fault draws. Fresh ids come from
   * simulated time moving on: the simulator derives them from it, so time must never go backwards.
   */
  runs?: number;
  simulatedTime?: number;
}

/**
 * Starts the simulator on the lake's simulated world, writes the local configuration (accounts,
 * report configs) and builds every function over local adapters against it. A lake keeps one
 * world (partners, refresh tokens, report contents) while each run gets fresh ids and fault draws,
 * and simulated time never runs backwards from one run to the next.
 */
export async function openSimulatedEnvironment(
  options: SimulatedEnvironmentOptions,
): Promise<SimulatedEnvironment> {
  const { paths } = options;
  const runnerState = new JsonDocument<RunnerState>(paths.runnerState, () => ({}));
  const previous = await runnerState.read();
  const seed = previous.seed ?? options.seed ?? DEFAULT_SEED;
  const runs = previous.runs ?? 0;
  const simulatedStart = Math.max(
    options.startTime ?? Date.now(),
    (previous.simulatedTime ?? 0) + 60_000,
  );
  const faults = options.faults ?? FAULT_PROFILES.none;
  const sim = await startSimulator({
    port: 0,
    world: defaultWorld(seed),
    seed: seed * 10_007 + runs,
    clock: simulatedStart,
    rateScale: options.rateScale ?? 1,
    faults: faults.simulator,
    notifications: { faults: faults.notifications },
    onHandlerError: () => undefined,
  });
  try {
    for (const extra of options.extraPartners ?? []) {
      if (sim.world.partners.has(extra.sellingPartnerId)) continue;
      sim.addPartner({
        sellingPartnerId: extra.sellingPartnerId,
        accountType: extra.accountType,
        region: extra.region,
        marketplaceIds: [...extra.marketplaceIds],
      });
    }
    const credentials = sim.credentials();
    const partners = localPartners(credentials);
    await writeConfiguration(options, partners, credentials.partners, simulatedStart, {
      searchQueryAsins: searchQueryAsins(sim, partners),
    });

    const clock = simulatedClock(sim.clock);
    const functions = await createLocalFunctions({
      paths,
      clock,
      brokerClock:
        faults.brokerClockRate === 1 ? clock : slowedClock(clock, faults.brokerClockRate),
      spApiBaseUrl: () => sim.spApiBaseUrl,
      lwaBaseUrl: sim.lwaBaseUrl,
      application: credentials,
      refreshTokens: credentials.partners.map((p) => ({
        sellingPartnerId: p.sellingPartnerId,
        region: p.region as Region,
        refreshToken: p.refreshToken,
      })),
      parameterPrefix: LOCAL_PARAMETER_PREFIX,
      queueArn: LOCAL_QUEUE_ARN,
      maxWindowsPerRun: 31,
      // The history a run backfills, as for the report configs' windows.
      settlementSweepLookbackDays: options.days,
      ...(options.onRetrieval === undefined ? {} : { onRetrieval: options.onRetrieval }),
      ...(options.retrievalAttempts === undefined
        ? {}
        : { retrievalAttempts: options.retrievalAttempts }),
      ...(options.onListingRefresh === undefined
        ? {}
        : { onListingRefresh: options.onListingRefresh }),
    });
    return {
      sim,
      partners,
      functions,
      clock,
      simulatedStart,
      close: async () => {
        const simulatedTime = sim.clock.now();
        await runnerState.update((state) => {
          state.seed = seed;
          state.runs = runs + 1;
          state.simulatedTime = simulatedTime;
        });
        await sim.stop();
      },
    };
  } catch (error) {
    await sim.stop();
    throw error;
  }
}

/** Writes the local parameter store: accounts (the default partners first) and report configs. */
async function writeConfiguration(
  options: SimulatedEnvironmentOptions,
  partners: readonly LocalPartner[],
  all: readonly {
    sellingPartnerId: string;
    accountType: string;
    region: string;
    marketplaceIds: readonly string[];
  }[],
  now: number,
  brandAnalytics: { readonly searchQueryAsins?: string },
): Promise<void> {
  const { paths } = options;
  await mkdir(paths.config, { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const names = new Map(partners.map((p) => [p.sellingPartnerId, p.displayName]));
  const accounts = all.map((p) => ({
    sellingPartnerId: p.sellingPartnerId,
    accountType: p.accountType,
    region: p.region,
    marketplaceIds: [...p.marketplaceIds],
    refreshTokenSecretRef: `spapi-lake/refresh-tokens/${p.sellingPartnerId}/${p.region}`,
    displayName: names.get(p.sellingPartnerId) ?? `event partner ${p.sellingPartnerId}`,
  }));
  await writeFile(paths.parameterFile('accounts'), json(accounts));
  const configsFile = paths.parameterFile('report-configs');
  if (options.keepReportConfigs === true && (await exists(configsFile))) return;
  await writeFile(
    configsFile,
    json(localReportConfigs({ days: options.days, now, ...brandAnalytics })),
  );
}

/** Five ASINs the US seller lists in the US, for Brand Analytics search query performance. */
function searchQueryAsins(
  sim: SimulatorHandle,
  partners: readonly LocalPartner[],
): string | undefined {
  const seller = partners.find((partner) => partner.alias === LocalPartnerAlias.NaSeller);
  if (seller === undefined) return undefined;
  const listed = sim.catalog.listings(seller.sellingPartnerId, US_MARKETPLACE_ID);
  const asins = [...new Set(listed.map((listing) => listing.asin))].slice(0, 5);
  return asins.length === 0 ? undefined : asins.join(' ');
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
