import {
  type CompleteWindowInput,
  type CompleteWindowOutput,
  WatermarkConflictError,
  completeLaneWindow,
} from '@spapi-lake/workflows';
import { readModifyWrite } from './read-modify-write';
import type { LaneTransitionDeps } from './lane-transition-deps';

/**
 * `CompleteWindow`: moves the lane's watermark from the window's start to its end
 * (`completeLaneWindow`) with a conditional write. Completing a window the watermark already passed
 * (a retried call, an adopted execution) only releases the claim; anything else that would leave a
 * gap or an overlap is a WatermarkConflictError.
 */
export function completeWindow(
  deps: Pick<LaneTransitionDeps, 'lanes'>,
  input: CompleteWindowInput,
): Promise<CompleteWindowOutput> {
  return readModifyWrite(deps.lanes, input.lane.key, (state) => {
    const next = completeLaneWindow(state ?? {}, input.window);
    const { start, end } = input.window.input.window;
    if (next.watermark === undefined) throw new WatermarkConflictError(undefined, start, end);
    return { value: next, result: { watermark: next.watermark } };
  });
}
