import {
  type LaneState,
  type RecordWindowFailureInput,
  type RecordWindowFailureOutput,
  WorkflowErrorName,
  childExecutionError,
  fatalAttemptsOf,
  fatalWindowToSkip,
  recordLaneWindowFailure,
} from '@spapi-lake/workflows';
import { readModifyWrite } from './read-modify-write';
import type { LaneTransitionDeps } from './lane-transition-deps';

// The reason travels in the fan-out's state (256 KiB for everything): a long Cause is cut.
const MAX_REASON_LENGTH = 1000;

/**
 * `RecordWindowFailure`: counts the failed try of the window (`recordLaneWindowFailure` on the
 * child's own error name) and releases the claim. `skip` once the window ended ReportFatalError
 * `maxFatalAttempts` times (other failures of it not counted) and, for a window of data, 72 hours
 * after its end, two weeks for analytics types (`fatalWindowToSkip`); any other failure blocks the
 * lane.
 *
 * Idempotent per try: a window's try `attempt` is the failures recorded before it plus one, so a
 * stored count already at `attempt` means this very try was recorded (a retried Lambda) and is not
 * counted twice. A window that is no longer the lane's next one (the lane moved on) is not recorded.
 */
export function recordWindowFailure(
  deps: Pick<LaneTransitionDeps, 'lanes' | 'clock'>,
  input: RecordWindowFailureInput,
): Promise<RecordWindowFailureOutput> {
  const { errorName, cause } = childExecutionError(input.failure);
  const reason = cause === undefined ? {} : { reason: cause.slice(0, MAX_REASON_LENGTH) };
  const { window } = input;
  const result = (attempts: number, skip: boolean): RecordWindowFailureOutput => ({
    skip,
    outcome: skip ? 'SKIPPED' : 'BLOCKED',
    errorName,
    attempts,
    ...reason,
  });
  return readModifyWrite(deps.lanes, input.lane.key, (stored) => {
    const state: LaneState = stored ?? {};
    if (state.watermark !== window.previousWatermark) {
      return { result: result(window.input.attempt, false) };
    }
    const failure = state.failure;
    const now = deps.clock.now();
    if (
      failure?.windowStart === window.input.window.start &&
      failure.attempts >= window.input.attempt
    ) {
      const skip =
        failure.lastError === WorkflowErrorName.ReportFatal &&
        fatalWindowToSkip(window, fatalAttemptsOf(failure), input.maxFatalAttempts, now);
      return { result: result(failure.attempts, skip) };
    }
    const recorded = recordLaneWindowFailure(state, window, errorName, now, input.maxFatalAttempts);
    return { value: recorded.state, result: result(recorded.attempts, recorded.skip) };
  });
}
