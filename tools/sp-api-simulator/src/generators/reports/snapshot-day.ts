import { dayOf } from '../calendar';
import type { ResolvedRequest } from '../report-definition';

/** The UTC day a snapshot report (listings, inventory) shows: the last day of its window. */
export function snapshotDay({ startMs, endMs }: ResolvedRequest): number {
  return dayOf(Math.max(startMs, endMs - 1));
}
