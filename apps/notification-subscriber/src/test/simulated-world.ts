import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Account, parseAccounts } from '@spapi-lake/config';
import { systemClock } from '@spapi-lake/core';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import {
  type LocalNotificationSubscriber,
  type NotificationsApiTarget,
  createLocalNotificationSubscriber,
  spApiNotificationsFactory,
} from '@spapi-lake/notification-subscriber-handlers';
import {
  type NotificationsApi,
  type ReportsApi,
  RateLimiterRegistry,
  createSpApiClient,
} from '@spapi-lake/sp-api';
import { type SimulatorHandle, startSimulator } from '@spapi-lake/sp-api-simulator';
import type { SQSEvent } from 'aws-lambda';
import { DEFAULT_EVENTBRIDGE_REGIONS } from '../config';

/** What the deployed app would be configured with. */
export const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:spapi-lake-notifications';
export const EVENTBRIDGE_ACCOUNT_ID = '123456789012';

/** A log line as the handlers wrote it. */
export type LogLine = readonly [level: string, message: string, attributes: unknown];

/** The simulator, its partners as configured accounts, and the local notification subscriber. */
export interface SimulatedWorld {
  readonly sim: SimulatorHandle;
  readonly accounts: readonly Account[];
  readonly subscriber: LocalNotificationSubscriber;
  readonly logs: LogLine[];
  /** The Notifications API clients the subscriber uses (to look at what setup left behind). */
  readonly notificationsApi: (target: NotificationsApiTarget) => NotificationsApi;
  /** The Reports API of one partner (to create reports whose notifications then arrive). */
  reports(sellingPartnerId: string): ReportsApi;
  stop(): Promise<void>;
}

// The models' 1 call/s for Notifications would make every test wait; the simulator runs at 100x too.
const fastPlans = Object.fromEntries(
  [
    'getDestinations',
    'createDestination',
    'getSubscription',
    'createSubscription',
    'deleteSubscriptionById',
    'createReport',
  ].map((operation) => [operation, { rate: 100, burst: 100 }]),
);

/**
 * Starts the simulator (default world: NA seller, EU seller, NA vendor) and wires everything;
 * simulated time starts at `start` (default: now).
 */
export async function startSimulatedWorld(seed = 5, start?: number): Promise<SimulatedWorld> {
  const sim = await startSimulator({
    port: 0,
    seed,
    rateScale: 100,
    ...(start === undefined ? {} : { clock: start }),
  });
  const { clientId, clientSecret, partners } = sim.credentials();
  const accounts = parseAccounts(
    partners.map((partner) => ({
      sellingPartnerId: partner.sellingPartnerId,
      accountType: partner.accountType,
      region: partner.region,
      marketplaceIds: [...partner.marketplaceIds],
      refreshTokenSecretRef: `spapi-lake/refresh-tokens/${partner.sellingPartnerId}/${partner.region}`,
    })),
  );
  const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl });
  const cache = new AccessTokenCache();
  const limiters = new RateLimiterRegistry({ clock: systemClock, usagePlans: fastPlans });
  const userAgent = { appName: 'spapi-lake-test', appVersion: '0.0.0' };
  const tokenProvider = (sellingPartnerId?: string) =>
    new LwaTokenProvider({
      client: lwa,
      cache,
      credentials: async () => ({ clientId, clientSecret }),
      ...(sellingPartnerId === undefined
        ? {}
        : {
            refreshToken: async () =>
              partners.find((p) => p.sellingPartnerId === sellingPartnerId)?.refreshToken ?? '',
          }),
    });
  const logs: LogLine[] = [];
  const log =
    (level: string) =>
    (message: string, ...rest: unknown[]) =>
      logs.push([level, message, rest[0]]);
  const notificationsApi = spApiNotificationsFactory({
    baseUrlFor: () => sim.spApiBaseUrl,
    tokenProviderFor: (target) => tokenProvider(target.sellingPartnerId),
    limiters,
    userAgent,
  });
  const subscriber = createLocalNotificationSubscriber({
    clock: systemClock,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    accounts: { list: async () => accounts },
    notificationsApi,
    settings: {
      sqsQueueArn: QUEUE_ARN,
      eventBridgeAccountId: EVENTBRIDGE_ACCOUNT_ID,
      eventBridgeRegion: (region) => DEFAULT_EVENTBRIDGE_REGIONS[region],
    },
  });
  return {
    sim,
    accounts,
    subscriber,
    logs,
    notificationsApi,
    reports: (sellingPartnerId) =>
      createSpApiClient({
        baseUrl: sim.spApiBaseUrl,
        sellingPartnerId,
        tokenProvider: tokenProvider(sellingPartnerId),
        limiters,
        userAgent,
      }).reports,
    stop: () => sim.stop(),
  };
}

/** An SQS event as Lambda delivers it from the notification queue, one record per body. */
export function sqsEvent(bodies: readonly string[], firstMessage = 0): SQSEvent {
  return {
    Records: bodies.map((body, index) => {
      const n = firstMessage + index;
      return {
        messageId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        receiptHandle: `AQEB-receipt-${n}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1793491200000',
          SenderId: 'AIDAIENQZJOLO23YVJ4VO',
          ApproximateFirstReceiveTimestamp: '1793491200001',
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: QUEUE_ARN,
        awsRegion: 'us-east-1',
      };
    }),
  };
}

/** A sample event from `apps/notification-subscriber/events/`. */
export function sampleEvent<T>(name: string): T {
  const file = path.resolve(__dirname, '../../events', name);
  // The samples are ours and shaped as their handler's event type.
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
