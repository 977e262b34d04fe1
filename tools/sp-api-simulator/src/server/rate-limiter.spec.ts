import { createRateLimiter, formatRate } from './rate-limiter';

describe('token bucket rate limiter', () => {
  it('starts full, spends one token per call and refills at the rate', () => {
    let now = 0;
    const limiter = createRateLimiter({ now: () => now });
    const plan = { rate: 0.5, burst: 2 };
    expect([
      limiter.tryAcquire('k', plan),
      limiter.tryAcquire('k', plan),
      limiter.tryAcquire('k', plan),
    ]).toEqual([true, true, false]);
    now += 1_999;
    expect(limiter.tryAcquire('k', plan)).toBe(false);
    now += 1;
    expect(limiter.tryAcquire('k', plan)).toBe(true);
    now += 60_000;
    expect([
      limiter.tryAcquire('k', plan),
      limiter.tryAcquire('k', plan),
      limiter.tryAcquire('k', plan),
    ]).toEqual([true, true, false]);
    expect(limiter.tryAcquire('other', plan)).toBe(true);
  });

  it('scales rate and burst, keeping at least one token', () => {
    const limiter = createRateLimiter({ now: () => 0, rateScale: 0.01 });
    expect(limiter.effectivePlan({ rate: 2, burst: 15 })).toEqual({ rate: 0.02, burst: 1 });
    const scaled = createRateLimiter({ now: () => 0, rateScale: 10 }).effectivePlan({
      rate: 0.0167,
      burst: 15,
    });
    expect(scaled.rate).toBeCloseTo(0.167, 10);
    expect(scaled.burst).toBe(150);
  });

  it('formats the header like SP-API', () => {
    expect(formatRate(2)).toBe('2.0');
    expect(formatRate(0.0167)).toBe('0.0167');
    expect(formatRate(0.0222 * 3)).toBe('0.0666');
  });
});
