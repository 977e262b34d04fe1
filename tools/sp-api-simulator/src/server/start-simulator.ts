import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOperationHandlers } from '../apis';
import type { FaultConfig } from '../faults/fault-config';
import { type FaultControls, createFaultInjector } from '../faults/fault-injector';
import { LWA_PREFIX } from '../lwa/lwa-routes';
import { TokenStore } from '../lwa/token-store';
import { InMemoryNotificationQueue } from '../notifications/in-memory-notification-queue';
import {
  type DeliveredNotification,
  type NotificationBus,
  type NotificationFaults,
  type NotificationSink,
  createNotificationBus,
} from '../notifications/notification-bus';
import { ReportEngine } from '../world/reports/report-engine';
import type { ReportGenerator } from '../world/reports/report-generator';
import type { ReportsConfig } from '../world/reports/reports-config';
import { instanceIds } from '../world/instance-ids';
import { HEX, randomString, seededRandom } from '../world/seeded-random';
import {
  type Partner,
  type PartnerInput,
  type World,
  addPartner,
  defaultWorld,
} from '../world/world';
import type { SimulatorContext } from './context';
import { type CatalogEntry, catalogTruth } from '../catalog/catalog-truth';
import {
  type ChangeListingInput,
  type ListingChangeResult,
  changeListing,
} from '../catalog/change-listing';
import type { ListingRecord } from '../catalog/listing-record';
import { listingsTruth } from '../catalog/listings-truth';
import { controlApi } from './control-api';
import { type SimulatorCredentials, credentialsOf } from './credentials';
import { defaultReportGenerator } from './default-generator';
import { DocumentUrlSigner } from './document-url';
import { type GroundTruthReader, createGroundTruthReader } from './ground-truth';
import { loadModelRegistry } from './model-registry';
import { createRateLimiter } from './rate-limiter';
import { createRequestListener } from './request-listener';
import { createRouter } from './router';
import { createSimulatedClock } from './simulated-clock';
import type { RequestLogEntry } from './sp-api-dispatch';
import { SchemaValidators } from './swagger-schema';

/** Options of {@link startSimulator}; all optional. */
export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  readonly seed?: number;
  /** Start of simulated time (default 2026-11-01T00:00:00Z). */
  readonly clock?: Date | number;
  /** Follow wall time from `clock` (the CLI does); otherwise time moves only on `advance`. */
  readonly realTime?: boolean;
  /** Multiplies every usage plan's rate and burst. */
  readonly rateScale?: number;
  readonly faults?: FaultConfig;
  readonly reports?: ReportsConfig;
  readonly notifications?: {
    readonly sink?: NotificationSink;
    readonly faults?: NotificationFaults;
  };
  /** Clients and partners (default: {@link defaultWorld} of the seed). */
  readonly world?: World;
  /** Report content (default: `src/generators`). */
  readonly generator?: ReportGenerator;
  /** Folder of the official models (default: `models/spapi` found above this file). */
  readonly modelsDir?: string;
  /** Called with errors thrown by handlers (answered 500); default: written to stderr. */
  readonly onHandlerError?: (error: unknown) => void;
}

/** The control handle tests (and the CLI) drive the simulator with. */
export interface SimulatorHandle {
  readonly baseUrl: string;
  /** Point the SP-API client's endpoint here instead of `https://sellingpartnerapi-na.amazon.com`. */
  readonly spApiBaseUrl: string;
  /** LWA base URL; the token endpoint is `${lwaBaseUrl}/auth/o2/token`. */
  readonly lwaBaseUrl: string;
  /** Seller Central consent page of the website authorization workflow. */
  readonly consentUrl: string;
  /** Simulated time; `advance` also moves report lifecycles and delayed notifications. */
  readonly clock: { now(): number; advance(ms: number): void };
  readonly faults: FaultControls;
  readonly groundTruth: GroundTruthReader;
  /** Notifications delivered so far, in order. */
  delivered(): readonly DeliveredNotification[];
  readonly notifications: NotificationBus;
  /** The default in-process queue sink (empty when another sink is configured). */
  readonly queue: { receive(max?: number): string[]; drain(): string[] };
  readonly world: World;
  /** LWA client credentials and each partner's refresh token. */
  credentials(): SimulatorCredentials;
  addPartner(input: PartnerInput): Partner;
  /** The catalog and each partner's listings as served now, and a control to change a listing. */
  readonly catalog: {
    truth(marketplaceId: string): readonly CatalogEntry[];
    listings(sellingPartnerId: string, marketplaceId: string): readonly ListingRecord[];
    /** Changes a listing and emits its LISTINGS_ITEM_* notifications. */
    changeListing(input: ChangeListingInput): ListingChangeResult;
  };
  /** Every SP-API call answered so far. */
  requests(): readonly RequestLogEntry[];
  stop(): Promise<void>;
}

