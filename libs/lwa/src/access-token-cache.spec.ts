import { createHash } from 'node:crypto';
import { AccessTokenCache } from './access-token-cache';
import { type AccessTokenCacheKey, accessTokenCacheKeyId } from './access-token-cache-key';
import { LwaUnavailableError } from './errors';
import { GrantlessScope } from './grantless-scope';
import type { LwaAccessToken } from './lwa-access-token';
import { ManualClock } from './test/manual-clock';

const HOUR = 3_600_000;
const partner: AccessTokenCacheKey = { clientId: 'client-a', refreshToken: 'Atzr|partner-1' };

describe('AccessTokenCache', () => {
  let clock: ManualClock;
  let cache: AccessTokenCache;
  let issued: number;

  // A refresh function that issues numbered tokens living one hour from the clock's now.
  const refresh = jest.fn(async (): Promise<LwaAccessToken> => ({
    accessToken: `Atza|${(issued += 1)}`,
    expiresAt: clock.now() + HOUR,
  }));

  beforeEach(() => {
    clock = new ManualClock();
    cache = new AccessTokenCache({ clock });
    issued = 0;
  });

  it('serves the cached token until 60 s before expiry, then refreshes', async () => {
    expect((await cache.get(partner, refresh)).accessToken).toBe('Atza|1');

    clock.advance(HOUR - 60_001);
    expect((await cache.get(partner, refresh)).accessToken).toBe('Atza|1');

    clock.advance(1);
    expect((await cache.get(partner, refresh)).accessToken).toBe('Atza|2');
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('takes the refresh margin from its options', async () => {
    cache = new AccessTokenCache({ clock, refreshMarginMs: 5 * 60_000 });
    await cache.get(partner, refresh);

    clock.advance(HOUR - 5 * 60_000);

    expect((await cache.get(partner, refresh)).accessToken).toBe('Atza|2');
  });

  it('collapses concurrent refreshes of one key into a single call', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowRefresh = jest.fn(async () => {
      await gate;
      return refresh();
    });

    const pending = Array.from({ length: 10 }, () => cache.get(partner, slowRefresh));
    release();
    const tokens = await Promise.all(pending);

    expect(slowRefresh).toHaveBeenCalledTimes(1);
    expect(new Set(tokens.map((token) => token.accessToken))).toEqual(new Set(['Atza|1']));
  });

  it('refreshes different keys independently', async () => {
    await cache.get(partner, refresh);
    await cache.get({ clientId: 'client-a', refreshToken: 'Atzr|partner-2' }, refresh);
    await cache.get({ clientId: 'client-b', refreshToken: 'Atzr|partner-1' }, refresh);
    await cache.get({ clientId: 'client-a', scope: GrantlessScope.Notifications }, refresh);
    await cache.get(
      { clientId: 'client-a', scope: GrantlessScope.ClientCredentialRotation },
      refresh,
    );

    expect(refresh).toHaveBeenCalledTimes(5);
  });

  it('does not cache a failed refresh: every waiter fails and the next call tries again', async () => {
    const failing = jest.fn(async (): Promise<LwaAccessToken> => {
      throw new LwaUnavailableError('down');
    });

    const results = await Promise.allSettled([
      cache.get(partner, failing),
      cache.get(partner, failing),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(failing).toHaveBeenCalledTimes(1);

    await expect(cache.get(partner, refresh)).resolves.toMatchObject({ accessToken: 'Atza|1' });
  });

  it('survives a refresh function that throws synchronously', async () => {
    const throwing = (): Promise<LwaAccessToken> => {
      throw new LwaUnavailableError('sync');
    };

    await expect(cache.get(partner, throwing)).rejects.toBeInstanceOf(LwaUnavailableError);
    await expect(cache.get(partner, refresh)).resolves.toMatchObject({ accessToken: 'Atza|1' });
  });

  it('refreshes after invalidate', async () => {
    await cache.get(partner, refresh);

    cache.invalidate(partner);

    expect((await cache.get(partner, refresh)).accessToken).toBe('Atza|2');
  });

  it('refreshes on forceRefresh and caches the new token', async () => {
    await cache.get(partner, refresh);

    expect((await cache.get(partner, refresh, { forceRefresh: true })).accessToken).toBe('Atza|2');
    expect((await cache.get(partner, refresh)).accessToken).toBe('Atza|2');
  });
});

describe('accessTokenCacheKeyId', () => {
  it('holds the SHA-256 of the refresh token, not the token', () => {
    const id = accessTokenCacheKeyId(partner);

    expect(id).not.toContain('partner-1');
    expect(id).toBe(
      `client-a|partner:${createHash('sha256').update('Atzr|partner-1').digest('hex')}`,
    );
  });

  it('tells partners, clients and scopes apart', () => {
    const ids = [
      partner,
      { clientId: 'client-a', refreshToken: 'Atzr|partner-2' },
      { clientId: 'client-b', refreshToken: 'Atzr|partner-1' },
      { clientId: 'client-a', scope: GrantlessScope.Notifications },
      { clientId: 'client-a', scope: GrantlessScope.ClientCredentialRotation },
    ].map(accessTokenCacheKeyId);

    expect(new Set(ids).size).toBe(ids.length);
  });
});
