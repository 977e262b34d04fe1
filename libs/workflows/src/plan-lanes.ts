import type { FanOutLane, LaneRef } from './fan-out-contract';
import { laneOf, toFanOutWindow } from './ingestion-execution';
import { windowAttempt, type LaneState } from './lane-state';
import { type BeyondLookback, planWindows, type PlanWindowsInput } from './plan-windows';

/** `planWindows` input with lane states (read from the store) in place of bare watermarks. */
export interface PlanLanesInput extends Omit<PlanWindowsInput, 'watermarks'> {
  /** The stored state of a lane by `LaneRef.key`; undefined for a lane never run. */
  readonly laneState: (laneKey: string) => LaneState | undefined;
  readonly ingestionStateMachineArn: string;
}

/** Days of one lane beyond its report type's lookback, never requested (see `BeyondLookback`). */
export interface LaneBeyondLookback extends Omit<BeyondLookback, 'marketplaceId'> {
  readonly lane: LaneRef;
}

/** The fan-out lanes of one (partner, report config) and the days they leave behind for good. */
export interface LanePlan {
  readonly lanes: FanOutLane[];
  readonly beyondLookback: LaneBeyondLookback[];
}

/**
 * The fan-out lanes of one (partner, report config): `planWindows` from each lane's watermark, each
 * window numbered with its attempt and named for its ingestion execution. Lanes with nothing due are
 * left out.
 */
export function planLanes(input: PlanLanesInput): LanePlan {
  const { account, reportConfig, laneState } = input;
  const watermarks: Record<string, string> = {};
  const states = new Map<string, LaneState | undefined>();
  const laneFor = (marketplaceId: string) => laneOf(account, reportConfig, marketplaceId);
  for (const marketplaceId of account.marketplaceIds) {
    const state = laneState(laneFor(marketplaceId).key);
    states.set(marketplaceId, state);
    if (state?.watermark !== undefined) watermarks[marketplaceId] = state.watermark;
  }

  const plan = planWindows({ ...input, watermarks });
  const lanes = new Map<string, FanOutLane>();
  for (const window of plan.windows) {
    const marketplaceId = window.marketplaceIds[0];
    const lane = lanes.get(marketplaceId) ?? { lane: laneFor(marketplaceId), windows: [] };
    const fanOutWindow = toFanOutWindow({
      account,
      reportConfig,
      window,
      attempt: windowAttempt(states.get(marketplaceId), window.start),
      ingestionStateMachineArn: input.ingestionStateMachineArn,
    });
    lanes.set(marketplaceId, { ...lane, windows: [...lane.windows, fanOutWindow] });
  }
  return {
    lanes: [...lanes.values()],
    beyondLookback: plan.beyondLookback.map(({ marketplaceId, ...days }) => ({
      lane: laneFor(marketplaceId),
      ...days,
    })),
  };
}
