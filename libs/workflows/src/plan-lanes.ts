import type { FanOutLane } from './fan-out-contract';
import { laneOf, toFanOutWindow } from './ingestion-execution';
import { windowAttempt, type LaneState } from './lane-state';
import { planWindows, type PlanWindowsInput } from './plan-windows';

/** `planWindows` input with lane states (read from the store) in place of bare watermarks. */
export interface PlanLanesInput extends Omit<PlanWindowsInput, 'watermarks'> {
  /** The stored state of a lane by `LaneRef.key`; undefined for a lane never run. */
  readonly laneState: (laneKey: string) => LaneState | undefined;
  readonly ingestionStateMachineArn: string;
}

/**
 * The fan-out lanes of one (partner, report config): `planWindows` from each lane's watermark, each
 * window numbered with its attempt and named for its ingestion execution. Lanes with nothing due are
 * left out.
 */
export function planLanes(input: PlanLanesInput): FanOutLane[] {
  const { account, reportConfig, laneState } = input;
  const watermarks: Record<string, string> = {};
  const states = new Map<string, LaneState | undefined>();
  const laneFor = (marketplaceId: string) => laneOf(account, reportConfig, marketplaceId);
  for (const marketplaceId of account.marketplaceIds) {
    const state = laneState(laneFor(marketplaceId).key);
    states.set(marketplaceId, state);
    if (state?.watermark !== undefined) watermarks[marketplaceId] = state.watermark;
  }

  const lanes = new Map<string, FanOutLane>();
  for (const window of planWindows({ ...input, watermarks })) {
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
  return [...lanes.values()];
}
