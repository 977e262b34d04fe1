/**
 * Base of every error this project throws on purpose. `name` is API (Step Functions matches Retry and
 * Catch on it), `retryable` tells callers whether trying again can help, `cause` keeps the origin.
 */
export abstract class TypedError extends Error {
  abstract override readonly name: string;
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True when `error` is one of ours and says that a retry may succeed. */
export function isRetryable(error: unknown): boolean {
  return error instanceof TypedError && error.retryable;
}
