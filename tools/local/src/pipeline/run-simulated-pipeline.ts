import { DEFAULT_LISTINGS_INCLUDED_DATA } from '@spapi-lake/catalog';
import type { Clock } from '@spapi-lake/core';
import type {
  SweepSettlementsResult,
  UnsolicitedReportRetrieval,
} from '@spapi-lake/notification-subscriber-handlers';
import type {
  InjectedFaults,
  NotificationFaultCounts,
  SimulatorHandle,
} from '@spapi-lake/sp-api-simulator';
import { LocalExecutions } from '../engine/local-executions';
import type { LocalExecutionResult } from '../engine/local-state-machine';
import type { FaultProfile } from '../config/fault-profiles';
import { type LocalPartner, localPartners } from '../config/local-partners';
import { LocalQueue } from '../queue/local-queue';
import { startTimePump } from '../time/time-pump';
import { type LakePaths, lakePaths } from './lake-paths';
import type { LocalFunctions } from './local-functions';
import { createLocalWorkflows } from './local-workflows';
import { RunProgress } from './run-progress';
import { LocalRetrievalAttempts } from './local-retrieval-attempts';
import { LOCAL_RETRIEVAL_STATE_MACHINE_ARN } from './local-workflows';
import { LOCAL_QUEUE_ARN, openSimulatedEnvironment } from './simulated-environment';

/** Options of {@link runSimulatedPipeline}. */
export interface SimulatedRunOptions {
  /** The lake folder (`.lake`). */
  readonly lakeDir: string;
  /** Days of history the first run backfills. */
  readonly days: number;
  /** Partner aliases or ids (all three when empty). */
  readonly partners?: readonly string[];
  readonly faults?: FaultProfile;
  /** Simulator seed of a new lake (kept in the lake's runner state: later runs reuse it). */
  readonly seed?: number;
  /**
   * Simulated time of the run (default: wall-clock now). A later run never starts before the
   * previous run ended, so watermarks only move forward.
   */
  readonly startTime?: number;
  /** Multiplies the simulator's usage plans. */
  readonly rateScale?: number;
  /** Simulated milliseconds that pass per 10 ms of wall time while the pipeline waits. */
  readonly timeStepMs?: number;
  readonly progress?: RunProgress;
  /**
   * Called with the live simulator once the fan-out and the catalog refreshes are over, before the
   * queues are consumed for the last time: what it changes in the simulator (a listing, say)
   * reaches the pipeline through notifications. Tests change listings here.
   */
  readonly afterRefreshes?: (
    sim: SimulatorHandle,
    partners: readonly LocalPartner[],
  ) => Promise<void> | void;
  /** Called with the live simulator before it stops (tests read its ground truth here). */
  readonly inspect?: (sim: SimulatorHandle, partners: readonly LocalPartner[]) => Promise<void>;
}

/** What a run did. */
export interface SimulatedRunResult {
  readonly paths: LakePaths;
  readonly partners: readonly LocalPartner[];
  readonly fanOut: LocalExecutionResult;
  /** The catalog refresh executions this run started (one per seller and day). */
  readonly catalogRefreshes: readonly LocalExecutionResult[];
  readonly progress: RunProgress;
  /** Datasets whose crawler the ingestion started (the catalog views to refresh). */
  readonly crawled: readonly string[];
  readonly simulatedStart: number;
  readonly simulatedEnd: number;
  readonly notifications: { readonly delivered: number; readonly deadLetters: number };
  /** Listing refresh requests (from LISTINGS_ITEM_* notifications) the fetcher consumed. */
  readonly listingRefreshes: { readonly delivered: number; readonly deadLetters: number };
  /** The faults the simulator injected on the way, as it counted them (all zero without faults). */
  readonly faultsMet: {
    readonly injected: InjectedFaults;
    readonly notifications: NotificationFaultCounts;
  };
  /**
   * Retrieval executions of Amazon-generated reports (settlements) the notifications and the
   * settlement sweep started.
   */
  readonly unsolicitedRetrievals: readonly LocalExecutionResult[];
  /** The settlement sweep run after the late notifications, or the name of its error. */
  readonly settlementSweep: SweepSettlementsResult | { readonly error: string };
}

const DEFAULT_TIME_STEP_MS = 3_000;
/** The queue between the notification consumer and the fetcher's `refreshListings`. */
export const LOCAL_LISTING_REFRESH_QUEUE_ARN =
  'arn:aws:sqs:us-east-1:000000000000:spapi-lake-listing-refresh';
