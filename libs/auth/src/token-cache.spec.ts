import { ManualClock } from './test/fakes';
import { TokenCache } from './token-cache';

describe('TokenCache', () => {
  const clock = new ManualClock(1_000_000);

  it('serves a cached token until 60 s before it expires, then fetches a new one', async () => {
    const cache = new TokenCache(clock);
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      return { accessToken: `t${fetches}`, expiresAt: clock.now() + 3_600_000 };
    };
    expect((await cache.get('k', fetch)).accessToken).toBe('t1');
    clock.advance(3_600_000 - 60_001);
    expect((await cache.get('k', fetch)).accessToken).toBe('t1');
    clock.advance(1);
    expect((await cache.get('k', fetch)).accessToken).toBe('t2');
    expect(fetches).toBe(2);
  });

  it('shares one fetch between concurrent misses of a key, but not across keys', async () => {
    const cache = new TokenCache(clock);
    let fetches = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetch = async () => {
      fetches += 1;
      await gate;
      return { accessToken: `t${fetches}`, expiresAt: clock.now() + 3_600_000 };
    };
    const all = Promise.all([cache.get('a', fetch), cache.get('a', fetch), cache.get('b', fetch)]);
    release();
    const tokens = await all;
    expect(fetches).toBe(2);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[0]);
  });

  it('does not cache a failure, so the next call tries again', async () => {
    const cache = new TokenCache(clock);
    await expect(
      cache.get('k', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    await expect(
      cache.get('k', async () => ({ accessToken: 'ok', expiresAt: clock.now() + 3_600_000 })),
    ).resolves.toEqual({ accessToken: 'ok', expiresAt: expect.any(Number) });
  });

  it('drops the cached token on forceRefresh and on invalidate', async () => {
    const cache = new TokenCache(clock);
    let fetches = 0;
    const fetch = async () => ({
      accessToken: `t${++fetches}`,
      expiresAt: clock.now() + 3_600_000,
    });
    await cache.get('k', fetch);
    expect((await cache.get('k', fetch, { forceRefresh: true })).accessToken).toBe('t2');
    cache.invalidate('k');
    expect((await cache.get('k', fetch)).accessToken).toBe('t3');
  });

  it('does not let a forced refresh join an ordinary fetch, nor that fetch put its token back', async () => {
    const cache = new TokenCache(clock);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // An ordinary fetch under way answers with the token being replaced (the broker's cache).
    const stale = cache.get('k', async () => {
      await gate;
      return { accessToken: 'revoked', expiresAt: clock.now() + 3_600_000 };
    });
    const fresh = cache.get(
      'k',
      async () => ({ accessToken: 'new', expiresAt: clock.now() + 3_600_000 }),
      { forceRefresh: true },
    );
    // Ordinary callers meanwhile join the forced fetch.
    const joined = cache.get('k', async () => {
      throw new Error('not called');
    });
    expect((await fresh).accessToken).toBe('new');
    expect((await joined).accessToken).toBe('new');
    release();
    expect((await stale).accessToken).toBe('revoked');
    expect(
      (
        await cache.get('k', async () => {
          throw new Error('not called');
        })
      ).accessToken,
    ).toBe('new');
  });

  it('serves the newer token to a forced refresh of a token another caller replaced already', async () => {
    const cache = new TokenCache(clock);
    let fetches = 0;
    const fetch = async () => ({
      accessToken: `t${++fetches}`,
      expiresAt: clock.now() + 3_600_000,
    });
    await cache.get('k', fetch);
    // Two calls were refused with t1: the first refresh fetches t2, the second is served t2.
    expect(
      (await cache.get('k', fetch, { forceRefresh: true, rejectedToken: 't1' })).accessToken,
    ).toBe('t2');
    expect(
      (await cache.get('k', fetch, { forceRefresh: true, rejectedToken: 't1' })).accessToken,
    ).toBe('t2');
    expect(fetches).toBe(2);
    // t2 refused in turn: fetched anew.
    expect(
      (await cache.get('k', fetch, { forceRefresh: true, rejectedToken: 't2' })).accessToken,
    ).toBe('t3');
  });
});
