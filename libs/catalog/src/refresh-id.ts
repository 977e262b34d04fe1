import { createHash } from 'node:crypto';

/** A refresh id: one safe key segment, as the lake's `curatedKey` accepts for the file name. */
export const REFRESH_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/**
 * The refresh id of a state machine execution: its name when that is already a safe key segment
 * (so re-running an execution name rewrites the same files), else `x-` and a hash of the name.
 */
export function refreshIdOf(executionName: string): string {
  if (REFRESH_ID_PATTERN.test(executionName)) return executionName;
  return `x-${shortHash([executionName])}`;
}

/**
 * The refresh id of a notification-driven refresh: a hash of the notification ids it served, so
 * the same messages delivered again write the same files.
 */
export function notificationRefreshId(notificationIds: readonly string[]): string {
  return `n-${shortHash([...new Set(notificationIds)].sort())}`;
}

function shortHash(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}
