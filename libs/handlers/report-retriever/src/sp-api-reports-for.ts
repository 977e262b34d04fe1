import type { Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import type { ReportsPort } from '@spapi-lake/ingestion';
import {
  type RateLimiterRegistry,
  type TokenProvider,
  type UserAgentOptions,
  createSpApiClientCache,
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

/** A `ReportsPort` per partner, over its SP-API client, which is built on first use and kept. */
export function spApiReportsFor(
  options: SpApiReportsForOptions,
): (partner: PartnerRef) => ReportsPort {
  const { baseUrlOf, ...settings } = options;
  const clients = createSpApiClientCache(settings);
  return (partner) => spApiReportsPort(clients(partner, baseUrlOf(partner.region)));
}
