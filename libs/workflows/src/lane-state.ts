import { WorkflowErrorName } from './error-names';
import { WatermarkConflictError } from './errors';
import { HOUR_MS, parseInstant, toIsoSeconds } from './utc-time';

/**
 * What the pipeline remembers per lane (partner x report config x marketplace). Stores keep it in one
 * record and replace it with a conditional write, so the transitions below are atomic.
 */
export interface LaneState {
  /** Exclusive end of the last window completed (ingested, empty, or skipped after FATALs). */
  readonly watermark?: string;
  /** The fan-out run currently ingesting the window at the watermark. */
  readonly claim?: { readonly executionName: string; readonly claimedAt: string };
  /** Failures recorded for the window starting at the watermark. */
  readonly failure?: {
    readonly windowStart: string;
    /** Failed tries of the window, whatever the error. */
    readonly attempts: number;
    /** How many of those tries ended ReportFatalError; see `fatalAttemptsOf` when absent. */
    readonly fatalAttempts?: number;
    readonly lastError: string;
  };
}

/** The parts of a planned window the lane transitions look at. */
export interface LaneWindowRef {
  readonly executionName: string;
  readonly previousWatermark?: string;
  readonly input: { readonly window: { readonly start: string; readonly end: string } };
}

/**
 * How long a claim blocks other runs: longer than an ingestion execution may run (default timeout
 * 24 h), so only a claim whose fan-out died is ever taken over.
 */
export const DEFAULT_CLAIM_TTL_MS = 48 * HOUR_MS;

/** FATAL results of one window tolerated (over as many runs) before it is skipped. */
export const DEFAULT_MAX_FATAL_ATTEMPTS = 3;

/** Why a claim was refused. */
export type ClaimRefusal = 'stale-plan' | 'claimed-by-another-run';

/**
 * Claims the window for one run: only when the lane's watermark is still the one the window was
 * planned from, and no other live claim exists (the same execution name may re-claim).
 */
export function claimLaneWindow(
  state: LaneState,
  window: LaneWindowRef,
  now: number,
  claimTtlMs = DEFAULT_CLAIM_TTL_MS,
):
  | { readonly claimed: true; readonly state: LaneState }
  | { readonly claimed: false; readonly reason: ClaimRefusal } {
  if (state.watermark !== window.previousWatermark) return { claimed: false, reason: 'stale-plan' };
  const claim = state.claim;
  if (
    claim !== undefined &&
    claim.executionName !== window.executionName &&
    parseInstant(claim.claimedAt) + claimTtlMs > now
  ) {
    return { claimed: false, reason: 'claimed-by-another-run' };
  }
  return {
    claimed: true,
    state: {
      ...state,
      claim: { executionName: window.executionName, claimedAt: toIsoSeconds(now) },
    },
  };
}

/**
 * Moves the watermark to the window's end and clears its claim and failures. Completing a window
 * the watermark has already passed only releases this run's claim; completing one the watermark
 * has not reached is a WatermarkConflictError.
 */
export function completeLaneWindow(state: LaneState, window: LaneWindowRef): LaneState {
  const { end, start } = window.input.window;
  if (state.watermark === window.previousWatermark) return { watermark: end };
  if (state.watermark !== undefined && parseInstant(state.watermark) >= parseInstant(end)) {
    const { claim, ...rest } = state;
    return claim?.executionName === window.executionName ? rest : state;
  }
  throw new WatermarkConflictError(state.watermark, start, end);
}

/**
 * Records a failed attempt of the window and releases the run's claim. `skip` is true once a
 * window has ended FATAL `maxFatalAttempts` times, other failures in between not counted: the
 * caller then completes it (moves past it). Any other failure never skips: the lane waits (and
 * alarms) until the cause is fixed.
 */
export function recordLaneWindowFailure(
  state: LaneState,
  window: LaneWindowRef,
  errorName: string,
  maxFatalAttempts = DEFAULT_MAX_FATAL_ATTEMPTS,
): {
  readonly state: LaneState;
  readonly attempts: number;
  readonly fatalAttempts: number;
  readonly skip: boolean;
} {
  const start = window.input.window.start;
  const attempts = windowAttempt(state, start);
  const earlier = state.failure?.windowStart === start ? fatalAttemptsOf(state.failure) : 0;
  const fatal = errorName === WorkflowErrorName.ReportFatal;
  const fatalAttempts = earlier + (fatal ? 1 : 0);
  const { claim, ...rest } = state;
  const keepClaim = claim !== undefined && claim.executionName !== window.executionName;
  return {
    state: {
      ...rest,
      ...(keepClaim ? { claim } : {}),
      failure: { windowStart: start, attempts, fatalAttempts, lastError: errorName },
    },
    attempts,
    fatalAttempts,
    skip: fatal && fatalAttempts >= maxFatalAttempts,
  };
}

/**
 * The FATAL endings a stored failure counts. Records written before they were counted separately
 * say only whether the last try was FATAL: that one is certain, earlier ones are not, and counting
 * too few only costs a try where counting too many would skip a window for good.
 */
export function fatalAttemptsOf(failure: NonNullable<LaneState['failure']>): number {
  return failure.fatalAttempts ?? (failure.lastError === WorkflowErrorName.ReportFatal ? 1 : 0);
}

/** The attempt number the next try of the window starting at `windowStart` gets (1-based). */
export function windowAttempt(state: LaneState | undefined, windowStart: string): number {
  const failure = state?.failure;
  return failure !== undefined && failure.windowStart === windowStart ? failure.attempts + 1 : 1;
}
