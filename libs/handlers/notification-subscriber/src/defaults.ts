/** Waiters outlive the ingestion execution's 24 h timeout by an hour, then TTL removes them. */
export const DEFAULT_WAITER_TTL_MS = 25 * 60 * 60 * 1000;
/** Early outcomes are kept as long: a waiter registers within minutes, or never. */
export const DEFAULT_OUTCOME_TTL_MS = 25 * 60 * 60 * 1000;
/** Notification ids are remembered two days (Amazon's duplicates come within hours). */
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 2 * 24 * 60 * 60;
