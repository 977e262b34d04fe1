import type { Endpoints } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import {
  type RateLimiterRegistry,
  type SpApiClient,
  type TokenProvider,
  type UserAgentOptions,
  createSpApiClientCache,
} from '@spapi-lake/sp-api';
import type { PartnerRef } from './report-creation-api';

/** Options of {@link spApiClientsFor}. */
export interface SpApiClientsOptions {
  /** Where each region's calls go (the SSM endpoints document, cached). */
  readonly endpoints: () => Promise<Endpoints>;
  /** The token broker client on AWS, an LwaTokenProvider locally. */
  readonly tokenProviderFor: (partner: PartnerRef) => TokenProvider;
  /** One registry per process, so every client of a partner paces the same buckets. */
  readonly limiters: RateLimiterRegistry;
  readonly userAgent: UserAgentOptions;
  readonly clock?: Clock;
  /**
   * Attempts per call, first included. Keep it low in Lambdas: Step Functions retries
   * SpApiQuotaExceededError a minute later instead of the function sleeping on a 429.
   */
  readonly maxAttempts?: number;
}

/**
 * A cached SP-API client per (partner, base URL): one per partner and region in practice. The
 * endpoints document is read on every call, so a region moved in SSM gets a new client.
 */
export function spApiClientsFor(
  options: SpApiClientsOptions,
): (partner: PartnerRef) => Promise<SpApiClient> {
  const { endpoints, ...settings } = options;
  const clients = createSpApiClientCache(settings);
  return async (partner) => clients(partner, (await endpoints()).spApiBaseUrl[partner.region]);
}
