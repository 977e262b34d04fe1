import { type SpApiClient, type SpApiClientSettings, createSpApiClient } from './client';
import type { SpApiRegion } from './endpoints';
import type { TokenProvider } from './token-provider';

/** Whom a cached client calls for: a partner in a region, or the application alone (grantless). */
export interface SpApiClientTarget {
  /** Omitted for a grantless-only client. */
  readonly sellingPartnerId?: string;
  readonly region: SpApiRegion;
}

/** Options of {@link createSpApiClientCache}: the settings all its clients share. */
export interface SpApiClientCacheOptions<T extends SpApiClientTarget> extends Omit<
  SpApiClientSettings,
  'sellingPartnerId' | 'tokenProvider'
> {
  /** Access tokens of a target; asked once, when its client is built. */
  readonly tokenProviderFor: (target: T) => TokenProvider;
}

/** The client of `target` calling `baseUrl`, built on first use and kept. */
export type SpApiClientCache<T extends SpApiClientTarget> = (
  target: T,
  baseUrl: string,
) => SpApiClient;

/**
 * One SP-API client per (selling partner, region, base URL) for the life of the process: one per
 * partner and region while a region's endpoint stays put. A failed build caches nothing.
 */
export function createSpApiClientCache<T extends SpApiClientTarget>(
  options: SpApiClientCacheOptions<T>,
): SpApiClientCache<T> {
  const { tokenProviderFor, ...settings } = options;
  const clients = new Map<string, SpApiClient>();
  return (target, baseUrl) => {
    // null, not '', for grantless: an empty partner id must not get the grantless client.
    const key = JSON.stringify([target.sellingPartnerId ?? null, target.region, baseUrl]);
    let client = clients.get(key);
    if (client === undefined) {
      client = createSpApiClient({
        ...settings,
        baseUrl,
        ...(target.sellingPartnerId === undefined
          ? {}
          : { sellingPartnerId: target.sellingPartnerId }),
        tokenProvider: tokenProviderFor(target),
      });
      clients.set(key, client);
    }
    return client;
  };
}
