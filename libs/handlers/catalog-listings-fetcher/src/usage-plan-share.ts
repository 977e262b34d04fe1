import { type SpApiOperationId, type UsagePlan, operationSpecs } from '@spapi-lake/sp-api';

/** The operations this app calls: the buckets a rate share applies to. */
export const FETCHER_OPERATIONS = [
  'searchCatalogItems',
  'getCatalogItem',
  'searchListingsItems',
  'getListingsItem',
] as const satisfies readonly SpApiOperationId[];

/** Seconds of refill each process keeps in reserve below its share of the burst. */
export const DEFAULT_RESERVE_SECONDS = 0.1;

/**
 * Usage plans for one of `share` processes that may call the same partner's operations at the same
 * time (a Map's MaxConcurrency, an SQS event source's MaximumConcurrency): each gets `rate / share`
 * and `burst / share`, so together they never spend more than the partner's plan. `base` overrides
 * the models' plans (a negotiated plan, or the simulator's `rateScale`).
 *
 * Each bucket also holds fewer tokens than its share of the burst: at least one, and as many as
 * refill in `reserveSeconds` (never leaving less than one). Latency no longer needs it (the client
 * holds a call's token in flight until the answer, see the sp-api TokenBucketRateLimiter); it
 * absorbs what the client cannot see: timers that fire a millisecond early against Date.now(),
 * millisecond timestamps on both sides, and Amazon's refill granularity.
 */
export function sharedUsagePlans(
  share: number,
  base: Partial<Record<SpApiOperationId, UsagePlan>> = {},
  reserveSeconds: number = DEFAULT_RESERVE_SECONDS,
): Partial<Record<SpApiOperationId, UsagePlan>> {
  if (!Number.isInteger(share) || share < 1) {
    throw new RangeError('share must be a positive integer');
  }
  const plans: Partial<Record<SpApiOperationId, UsagePlan>> = { ...base };
  for (const operationId of FETCHER_OPERATIONS) {
    const plan = base[operationId] ?? operationSpecs[operationId];
    const rate = plan.rate / share;
    const reserve = reserveSeconds > 0 ? Math.max(1, Math.ceil(rate * reserveSeconds)) : 0;
    plans[operationId] = { rate, burst: Math.max(1, Math.floor(plan.burst / share) - reserve) };
  }
  return plans;
}

/**
 * A fetch that divides the `x-amzn-RateLimit-Limit` rate by `share`: the client adopts that header
 * as its bucket's rate, and the header states the partner's whole plan, not this process's share.
 */
export function rateLimitShareFetch(
  share: number,
  inner: typeof fetch = globalThis.fetch,
): typeof fetch {
  if (share === 1) return inner;
  return async (input, init) => {
    const response = await inner(input, init);
    const header = response.headers.get('x-amzn-ratelimit-limit');
    const rate = header === null ? Number.NaN : Number(header.trim());
    if (!Number.isFinite(rate) || rate <= 0) return response;
    const headers = new Headers(response.headers);
    headers.set('x-amzn-ratelimit-limit', String(rate / share));
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}
