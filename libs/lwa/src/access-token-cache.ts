import { type Clock, systemClock } from '@spapi-lake/core';
import { type AccessTokenCacheKey, accessTokenCacheKeyId } from './access-token-cache-key';
import type { LwaAccessToken } from './lwa-access-token';

/** The official SDKs' safety margin: stop serving a token one minute before it expires. */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

/** Options of {@link AccessTokenCache}. */
export interface AccessTokenCacheOptions {
  readonly clock?: Clock;
  /** A cached token is refreshed once fewer than this many ms of its life remain. */
  readonly refreshMarginMs?: number;
}

/**
 * In-memory access tokens per (client id, refresh token | scope). Concurrent refreshes of one key
 * share a single request; a failed refresh is not cached, so the next call tries again.
 */
export class AccessTokenCache {
  private readonly clock: Clock;
  private readonly refreshMarginMs: number;
  private readonly tokens = new Map<string, LwaAccessToken>();
  private readonly refreshing = new Map<string, Promise<LwaAccessToken>>();

  constructor(options: AccessTokenCacheOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  }

  /** Serves the cached token of `key` while it is fresh, else calls `refresh` (once per key). */
  async get(
    key: AccessTokenCacheKey,
    refresh: () => Promise<LwaAccessToken>,
    options: { readonly forceRefresh?: boolean } = {},
  ): Promise<LwaAccessToken> {
    const id = accessTokenCacheKeyId(key);
    if (options.forceRefresh) this.tokens.delete(id);
    const cached = this.tokens.get(id);
    if (cached !== undefined && this.clock.now() < cached.expiresAt - this.refreshMarginMs) {
      return cached;
    }
    return this.refreshOnce(id, refresh);
  }

  /** Drops the token of `key`, e.g. after SP-API answered that it expired or was rejected. */
  invalidate(key: AccessTokenCacheKey): void {
    this.tokens.delete(accessTokenCacheKeyId(key));
  }

  private refreshOnce(id: string, refresh: () => Promise<LwaAccessToken>): Promise<LwaAccessToken> {
    const pending = this.refreshing.get(id);
    // A refresh already under way yields a token newer than any rejected one: join it.
    if (pending !== undefined) return pending;
    const settle = () => {
      if (this.refreshing.get(id) === flight) this.refreshing.delete(id);
    };
    // Started on a later tick, so even a `refresh` that throws synchronously settles after `set`.
    const flight: Promise<LwaAccessToken> = Promise.resolve()
      .then(refresh)
      .then(
        (token) => {
          settle();
          this.store(id, token);
          return token;
        },
        (error: unknown) => {
          settle();
          throw error;
        },
      );
    this.refreshing.set(id, flight);
    return flight;
  }

  private store(id: string, token: LwaAccessToken): void {
    const now = this.clock.now();
    // Long-lived processes see refresh tokens come and go: drop what can never be served again.
    for (const [otherId, other] of this.tokens) {
      if (other.expiresAt <= now) this.tokens.delete(otherId);
    }
    this.tokens.set(id, token);
  }
}
