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
 * whose plan is stale, or that meets another run's live claim, is refused with the reason (and the
 * claim's holder, which `takeOver` may then name once it is described as no longer running).
 */
export function claimWindow(
  deps: LaneTransitionDeps,
  input: ClaimWindowInput,
): Promise<ClaimWindowOutput> {
  return readModifyWrite<LaneState, ClaimWindowOutput>(deps.lanes, input.lane.key, (state) => {
    const claim = claimLaneWindow(
      state ?? {},
      input.window,
      deps.clock.now(),
      deps.claimTtlMs,
      input.takeOver,
    );
    if (claim.claimed) return { value: claim.state, result: { claimed: true } };
    const result = {
      claimed: false,
      reason: claim.reason,
      ...(claim.holder === undefined ? {} : { holder: claim.holder }),
    };
    return claim.state === undefined ? { result } : { value: claim.state, result };
  });
}
