import { type Account, parseAccounts } from '@spapi-lake/config';
import { systemClock } from '@spapi-lake/core';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import { type NotificationsApi, RateLimiterRegistry } from '@spapi-lake/sp-api';
import { type SimulatorHandle, startSimulator } from '@spapi-lake/sp-api-simulator';
import type { AccountSource } from '../account-source';
import { spApiNotificationsFactory } from '../adapters/sp-api-notifications-factory';
import type {
  NotificationsApiTarget,
  SubscriptionSetupSettings,
} from '../use-cases/ensure-subscriptions';

/** Delivery settings used by the tests. */
export const TEST_SETTINGS: SubscriptionSetupSettings = {
  sqsQueueArn: 'arn:aws:sqs:us-east-1:123456789012:spapi-lake-notifications',
  eventBridgeAccountId: '123456789012',
  eventBridgeRegion: (region) => ({ NA: 'us-east-1', EU: 'eu-west-1', FE: 'us-west-2' })[region],
};

/** The simulator's default world as configured accounts, and Notifications clients on it. */
export interface NotificationSimulator {
  readonly sim: SimulatorHandle;
  readonly accounts: Account[];
  /** The accounts with per-index overrides (e.g. `{ status: 'disabled' }`). */
  readonly accountSource: (overrides?: Record<string, unknown>[]) => AccountSource;
  readonly notificationsApi: (target: NotificationsApiTarget) => NotificationsApi;
}

/** Starts the simulator (seeded) and wires LWA token providers and SP-API clients to it. */
export async function startNotificationSimulator(seed = 11): Promise<NotificationSimulator> {
  const sim = await startSimulator({ port: 0, seed, rateScale: 100 });
  const { clientId, clientSecret, partners } = sim.credentials();
  const inputs: Record<string, unknown>[] = partners.map((partner) => ({
    sellingPartnerId: partner.sellingPartnerId,
    accountType: partner.accountType,
    region: partner.region,
    marketplaceIds: [...partner.marketplaceIds],
    refreshTokenSecretRef: `spapi-lake/refresh-tokens/${partner.sellingPartnerId}/${partner.region}`,
  }));
  const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl, retry: { maxAttempts: 1 } });
  const cache = new AccessTokenCache();
  const notificationsApi = spApiNotificationsFactory({
    baseUrlFor: () => sim.spApiBaseUrl,
    tokenProviderFor: (target) =>
      new LwaTokenProvider({
        client: lwa,
        cache,
        credentials: async () => ({ clientId, clientSecret }),
        ...(target.sellingPartnerId === undefined
          ? {}
          : {
              refreshToken: async () =>
                partners.find((p) => p.sellingPartnerId === target.sellingPartnerId)
                  ?.refreshToken ?? '',
            }),
      }),
    // The models' 1 call/s would make each test wait; the simulator runs at 100x too.
    limiters: new RateLimiterRegistry({
      clock: systemClock,
      usagePlans: Object.fromEntries(
        [
          'getDestinations',
          'createDestination',
          'getSubscription',
          'createSubscription',
          'deleteSubscriptionById',
        ].map((operation) => [operation, { rate: 100, burst: 100 }]),
      ),
    }),
    userAgent: { appName: 'spapi-lake-test', appVersion: '0.0.0' },
  });
  return {
    sim,
    accounts: parseAccounts(inputs),
    accountSource: (overrides = []) => ({
      list: async () =>
        parseAccounts(inputs.map((input, index) => ({ ...input, ...overrides[index] }))),
    }),
    notificationsApi,
  };
}
