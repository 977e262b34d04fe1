/** Milliseconds in one UTC day (UTC has no daylight saving, so every day has this many). */
export const DAY_MS = 86_400_000;
/** Milliseconds in one hour. */
export const HOUR_MS = 3_600_000;

/** Midnight UTC of the day `epochMs` falls on. */
export function floorUtcDay(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS) * DAY_MS;
}

/**
 * ISO 8601 in UTC without milliseconds (`2025-01-31T23:59:59Z`): the form SP-API documents for
 * `dataStartTime`/`dataEndTime`, and the one watermarks are stored in (so they compare as strings).
 */
export function toIsoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Epoch milliseconds of an ISO date (`2025-01-01`, read as midnight UTC) or date-time. */
export function parseInstant(value: string): number {
  const epochMs = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(epochMs)) throw new RangeError(`not an ISO date or date-time: ${value}`);
  return epochMs;
}
