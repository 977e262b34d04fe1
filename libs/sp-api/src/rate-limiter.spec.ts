import type { Clock } from '@spapi-lake/core';
import { TokenBucketRateLimiter } from './rate-limiter';
import { ManualClock } from './test/manual-clock';

/** Virtual time for concurrent callers: pending sleeps end in time order as `run` advances. */
class VirtualClock implements Clock {
  private time = 0;
  private order = 0;
  private readonly timers: { at: number; order: number; wake: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.timers.push({ at: this.time + Math.max(0, ms), order: (this.order += 1), wake });
    });
  }

  /** Advances time from sleep to sleep until `work` settles. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const watched = work.finally(() => (settled = true));
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return watched;
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.timers.shift();
      if (next === undefined) throw new Error('nothing sleeps and the work is not done');
      this.time = next.at;
      next.wake();
    }
  }
}

/** Amazon's side as the simulator models it: full on the first call, refilled continuously. */
function serverBucket(rate: number, burst: number) {
  let tokens = burst;
  let updatedAt: number | undefined;
  return (now: number): boolean => {
    tokens = Math.min(burst, tokens + ((now - (updatedAt ?? now)) / 1000) * rate);
    updatedAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * Four workers making 25 calls each at the limiter's pace. Their first calls all wait 150 ms for
 * an access token before leaving; later calls take 1-20 ms to arrive and 2 ms to be answered.
 */
async function throttledCalls(useLeases: boolean): Promise<{ rejected: number; seconds: number }> {
  const clock = new VirtualClock();
  const limiter = new TokenBucketRateLimiter({ rate: 10, burst: 10 }, clock);
  const server = serverBucket(10, 10);
  let seed = 7;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  let rejected = 0;
  const worker = async () => {
    for (let call = 0; call < 25; call += 1) {
      const lease = useLeases ? await limiter.acquireLease() : (await limiter.acquire(), undefined);
      await clock.sleep(call === 0 ? 150 : 1 + Math.floor(random() * 20));
      if (!server(clock.now())) rejected += 1;
      await clock.sleep(2);
      lease?.release();
    }
  };
  await clock.run(Promise.all([worker(), worker(), worker(), worker()]));
  return { rejected, seconds: clock.now() / 1000 };
}

describe('TokenBucketRateLimiter', () => {
  it('lets a full burst through without waiting, then paces at the rate', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketRateLimiter({ rate: 2, burst: 15 }, clock);

    for (let i = 0; i < 15; i += 1) await limiter.acquire();
    expect(clock.sleeps).toEqual([]);

    await limiter.acquire();
    await limiter.acquire();
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it('refills with elapsed time, never beyond the burst', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketRateLimiter({ rate: 0.0167, burst: 15 }, clock);
    for (let i = 0; i < 15; i += 1) await limiter.acquire();

    clock.advance(60_000); // 1.002 tokens
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire();
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(59_000);

    clock.advance(24 * 3600 * 1000);
    for (let i = 0; i < 15; i += 1) await limiter.acquire();
    expect(clock.sleeps).toHaveLength(1);
    await limiter.acquire();
    expect(clock.sleeps).toHaveLength(2);
  });

  it('queues concurrent callers one refill interval apart', async () => {
    // Time stands still while all three ask: each reservation queues behind the previous one.
    const sleeps: number[] = [];
    const frozen = { now: () => 0, sleep: async (ms: number) => void sleeps.push(ms) };
    const limiter = new TokenBucketRateLimiter({ rate: 1, burst: 1 }, frozen);
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('adopts the rate of the x-amzn-RateLimit-Limit header', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketRateLimiter({ rate: 0.0222, burst: 1 }, clock);
    limiter.updateRate('0.5');
    expect(limiter.rate).toBe(0.5);
    await limiter.acquire();
    await limiter.acquire();
    expect(clock.sleeps).toEqual([2000]);
  });

  it('keeps the rate when the header is absent or unusable', () => {
    const limiter = new TokenBucketRateLimiter({ rate: 2, burst: 15 }, new ManualClock());
    for (const value of [null, undefined, '', 'abc', '0', '-1', Number.NaN]) {
      limiter.updateRate(value);
    }
    expect(limiter.rate).toBe(2);
    expect(limiter.burst).toBe(15);
  });

  it('waits a full refill after being drained by a 429', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketRateLimiter({ rate: 5, burst: 10 }, clock);
    limiter.drain();
    await limiter.acquire();
    expect(clock.sleeps).toEqual([200]);
  });

  it('never runs ahead of the API bucket when calls are slow to arrive, at no cost in pace', async () => {
    // Counting a call's token only from its reservation, the bucket refilled while the first four
    // waited for their token, and Amazon's, full, did not: 429s followed.
    expect((await throttledCalls(false)).rejected).toBeGreaterThan(0);
    const leased = await throttledCalls(true);
    expect(leased.rejected).toBe(0);
    // 100 calls at 10/s with a burst of 10: 9 s at best, plus the 150 ms wait and the answers.
    expect(leased.seconds).toBeLessThan(9.4);
  });

  it('holds a leased token in flight: a full bucket does not refill until the answer', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketRateLimiter({ rate: 10, burst: 2 }, clock);
    const lease = await limiter.acquireLease();
    clock.advance(1_000);
    lease.release();
    lease.release();
    // Amazon's bucket may have stayed full until the call arrived: one token, not two.
    await limiter.acquire();
    await limiter.acquire();
    expect(clock.sleeps).toEqual([100]);
  });
});