// Vendors have no offer of their own but a cost price (procurement).
const VENDOR_LISTINGS_INCLUDED_DATA = [...DEFAULT_LISTINGS_INCLUDED_DATA, 'procurement'];
const LATE_NOTIFICATIONS_MS = 5 * 60_000;

/**
 * `npm start` without `--real`: starts the simulator, writes the local configuration, sets up the
 * notification subscriptions, then runs one fan-out execution of the real state machines over the
 * real handlers and local adapters, pumping simulated time and the notification queue until every
 * lane has finished.
 */
export async function runSimulatedPipeline(
  options: SimulatedRunOptions,
): Promise<SimulatedRunResult> {
  const paths = lakePaths(options.lakeDir);
  const faults = options.faults;
  const progress = options.progress ?? new RunProgress();
  const stepMs = options.timeStepMs ?? DEFAULT_TIME_STEP_MS;
  const retrievals: Promise<void>[] = [];
  // What the consumer sends to the listing refresh queue, until that queue exists.
  const listingRefreshBodies: string[] = [];
  let retrieve:
    ((request: UnsolicitedReportRetrieval, executionName?: string) => Promise<void>) | undefined;
  let executions: LocalExecutions | undefined;
  const retrievalExecutionPrefix = `${LOCAL_RETRIEVAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:`;
  const retrievalAttempts = new LocalRetrievalAttempts({
    statusOf: async (name) => {
      try {
        return (await executions?.describe(`${retrievalExecutionPrefix}${name}`))?.['Status'];
      } catch (error) {
        if (error instanceof Error && error.name === 'Sfn.ExecutionDoesNotExistException') {
          return undefined;
        }
        throw error;
      }
    },
    launch: (request, name) => {
      if (retrieve !== undefined) retrievals.push(retrieve(request, name).catch(() => undefined));
    },
  });
  const environment = await openSimulatedEnvironment({
    paths,
    days: options.days,
    ...(faults === undefined ? {} : { faults }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
    ...(options.rateScale === undefined ? {} : { rateScale: options.rateScale }),
    // The consumer starts the retrieval and returns, as StartExecution would.
    onRetrieval: async (request) => {
      if (retrieve !== undefined) retrievals.push(retrieve(request).catch(() => undefined));
    },
    onListingRefresh: async (request) => {
      listingRefreshBodies.push(JSON.stringify(request));
    },
    retrievalAttempts,
  });
  try {
    const { sim, functions, clock, simulatedStart } = environment;
    let workflowsForRetrieval: ReturnType<typeof createLocalWorkflows> | undefined;
    retrieve = async (request, executionName) => {
      const result = await workflowsForRetrieval?.runRetrieval(request, executionName);
      if (result !== undefined && result !== 'already-done') unsolicited.push(result);
    };
    const selected = localPartners(sim.credentials(), options.partners ?? []);
    await setUpSubscriptions(functions, clock);
    // Tokens cached by the setup outlive their hour in the simulator (see the chaos profile).
    if (faults !== undefined && faults.tokenExpiryJumpMs > 0) {
      sim.clock.advance(faults.tokenExpiryJumpMs);
    }

    const queue = new LocalQueue({
      queueArn: LOCAL_QUEUE_ARN,
      maxReceiveCount: 5,
      visibilityTimeoutMs: 30_000,
      now: () => sim.clock.now(),
    });
    const listingQueue = new LocalQueue({
      queueArn: LOCAL_LISTING_REFRESH_QUEUE_ARN,
      maxReceiveCount: 5,
      visibilityTimeoutMs: 30_000,
      now: () => sim.clock.now(),
    });
    const consume = functions.notificationSubscriber.consumeNotifications;
    const refreshListings = functions.catalogListingsFetcher.refreshListings;
    const context = functions.context('spapi-lake-consume-notifications');
    let listingRefreshes = 0;
    const pumpQueue = async () => {
      for (const body of sim.queue.drain()) queue.send(body);
      for (;;) {
        const delivered = await queue.deliverBatch(10, (event) => consume(event, context));
        if (delivered === 0) break;
        progress.add({ notifications: delivered });
      }
      for (const body of listingRefreshBodies.splice(0)) listingQueue.send(body);
      for (;;) {
        const delivered = await listingQueue.deliverBatch(10, refreshListings);
        if (delivered === 0) break;
        listingRefreshes += delivered;
      }
    };
    const pump = startTimePump({ clock: sim.clock, stepMs, intervalMs: 10, afterStep: pumpQueue });
    const crawled = new Set<string>();
    const unsolicited: LocalExecutionResult[] = [];
    const catalogRefreshes: LocalExecutionResult[] = [];
    let fanOut: LocalExecutionResult;
    try {
      executions = new LocalExecutions(paths.executions, () => sim.clock.now());
      const workflows = createLocalWorkflows({
        functions,
        clock,
        simulatedTime: true,
        executions,
        progress,
        crawled,
      });
      workflowsForRetrieval = workflows;
      fanOut = await workflows.runFanOut({
        scheduledTime: new Date(simulatedStart).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        sellingPartnerIds: selected.map((p) => p.sellingPartnerId),
      });
      // Flow 3: each partner's listings and their catalog items, once per simulated day.
      const day = new Date(simulatedStart).toISOString().slice(0, 10);
      for (const partner of selected) {
        const refresh = await workflows.runCatalogRefresh(
          {
            sellingPartnerId: partner.sellingPartnerId,
            region: partner.region,
            marketplaceIds: [...partner.marketplaceIds],
            asOf: new Date(simulatedStart).toISOString(),
            ...(partner.accountType === 'vendor'
              ? { listings: { includedData: VENDOR_LISTINGS_INCLUDED_DATA } }
              : {}),
          },
          `catalog-${partner.sellingPartnerId}-${partner.region}-${day}`,
        );
        if (refresh !== 'already-done') {
          catalogRefreshes.push(refresh);
          progress.add({ catalogRefreshes: 1 });
        }
      }
    } finally {
      await pump.stop();
    }
    await options.afterRefreshes?.(sim, selected);
    // Late notifications (held duplicates, Amazon-generated reports, listing changes) and the
    // work they start: the queues keep being consumed for five more simulated minutes.
    sim.notifications.flush();
    const settle = async (forMs: number) => {
      const until = sim.clock.now() + forMs;
      for (let quiet = 0; quiet < 3 || sim.clock.now() < until;) {
        sim.clock.advance(stepMs);
        const before = progress.counters.notifications;
        const pending = retrievals.length;
        await pumpQueue();
        await Promise.all(retrievals);
        const idle =
          queue.isEmpty() &&
          listingQueue.isEmpty() &&
          progress.counters.notifications === before &&
          retrievals.length === pending;
        quiet = idle ? quiet + 1 : 0;
      }
    };
    await settle(LATE_NOTIFICATIONS_MS);
    // The daily settlement sweep: settlements whose notification never came, or whose retrieval
    // failed on an earlier run, are retrieved now (a failure of the sweep fails no run).
    const settlementSweep = await functions
      .sweepSettlements({ scheduledTime: new Date(sim.clock.now()).toISOString() })
      .catch((error: unknown) => ({
        error: error instanceof Error ? error.name : 'UnknownError',
      }));
    await settle(0);

    if (options.inspect !== undefined) await options.inspect(sim, selected);
    return {
      paths,
      partners: selected,
      fanOut,
      catalogRefreshes,
      progress,
      crawled: [...crawled].sort(),
      simulatedStart,
      simulatedEnd: sim.clock.now(),
      notifications: {
        delivered: progress.counters.notifications,
        deadLetters: queue.stats().deadLetters,
      },
      listingRefreshes: {
        delivered: listingRefreshes,
        deadLetters: listingQueue.stats().deadLetters,
      },
      faultsMet: {
        injected: sim.faults.injected(),
        notifications: sim.notifications.faultCounts(),
      },
      unsolicitedRetrievals: unsolicited,
      settlementSweep,
    };
  } finally {
    await environment.close();
  }
}

/**
 * `setupSubscriptions` as its schedule runs it: idempotent, so a try that met throttling is
 * simply repeated (a minute later, in simulated time). Should it keep failing, the run goes on:
 * notifications are an optimisation and every ingestion falls back to polling.
 */
async function setUpSubscriptions(functions: LocalFunctions, clock: Clock): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    try {
      await functions.notificationSubscriber.setupSubscriptions({});
      return;
    } catch {
      await clock.sleep(60_000);
    }
  }
}
