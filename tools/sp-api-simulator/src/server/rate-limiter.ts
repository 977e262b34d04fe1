/** A usage plan: tokens added per second and bucket size. */
export interface UsagePlan {
  readonly rate: number;
  readonly burst: number;
}

/** Token buckets per (selling partner or application, operation), refilled by the simulated clock. */
export interface RateLimiter {
  /** Spends one token of `key`'s bucket; false when the bucket is empty (answer 429). */
  tryAcquire(key: string, plan: UsagePlan): boolean;
  /** The plan after `rateScale` (what x-amzn-RateLimit-Limit reports). */
  effectivePlan(plan: UsagePlan): UsagePlan;
}

/**
 * Creates the limiter. `rateScale` multiplies rates and bursts (bursts stay at least 1), so tests
 * can run at 100x the real plans or provoke throttling with small values.
 */
export function createRateLimiter(options: { now: () => number; rateScale?: number }): RateLimiter {
  const scale = options.rateScale ?? 1;
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();
  const effectivePlan = (plan: UsagePlan): UsagePlan => ({
    rate: plan.rate * scale,
    burst: Math.max(1, Math.round(plan.burst * scale)),
  });
  return {
    effectivePlan,
    tryAcquire(key, plan) {
      const { rate, burst } = effectivePlan(plan);
      const now = options.now();
      const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: now };
      const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsedSeconds * rate);
      bucket.updatedAt = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}

/** Formats a rate like SP-API's header (`"0.0167"`, `"2.0"`). */
export function formatRate(rate: number): string {
  return Number.isInteger(rate) ? rate.toFixed(1) : String(Number(rate.toPrecision(6)));
}
