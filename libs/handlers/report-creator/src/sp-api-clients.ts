import type { Endpoints } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import {
  type RateLimiterRegistry,
  type SpApiClient,
  type TokenProvider,
  type UserAgentOptions,
  createSpApiClient,
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

/** A cached SP-API client per (partner, base URL): one per partner and region in practice. */
export function spApiClientsFor(
  options: SpApiClientsOptions,
): (partner: PartnerRef) => Promise<SpApiClient> {
  const clients = new Map<string, SpApiClient>();
  return async (partner) => {
    const baseUrl = (await options.endpoints()).spApiBaseUrl[partner.region];
    const key = JSON.stringify([partner.sellingPartnerId, partner.region, baseUrl]);
    let client = clients.get(key);
    if (client === undefined) {
      client = createSpApiClient({
        baseUrl,
        sellingPartnerId: partner.sellingPartnerId,
        tokenProvider: options.tokenProviderFor(partner),
        limiters: options.limiters,
        userAgent: options.userAgent,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      });
      clients.set(key, client);
    }
    return client;
  };
}
