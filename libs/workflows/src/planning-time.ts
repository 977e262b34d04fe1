import type { PlanFanOutInput } from './fan-out-contract';
import { parseInstant } from './utc-time';

/**
 * The epoch milliseconds a fan-out plans for: the schedule's `scheduledTime` when given (stable when
 * the scheduler retries, replayable), else the execution's start time.
 */
export function planningTime(input: PlanFanOutInput): number {
  return parseInstant(input.request.scheduledTime ?? input.now);
}
