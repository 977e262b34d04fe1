import { type Clock, isRetryable, type Random } from '@spapi-lake/core';

/** How often and how patiently to retry a retryable failure. */
export interface RetryPolicy {
  /** Total attempts including the first; 1 disables retries. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Runs `operation`, retrying failures that `isRetryable` accepts, with full-jitter exponential
 * backoff (`random() * min(maxDelayMs, baseDelayMs * 2^(attempt-1))`) slept on `clock`.
 */
export async function withBoundedRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  deps: { readonly clock: Clock; readonly random: Random },
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await deps.clock.sleep(Math.round(deps.random() * ceiling));
    }
  }
}
