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
  private readonly pending = new Map<
    string,
    { readonly flight: Promise<AccessToken>; readonly forced: boolean }
  >();
  /** The number of the latest fetch started per key: only its token is kept. */
  private readonly latest = new Map<string, number>();
  private fetches = 0;

  constructor(
    private readonly clock: Clock,
    private readonly refreshMarginMs = TOKEN_REFRESH_MARGIN_MS,
  ) {}

  /**
   * The cached token of `key` while fresh; else the result of `fetch`, started once per key.
   * `forceRefresh` fetches anew, unless the cached token is no longer the `rejectedToken` being
   * replaced (another caller refreshed it already).
   */
  async get(
    key: string,
    fetch: () => Promise<AccessToken>,
    options: { readonly forceRefresh?: boolean; readonly rejectedToken?: string } = {},
  ): Promise<AccessToken> {
    const forced = options.forceRefresh === true;
    const cached = this.tokens.get(key);
    const replaced =
      options.rejectedToken !== undefined && cached?.accessToken !== options.rejectedToken;
    if (cached !== undefined && this.isFresh(cached) && (!forced || replaced)) return cached;
    if (forced) this.tokens.delete(key);
    return this.fetchOnce(key, fetch, forced);
  }

  /** Forgets the token of `key`. */
  invalidate(key: string): void {
    this.tokens.delete(key);
  }

  private isFresh(token: AccessToken): boolean {
    return this.clock.now() < token.expiresAt - this.refreshMarginMs;
  }

  private fetchOnce(
    key: string,
    fetch: () => Promise<AccessToken>,
    forced: boolean,
  ): Promise<AccessToken> {
    const running = this.pending.get(key);
    // A fetch under way is joined, except by a forced refresh when it is not forced itself: it may
    // answer with the very token being replaced (the broker serves its own cache to it).
    if (running !== undefined && (running.forced || !forced)) return running.flight;
    const number = ++this.fetches;
    this.latest.set(key, number);
    const settle = (): void => {
      if (this.pending.get(key)?.flight === flight) this.pending.delete(key);
    };
    // Started on a later tick, so a fetch that throws synchronously still settles after `set`.
    const flight: Promise<AccessToken> = Promise.resolve()
      .then(fetch)
      .then(
        (token) => {
          settle();
          // A fetch overtaken by a forced one must not put back the token it replaced.
          if (this.latest.get(key) === number) this.store(key, token);
          return token;
        },
        (error: unknown) => {
          settle();
          throw error;
        },
      );
    this.pending.set(key, { flight, forced });
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
