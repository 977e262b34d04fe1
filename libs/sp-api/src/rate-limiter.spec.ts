import { TokenBucketRateLimiter } from './rate-limiter';
import { ManualClock } from './test/manual-clock';

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
});
