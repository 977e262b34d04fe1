import type { CatalogItemsPort, ListingsItemsPort, PartnerRegion } from '@spapi-lake/catalog';
import type { Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import {
  type RateLimiterRegistry,
  type SpApiClient,
  type TokenProvider,
  type UserAgentOptions,
  createSpApiClient,
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
  const clients = new Map<string, WarmClient>();
  const clientFor = (partner: PartnerRegion): WarmClient => {
    const key = JSON.stringify([partner.sellingPartnerId, partner.region]);
    let client = clients.get(key);
    if (client === undefined) {
      const tokenProvider = options.tokenProviderFor(partner);
      client = warmClient(tokenProvider, {
        baseUrl: options.baseUrlOf(partner.region),
        sellingPartnerId: partner.sellingPartnerId,
        tokenProvider,
        limiters: options.limiters,
        userAgent: options.userAgent,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      });
      clients.set(key, client);
    }
    return client;
  };
  return {
    catalogFor: (partner) => {
      const { client, warm } = clientFor(partner);
      return warmCatalogPort(warm, spApiCatalogItemsPort(client.catalogItems));
    },
    listingsFor: (partner) => {
      const { client, warm } = clientFor(partner);
      return warmListingsPort(
        warm,
        spApiListingsItemsPort(client.listingsItems, partner.sellingPartnerId),
      );
    },
  };
}

interface WarmClient {
  readonly client: SpApiClient;
  /** Resolves once the partner's access token is cached. */
  readonly warm: () => Promise<void>;
}

// The client takes a token from its bucket before it asks for an access token. A first call that
// waits for LWA (or the token broker) therefore reaches SP-API later than its bucket assumed, while
// the calls behind it do not: fetching the token up front keeps the client's bucket in step with
// Amazon's, which is what makes a burst followed by paced calls free of 429s.
function warmClient(
  tokenProvider: TokenProvider,
  clientOptions: Parameters<typeof createSpApiClient>[0],
): WarmClient {
  let warming: Promise<void> | undefined;
  return {
    client: createSpApiClient(clientOptions),
    warm: () => {
      warming ??= tokenProvider.getToken({ kind: 'partner' }).then(
        () => undefined,
        (error: unknown) => {
          // A failed warm-up must not stick: the next call tries again.
          warming = undefined;
          throw error;
        },
      );
      return warming;
    },
  };
}

// Each call waits for the warm-up first (a no-op once the token is cached).
function warmCatalogPort(warm: () => Promise<void>, port: CatalogItemsPort): CatalogItemsPort {
  return {
    searchCatalogItems: async (query) => {
      await warm();
      return port.searchCatalogItems(query);
    },
    getCatalogItem: async (asin, query) => {
      await warm();
      return port.getCatalogItem(asin, query);
    },
  };
}

function warmListingsPort(warm: () => Promise<void>, port: ListingsItemsPort): ListingsItemsPort {
  return {
    searchListingsItems: async (query) => {
      await warm();
      return port.searchListingsItems(query);
    },
    getListingsItem: async (sku, query) => {
      await warm();
      return port.getListingsItem(sku, query);
    },
  };
}
