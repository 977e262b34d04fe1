import type { Clock } from '@spapi-lake/core';
import { type SpApiOperationId, operationSpecs } from './operation-specs';
import { TokenBucketRateLimiter, type UsagePlan } from './rate-limiter';

/**
 * Identifies one usage plan: SP-API plans apply per application, selling partner and operation,
 * and per region, since a merged multi-region seller has one authorization per region (SPAPI.md
 * 1.1, 3.2). The region is keyed by the endpoint the calls go to, which every client knows exactly.
 */
export interface RateLimiterKey {
  /** The application (LWA client id or any stable label for it). */
  readonly applicationId: string;
  /** The selling partner; grantless operations use {@link APPLICATION_WIDE} (no partner involved). */
  readonly sellingPartnerId: string;
  /**
   * The base URL the calls go to (`resolveBaseUrl`'s answer): one per region, sandbox apart.
   * Grantless operations are keyed by it too: each regional endpoint keeps its own buckets.
   */
  readonly baseUrl: string;
  readonly operationId: SpApiOperationId;
}

/** Partner key of grantless operations, whose plan belongs to the application alone. */
export const APPLICATION_WIDE = '*';

/**
 * The token buckets of one process, created on first use from the generated usage plans, so every
 * client in the process shares the same bucket for a given (application, partner, endpoint,
 * operation).
 */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, TokenBucketRateLimiter>();
  private readonly clock: Clock;
  private readonly usagePlans: Partial<Record<SpApiOperationId, UsagePlan>>;

  /** `usagePlans` overrides the models' defaults for some operations (e.g. a negotiated plan). */
  constructor(options: {
    readonly clock: Clock;
    readonly usagePlans?: Partial<Record<SpApiOperationId, UsagePlan>>;
  }) {
    this.clock = options.clock;
    this.usagePlans = options.usagePlans ?? {};
  }

  /** The bucket for `key`, created full on first use. */
  limiterFor(key: RateLimiterKey): TokenBucketRateLimiter {
    const id = JSON.stringify([
      key.applicationId,
      key.sellingPartnerId,
      key.baseUrl,
      key.operationId,
    ]);
    let limiter = this.limiters.get(id);
    if (limiter === undefined) {
      const plan = this.usagePlans[key.operationId] ?? operationSpecs[key.operationId];
      limiter = new TokenBucketRateLimiter({ rate: plan.rate, burst: plan.burst }, this.clock);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
