import { type Clock, type Random, mathRandom, systemClock } from '@spapi-lake/core';
import {
  type ApplicationManagementApi,
  createApplicationManagementApi,
} from './apis/application-management';
import { type CatalogItemsApi, createCatalogItemsApi } from './apis/catalog-items';
import { type ListingsItemsApi, createListingsItemsApi } from './apis/listings-items';
import { type NotificationsApi, createNotificationsApi } from './apis/notifications';
import { type ReportsApi, createReportsApi } from './apis/reports';
import { type SellersApi, createSellersApi } from './apis/sellers';
import { type TokensApi, createTokensApi } from './apis/tokens';
import { type SpApiEndpointOptions, resolveBaseUrl } from './endpoints';
import { type OperationCaller, createOperationCaller } from './operation-caller';
import type { RateLimiterRegistry } from './rate-limiter-registry';
import { createRetryPolicy } from './retry-policy';
import type { TokenProvider } from './token-provider';
import { type UserAgentOptions, formatUserAgent } from './user-agent';

/** Settings of {@link createSpApiClient}, besides where to send calls (`baseUrl` or `region`). */
export interface SpApiClientSettings {
  /** The partner whose token and usage plans partner operations use; grantless-only clients omit it. */
  readonly sellingPartnerId?: string;
  readonly tokenProvider: TokenProvider;
  /** Shared buckets: pass the process-wide registry so all clients pace together. */
  readonly limiters: RateLimiterRegistry;
  /** Rate-limit key of the application (e.g. the LWA client id). Default `default`. */
  readonly applicationId?: string;
  readonly userAgent: UserAgentOptions;
  readonly clock?: Clock;
  readonly random?: Random;
  readonly fetch?: typeof fetch;
  /** Total attempts per call, first one included. Default 5. */
  readonly maxAttempts?: number;
  /** Backoff ceiling of the first retry (doubles per attempt). Default 1000 ms. */
  readonly baseDelayMs?: number;
  /** Cap of the exponential backoff ceiling. Default 30 000 ms. */
  readonly maxDelayMs?: number;
  /**
   * Abort an attempt after this long (counts as a transient network failure). Default
   * DEFAULT_REQUEST_TIMEOUT_MS; `Infinity` for none.
   */
  readonly requestTimeoutMs?: number;
}

/** Options of {@link createSpApiClient}. */
export type SpApiClientOptions = SpApiEndpointOptions & SpApiClientSettings;

/** Typed SP-API client: one property per API, plus `call` for operations without a wrapper. */
export interface SpApiClient {
  readonly reports: ReportsApi;
  readonly notifications: NotificationsApi;
  readonly catalogItems: CatalogItemsApi;
  readonly listingsItems: ListingsItemsApi;
  readonly sellers: SellersApi;
  readonly tokens: TokensApi;
  readonly applicationManagement: ApplicationManagementApi;
  /** Any operation of the generated table; the body comes back unvalidated. */
  readonly call: OperationCaller;
}

/**
 * How long one attempt may wait for its answer: SP-API answers in about a second, and a hung
 * connection would otherwise hold the calling Lambda until its own timeout, past any retry.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Builds a client; nothing is sent until an operation is called. */
export function createSpApiClient(options: SpApiClientOptions): SpApiClient {
  const clock = options.clock ?? systemClock;
  const call = createOperationCaller({
    baseUrl: resolveBaseUrl(options),
    applicationId: options.applicationId ?? 'default',
    sellingPartnerId: options.sellingPartnerId,
    tokenProvider: options.tokenProvider,
    limiters: options.limiters,
    retryPolicy: createRetryPolicy({
      maxAttempts: options.maxAttempts,
      baseDelayMs: options.baseDelayMs,
      maxDelayMs: options.maxDelayMs,
      random: options.random ?? mathRandom,
    }),
    clock,
    fetch: options.fetch ?? globalThis.fetch,
    userAgent: formatUserAgent(options.userAgent),
    requestTimeoutMs: Number.isFinite(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS)
      ? (options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS)
      : undefined,
  });
  return {
    reports: createReportsApi(call),
    notifications: createNotificationsApi(call),
    catalogItems: createCatalogItemsApi(call),
    listingsItems: createListingsItemsApi(call),
    sellers: createSellersApi(call),
    tokens: createTokensApi(call),
    applicationManagement: createApplicationManagementApi(call),
    call,
  };
}
