import type { CatalogItemsPort, ListingsItemsPort, PartnerRegion } from '@spapi-lake/catalog';
import type { Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import {
  type RateLimiterRegistry,
  type TokenProvider,
  type UserAgentOptions,
  createSpApiClientCache,
} from '@spapi-lake/sp-api';
import { spApiCatalogItemsPort, spApiListingsItemsPort } from './sp-api-catalog-ports';

/** Options of {@link spApiPortsFor}. */
export interface SpApiPortsForOptions {
  /** SP-API base URL of a region (Amazon's, or the simulator's). */
  readonly baseUrlOf: (region: Region) => string;
  /** Access tokens of one partner: the token broker on AWS, LWA directly locally. */
  readonly tokenProviderFor: (partner: PartnerRegion) => TokenProvider;
  /** One registry per process, so every call of a partner paces the same buckets. */
  readonly limiters: RateLimiterRegistry;
  readonly userAgent: UserAgentOptions;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  /** Attempts per call, first included (default the client's). */
  readonly maxAttempts?: number;
}

/** The catalog and listings ports of each partner, over one cached SP-API client per partner and region. */
export function spApiPortsFor(options: SpApiPortsForOptions): {
  readonly catalogFor: (partner: PartnerRegion) => CatalogItemsPort;
  readonly listingsFor: (partner: PartnerRegion) => ListingsItemsPort;
} {
  const { baseUrlOf, ...settings } = options;
  const clients = createSpApiClientCache(settings);
  const clientFor = (partner: PartnerRegion) => clients(partner, baseUrlOf(partner.region));
  return {
    catalogFor: (partner) => spApiCatalogItemsPort(clientFor(partner).catalogItems),
    listingsFor: (partner) =>
      spApiListingsItemsPort(clientFor(partner).listingsItems, partner.sellingPartnerId),
  };
}
