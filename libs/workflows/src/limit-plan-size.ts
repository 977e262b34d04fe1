import type { FanOutLane } from './fan-out-contract';

/**
 * Bytes of plan the fan-out accepts: Step Functions caps a state's data at 256 KiB, and the plan is
 * the state the Map reads its lanes from (about 0.7 KB per window).
 */
export const DEFAULT_MAX_PLAN_BYTES = 200_000;

const encoder = new TextEncoder();
const bytesOf = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

/**
 * Drops windows from the end of the longest lanes until the plan's JSON fits `maxBytes`, the last
 * of equally long lanes first (the plan's order is the order lanes run in, partners taking turns).
 * Only the last windows of a lane go, so what remains still starts at each lane's watermark; the
 * dropped windows are planned again by the next run.
 */
export function limitPlanSize(
  lanes: readonly FanOutLane[],
  maxBytes = DEFAULT_MAX_PLAN_BYTES,
): FanOutLane[] {
  const kept = lanes.map((lane) => ({ lane, size: bytesOf(lane) }));
  // `{"lanes":[...]}` around the lanes, plus the commas between them.
  let total = kept.reduce((sum, entry) => sum + entry.size + 1, 12);
  while (total > maxBytes && kept.length > 0) {
    const longest = kept.reduce((a, b) => (b.lane.windows.length >= a.lane.windows.length ? b : a));
    const trimmed = { ...longest.lane, windows: longest.lane.windows.slice(0, -1) };
    const size = bytesOf(trimmed);
    total += size - longest.size;
    if (trimmed.windows.length === 0) {
      kept.splice(kept.indexOf(longest), 1);
      total -= size + 1;
    } else {
      longest.lane = trimmed;
      longest.size = size;
    }
  }
  return kept.map((entry) => entry.lane);
}
