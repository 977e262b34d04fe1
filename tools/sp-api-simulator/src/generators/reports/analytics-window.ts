import { dayFromDateKey } from '../calendar';
import type { ReportRequestSpec } from '../types';

// Module-level alias: global lookups are slow inside jest's VM contexts (hot paths).
const { round } = Math;

/**
 * The inclusive day range of an analytics (JSON) report: the date parts of dataStartTime and
 * dataEndTime; Amazon ignores their time components.
 */
export function analyticsDays(
  spec: ReportRequestSpec,
): { firstDay: number; lastDay: number } | undefined {
  const firstDay = dayFromDateKey(spec.dataStartTime);
  const lastDay = dayFromDateKey(spec.dataEndTime);
  if (firstDay === undefined || lastDay === undefined || lastDay < firstDay) return undefined;
  return { firstDay, lastDay };
}

/** Rounds to two decimals (percentages and shares). */
export function round2(value: number): number {
  return round(value * 100) / 100;
}

/** Rounds to four decimals (Brand Analytics shares). */
export function round4(value: number): number {
  return round(value * 10_000) / 10_000;
}
