import type { Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import type { ReportsPort } from '@spapi-lake/ingestion';
import {
  type RateLimiterRegistry,
  type TokenProvider,
  type UserAgentOptions,
  createSpApiClient,
} from '@spapi-lake/sp-api';
import type { PartnerRef } from './report-retriever-dependencies';
import { spApiReportsPort } from './sp-api-reports-port';

/** Options of {@link spApiReportsFor}. */
export interface SpApiReportsForOptions {
  /** SP-API base URL of a region (Amazon's, or the simulator's). */
  readonly baseUrlOf: (region: Region) => string;
  /** Access tokens of one partner: the token broker on AWS, LWA directly locally. */
  readonly tokenProviderFor: (partner: PartnerRef) => TokenProvider;
  /** Shared by every client of the process, so all pace together. */
  readonly limiters: RateLimiterRegistry;
  readonly userAgent: UserAgentOptions;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  /** Attempts per SP-API call inside the function (Step Functions retries beyond). */
  readonly maxAttempts?: number;
}

/** One `ReportsPort` per partner, each over its own SP-API client, built on first use and kept. */
export function spApiReportsFor(
  options: SpApiReportsForOptions,
): (partner: PartnerRef) => ReportsPort {
  const ports = new Map<string, ReportsPort>();
  return (partner) => {
    const key = `${partner.sellingPartnerId}@${partner.region}`;
    let port = ports.get(key);
    if (port === undefined) {
      port = spApiReportsPort(
        createSpApiClient({
          baseUrl: options.baseUrlOf(partner.region),
          sellingPartnerId: partner.sellingPartnerId,
          tokenProvider: options.tokenProviderFor(partner),
          limiters: options.limiters,
          userAgent: options.userAgent,
          ...(options.clock === undefined ? {} : { clock: options.clock }),
          ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
          ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
        }),
      );
      ports.set(key, port);
    }
    return port;
  };
}
