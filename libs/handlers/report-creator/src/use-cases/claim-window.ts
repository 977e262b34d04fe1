import {
  type ClaimWindowInput,
  type ClaimWindowOutput,
  type LaneState,
  claimLaneWindow,
} from '@spapi-lake/workflows';
import { readModifyWrite } from './read-modify-write';
import type { LaneTransitionDeps } from './lane-transition-deps';

/**
 * `ClaimWindow`: claims the window for this fan-out run (`claimLaneWindow`), atomically: a run
 * whose plan is stale, or that meets another run's live claim, is refused with the reason.
 */
export function claimWindow(
  deps: LaneTransitionDeps,
  input: ClaimWindowInput,
): Promise<ClaimWindowOutput> {
  return readModifyWrite<LaneState, ClaimWindowOutput>(deps.lanes, input.lane.key, (state) => {
    const claim = claimLaneWindow(state ?? {}, input.window, deps.clock.now(), deps.claimTtlMs);
    return claim.claimed
      ? { value: claim.state, result: { claimed: true } }
      : { result: { claimed: false, reason: claim.reason } };
  });
}
