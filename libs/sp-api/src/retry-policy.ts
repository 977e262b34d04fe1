import { type Random, isRetryable } from '@spapi-lake/core';
import { SpApiQuotaExceededError } from './errors';

/** Settings of {@link createRetryPolicy}. */
export interface RetryPolicyOptions {
  /** Total attempts including the first one. Default 5. */
  readonly maxAttempts?: number;
  /** Backoff ceiling of the first retry; doubles per attempt. Default 1000 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound of the exponential ceiling. Default 30 000 ms. */
  readonly maxDelayMs?: number;
  readonly random: Random;
}

/** What the policy looks at after a failed attempt. */
export interface RetryContext {
  /** Attempts made so far (1 after the first failure). */
  readonly attempt: number;
  readonly error: unknown;
  /** The operation's current rate (tokens per second), used to pace retries after a 429. */
  readonly rate: number;
  /**
   * False for POST and PATCH operations that must not run twice (createReport,
   * rotateApplicationClientSecret, ...): a 5xx or a lost answer may mean Amazon did it, so only a
   * 429 or a connection that never opened is retried.
   * Default true.
   */
  readonly idempotent?: boolean;
}

/** Decides whether and when to try an SP-API call again. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Milliseconds to wait before the next attempt, or null to give up and rethrow. */
  nextDelayMs(context: RetryContext): number | null;
}

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

// Failures before the request could reach Amazon: nothing was done, so any operation may retry.
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** True when the request never reached Amazon (refused, unresolved, connect timeout). Follows `cause`. */
export function isNeverSentFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && NEVER_SENT_CODES.has(code)) return true;
    current = cause;
  }
  return false;
}

/**
 * True for failures that happen before any HTTP response and usually go away: connection resets
 * (`ECONNRESET`, "socket hang up"), undici's `TypeError: fetch failed` and timeouts. Follows `cause`.
 */
export function isTransientNetworkFailure(error: unknown): boolean {
  let current: unknown = error;
  // DOMException (AbortSignal.timeout) is not an Error subclass on Node 20: inspect plain shapes.
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, message, name, cause } = current as {
      code?: unknown;
      message?: unknown;
      name?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return true;
    if (typeof message === 'string' && /socket hang up/i.test(message)) return true;
    if (current instanceof TypeError && message === 'fetch failed') return true;
    if (name === 'TimeoutError') return true;
    current = cause;
  }
  return false;
}

/**
 * Bounded exponential backoff with full jitter (delay drawn from [0, min(max, base * 2^(n-1))))
 * for retryable failures only: 429, 5xx and transient network failures, never other 4xx; for an
 * operation that is not idempotent only 429 and requests that never reached Amazon.
 */
export function createRetryPolicy(options: RetryPolicyOptions): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError('maxAttempts must be a positive integer');
  }
  return {
    maxAttempts,
    nextDelayMs({ attempt, error, rate, idempotent = true }) {
      if (attempt >= maxAttempts) return null;
      if (!isRetryable(error) && !isTransientNetworkFailure(error)) return null;
      if (
        !idempotent &&
        !(error instanceof SpApiQuotaExceededError) &&
        !isNeverSentFailure(error)
      ) {
        return null;
      }
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const jittered = Math.floor(options.random() * ceiling);
      if (error instanceof SpApiQuotaExceededError && rate > 0) {
        // The bucket is empty on Amazon's side: no retry can succeed before one token refills.
        return Math.max(jittered, Math.ceil(1000 / rate));
      }
      return jittered;
    },
  };
}
