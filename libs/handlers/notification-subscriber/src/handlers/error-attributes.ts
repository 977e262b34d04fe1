import { TypedError } from '@spapi-lake/core';

/**
 * Log attributes of an error: its name, its message and whether a retry may help; never its
 * `cause` (an AWS SDK message can quote a task token: our adapters keep those in `cause` only).
 * Errors that are not ours (Powertools idempotency, bugs) count as retryable.
 */
export function errorAttributes(error: unknown): {
  errorName: string;
  reason: string;
  retryable: boolean;
} {
  if (error instanceof TypedError) {
    return { errorName: error.name, reason: error.message, retryable: error.retryable };
  }
  if (error instanceof Error) {
    return { errorName: error.name, reason: error.message, retryable: true };
  }
  return { errorName: 'UnknownError', reason: 'a non-Error value was thrown', retryable: true };
}
