/** Seconds before the second poll; each later wait doubles, up to the cap. */
export const DEFAULT_FIRST_POLL_DELAY_SECONDS = 30;

/**
 * Seconds to wait after poll number `pollCount` (1-based) before the next one: exponential from
 * `firstSeconds`, capped at `maxSeconds`. The status poller returns it as `waitSeconds`.
 */
export function nextPollDelaySeconds(
  pollCount: number,
  maxSeconds: number,
  firstSeconds = DEFAULT_FIRST_POLL_DELAY_SECONDS,
): number {
  const exponent = Math.max(0, Math.min(pollCount - 1, 30));
  return Math.max(1, Math.min(maxSeconds, firstSeconds * 2 ** exponent));
}
