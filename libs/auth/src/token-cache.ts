import type { Clock } from '@spapi-lake/core';
import type { AccessToken } from './access-token';

/** The official SDKs' safety margin: a token is not served in the last minute of its life. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

/**
 * Access tokens in memory by key until `TOKEN_REFRESH_MARGIN_MS` before they expire. Concurrent
 * misses of one key share a single fetch; a failed fetch is not cached. Keys are ours (partner and
 * region, or scope), never a credential.
 */
export class TokenCache {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly pending = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly clock: Clock,
    private readonly refreshMarginMs = TOKEN_REFRESH_MARGIN_MS,
  ) {}

  /** The cached token of `key` while fresh; else the result of `fetch`, started once per key. */
  async get(
    key: string,
    fetch: () => Promise<AccessToken>,
    options: { readonly forceRefresh?: boolean } = {},
  ): Promise<AccessToken> {
    if (options.forceRefresh === true) this.tokens.delete(key);
    const cached = this.tokens.get(key);
    if (cached !== undefined && this.isFresh(cached)) return cached;
    return this.fetchOnce(key, fetch);
  }

  /** Forgets the token of `key`. */
  invalidate(key: string): void {
    this.tokens.delete(key);
  }

  private isFresh(token: AccessToken): boolean {
    return this.clock.now() < token.expiresAt - this.refreshMarginMs;
  }

  private fetchOnce(key: string, fetch: () => Promise<AccessToken>): Promise<AccessToken> {
    const running = this.pending.get(key);
    // A fetch under way yields a token at least as new as any the caller wants replaced: join it.
    if (running !== undefined) return running;
    const settle = (): void => {
      if (this.pending.get(key) === flight) this.pending.delete(key);
    };
    // Started on a later tick, so a fetch that throws synchronously still settles after `set`.
    const flight: Promise<AccessToken> = Promise.resolve()
      .then(fetch)
      .then(
        (token) => {
          settle();
          this.store(key, token);
          return token;
        },
        (error: unknown) => {
          settle();
          throw error;
        },
      );
    this.pending.set(key, flight);
    return flight;
  }

  private store(key: string, token: AccessToken): void {
    const now = this.clock.now();
    for (const [otherKey, other] of this.tokens) {
      if (other.expiresAt <= now) this.tokens.delete(otherKey);
    }
    this.tokens.set(key, token);
  }
}