/** Starts the SP-API + LWA simulator on 127.0.0.1 and returns its control handle. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const seed = options.seed ?? 1;
  const world = options.world ?? defaultWorld(seed);
  const simClock = createSimulatedClock({
    ...(options.clock === undefined ? {} : { start: options.clock }),
    ...(options.realTime === undefined ? {} : { realTime: options.realTime }),
  });
  const simulatorStart = simClock.now();
  const faults = createFaultInjector(seededRandom(seed, 'faults'), options.faults);
  const instance = { seed, start: simulatorStart };
  const nextId = instanceIds(instance, 'ids');
  const newId = (prefix: string): string => `${prefix}${nextId()}`;
  const queue = new InMemoryNotificationQueue();
  const bus = createNotificationBus({
    clock: simClock,
    world,
    random: seededRandom(seed, 'notifications'),
    newId,
    sink: options.notifications?.sink ?? { kind: 'queue', queue },
    ...(options.notifications?.faults === undefined
      ? {}
      : { faults: options.notifications.faults }),
  });
  const generator = options.generator ?? defaultReportGenerator;
  const registry = loadModelRegistry(options.modelsDir);
  const route = createRouter(registry);
  const tokens = world.state('lwa-tokens', () => new TokenStore(seededRandom(seed, 'tokens')));
  const reports = new ReportEngine({
    generator,
    config: options.reports ?? {},
    faults,
    simulatorStart,
  });
  const signer = new DocumentUrlSigner(randomString(seededRandom(seed, 'url-signing'), 32, HEX));
  const log: RequestLogEntry[] = [];
  const onHandlerError = options.onHandlerError ?? ((error: unknown) => console.error(error));

  const server = createServer();
  // Longer than clients' keep-alive (undici: 4 s) so a reused idle connection is never cut under them.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context: SimulatorContext = {
    clock: simClock,
    world,
    notifications: bus,
    baseUrl,
    random: seededRandom(seed, 'context'),
    newId,
  };
  const tick = (): void => {
    reports.tick(context);
    bus.tick();
  };
  const services = { reports, generator, tokens, faults, documentUrls: signer };
  server.on(
    'request',
    createRequestListener({
      dispatch: {
        context,
        route,
        validators: new SchemaValidators(registry.models),
        limiter: createRateLimiter({
          now: simClock.now,
          ...(options.rateScale === undefined ? {} : { rateScale: options.rateScale }),
        }),
        faults,
        tokens,
        handlers: createOperationHandlers(services, route),
        tick,
        log: (entry) => log.push(entry),
        onHandlerError,
      },
      world,
      tokens,
      faults,
      signer,
      random: seededRandom(seed, 'lwa'),
      requestId: instanceIds(instance, 'request-ids'),
      // The control API only runs on requests, after `handle` below is initialised.
      control: controlApi(() => handle),
    }),
  );
  // In real time, lifecycles also move without requests, so notifications leave on time.
  const ticker =
    options.realTime === true
      ? setInterval(() => {
          try {
            tick();
          } catch (error) {
            onHandlerError(error);
          }
        }, 1000)
      : undefined;
  ticker?.unref();

  const handle: SimulatorHandle = {
    baseUrl,
    spApiBaseUrl: baseUrl,
    lwaBaseUrl: `${baseUrl}${LWA_PREFIX}`,
    consentUrl: `${baseUrl}/sellercentral/apps/authorize/consent`,
    clock: {
      now: () => simClock.now(),
      advance: (ms) => {
        simClock.advance(ms);
        tick();
      },
    },
    faults,
    groundTruth: createGroundTruthReader(world, generator, (records) =>
      reports.settle(context, records),
    ),
    delivered: () => bus.delivered(),
    notifications: bus,
    queue: { receive: (max) => queue.receive(max), drain: () => queue.receive() },
    world,
    credentials: () => credentialsOf(world),
    addPartner: (input) => addPartner(world, input),
    catalog: {
      truth: (marketplaceId) => catalogTruth(world, marketplaceId),
      listings: (sellingPartnerId, marketplaceId) =>
        listingsTruth(world, sellingPartnerId, marketplaceId, simClock.now()),
      changeListing: (input) => changeListing(context, input),
    },
    requests: () => log,
    stop: async () => {
      if (ticker !== undefined) clearInterval(ticker);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return handle;
}
