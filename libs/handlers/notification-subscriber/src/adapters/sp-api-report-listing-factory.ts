import type { Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import {
  type RateLimiterRegistry,
  type TokenProvider,
  type UserAgentOptions,
  createSpApiClientCache,
} from '@spapi-lake/sp-api';
import type { ReportListingApi } from '../use-cases/sweep-amazon-generated-reports';

/** A selling partner authorisation in one region. */
interface PartnerRef {
  readonly sellingPartnerId: string;
  readonly region: Region;
}

/** Options of {@link spApiReportListingFactory}. */
export interface SpApiReportListingFactoryOptions {
  /** SP-API base URL of a region (Amazon's, or the simulator's / sandbox overrides). */
  readonly baseUrlFor: (region: Region) => string;
  readonly tokenProviderFor: (partner: PartnerRef) => TokenProvider;
  /** The process-wide registry: getReports is paced per partner at the model's 0.0222/s, burst 10. */
  readonly limiters: RateLimiterRegistry;
  readonly userAgent: UserAgentOptions;
  /** Rate-limit key of the application (e.g. the LWA client id). */
  readonly applicationId?: string;
  readonly clock?: Clock;
}

/** A Reports API client per (partner, region), built once and reused, for the settlement sweep. */
export function spApiReportListingFactory(
  options: SpApiReportListingFactoryOptions,
): (partner: PartnerRef) => Promise<ReportListingApi> {
  const { baseUrlFor, ...settings } = options;
  const clients = createSpApiClientCache(settings);
  return async (partner) => clients(partner, baseUrlFor(partner.region)).reports;
}
