import type { Clock } from '@spapi-lake/core';

/** A usage plan: `rate` tokens are added per second to a bucket that holds at most `burst`. */
export interface UsagePlan {
  readonly rate: number;
  readonly burst: number;
}

/** A token taken by {@link TokenBucketRateLimiter.acquireLease}; release it once answered. */
export interface RateLimitLease {
  /** The call was answered (or failed): Amazon has taken its token, if it ever will. Idempotent. */
  release(): void;
}

/**
 * Client-side token bucket mirroring one SP-API usage plan. It starts full; each call takes a
 * token, and a call that finds none waits (on the Clock) until its token has refilled.
 *
 * Amazon takes a call's token when the call arrives, somewhere between our reservation and the
 * answer, and its full bucket does not refill meanwhile. Calls taken with `acquireLease` count as in
 * flight until released, and the bucket holds at most `burst - inFlight`: it stops refilling when
 * Amazon's might have, so it never holds more than Amazon's, whatever the latencies. (A bucket that
 * kept refilling while the first calls of a burst waited, say, for an access token would run ahead
 * of Amazon's by that wait times the rate, and meet 429s later.)
 */
export class TokenBucketRateLimiter {
  private currentRate: number;
  readonly burst: number;
  private tokens: number;
  private refilledAt: number;
  private inFlight = 0;

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
   * Takes one token like {@link acquire}, and keeps it in flight until the lease is released:
   * call `release()` when the answer (or the failure) is in.
   */
  async acquireLease(): Promise<RateLimitLease> {
    this.refill();
    this.inFlight += 1;
    let released = false;
    const lease: RateLimitLease = {
      release: () => {
        if (released) return;
        released = true;
        this.refill();
        this.inFlight -= 1;
      },
    };
    try {
      await this.acquire();
    } catch (error) {
      lease.release();
      throw error;
    }
    return lease;
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
    // Capped below the burst by the calls in flight, but never lowered by the cap.
    const cap = Math.max(this.tokens, this.burst - this.inFlight);
    this.tokens = Math.min(cap, this.tokens + elapsedSeconds * this.currentRate);
    this.refilledAt = now;
  }
}
