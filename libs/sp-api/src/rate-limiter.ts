import type { Clock } from '@spapi-lake/core';

/** A usage plan: `rate` tokens are added per second to a bucket that holds at most `burst`. */
export interface UsagePlan {
  readonly rate: number;
  readonly burst: number;
}

/**
 * Client-side token bucket mirroring one SP-API usage plan. It starts full; each call takes a
 * token, and a call that finds none waits (on the Clock) until its token has refilled.
 */
export class TokenBucketRateLimiter {
  private currentRate: number;
  readonly burst: number;
  private tokens: number;
  private refilledAt: number;

  constructor(
    plan: UsagePlan,
    private readonly clock: Clock,
  ) {
    this.currentRate = plan.rate;
    this.burst = plan.burst;
    this.tokens = plan.burst;
    this.refilledAt = clock.now();
  }

  /** Tokens added per second (the model's default until the API reports another). */
  get rate(): number {
    return this.currentRate;
  }

  /** Takes one token, waiting until one is available. */
  async acquire(): Promise<void> {
    this.refill();
    // Reserve first, wait second: concurrent callers queue up behind each other in call order
    // instead of all waking at once and racing for the same token.
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    await this.clock.sleep(Math.ceil((-this.tokens / this.currentRate) * 1000));
  }

  /**
   * Applies the rate of an `x-amzn-RateLimit-Limit` header. Absent (it never comes with a 429) or
   * unparsable values leave the rate unchanged.
   */
  updateRate(rate: number | string | null | undefined): void {
    const parsed = typeof rate === 'string' ? Number(rate.trim()) : rate;
    if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed <= 0) return;
    this.refill();
    this.currentRate = parsed;
  }

  /** Empties the bucket: the API just answered 429, so it has no token for us whatever we counted. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsedSeconds = Math.max(0, now - this.refilledAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsedSeconds * this.currentRate);
    this.refilledAt = now;
  }
}
