import { findReportTypeDefinition } from '@spapi-lake/reports';
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
  readonly claim?: LaneClaim;
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

/** Which try of which window holds a lane. */
export interface LaneClaim {
  /** The ingestion execution name of the try (a second run of the same try may re-claim). */
  readonly executionName: string;
  readonly claimedAt: string;
  /** That execution's ARN, so another run can ask whether it still runs; absent in older claims. */
  readonly executionArn?: string;
  /** The end of the claimed window; absent in older claims. */
  readonly windowEnd?: string;
}

/** The parts of a planned window the lane transitions look at. */
export interface LaneWindowRef {
  readonly executionName: string;
  /** Stored in the claim, so a run that finds it left behind can describe its holder. */
  readonly executionArn?: string;
  readonly previousWatermark?: string;
  readonly input: {
    /** Decides how long FATALs may pass (`fatalGraceMs`); absent: the default. */
    readonly reportType?: string;
    readonly window: { readonly start: string; readonly end: string };
    /** Absent for snapshots: they ask for the state at the moment of the request. */
    readonly dataEndTime?: string;
  };
}

/**
 * How long a claim blocks other runs: longer than an ingestion execution may run (default timeout
 * 24 h), so only a claim whose fan-out died is ever taken over.
 */
export const DEFAULT_CLAIM_TTL_MS = 48 * HOUR_MS;

/** FATAL results of one window tolerated (over as many runs) before it is skipped. */
export const DEFAULT_MAX_FATAL_ATTEMPTS = 3;

/**
 * How long after its end a window of data may still end FATAL for a reason time cures: Amazon not
 * having the period's data yet (vendor and analytics reports) or an FBA report asked again too soon
 * (SPAPI.md §4.3). Until then FATALs are counted but never skip the window. A report type may wait
 * longer (`fatalGraceHours`: two weeks for analytics, whose data Amazon may take a week to fill).
 */
export const FATAL_MAY_PASS_FOR_MS = 72 * HOUR_MS;

/** The FATAL grace of the window's report type (FATAL_MAY_PASS_FOR_MS unless it sets its own). */
export function fatalGraceMs(reportType: string | undefined): number {
  const hours =
    reportType === undefined
      ? undefined
      : findReportTypeDefinition(reportType)?.window.fatalGraceHours;
  return hours === undefined ? FATAL_MAY_PASS_FOR_MS : hours * HOUR_MS;
}

/**
 * Whether a window's FATAL endings make it one to skip: `maxFatalAttempts` of them, and for a window
 * of data (not a snapshot) the last one at least its type's `fatalGraceMs` after the window's end.
 */
export function fatalWindowToSkip(
  window: LaneWindowRef,
  fatalAttempts: number,
  maxFatalAttempts: number,
  now: number,
): boolean {
  if (fatalAttempts < maxFatalAttempts) return false;
  if (window.input.dataEndTime === undefined) return true;
  return parseInstant(window.input.window.end) + fatalGraceMs(window.input.reportType) <= now;
}

/**
 * A claim whose holder never started its ingestion may be taken over only this long after it was
 * made: until then its fan-out may still be retrying StartExecution (throttled, execution limit).
 */
export const NEVER_STARTED_TAKEOVER_DELAY_MS = HOUR_MS;

/**
 * Why a claim was refused. `holder-window-completed`: taking over found the holder's window
 * ingested and overlapping this one, so it was completed in its place and this plan is stale.
 */
export type ClaimRefusal = 'stale-plan' | 'claimed-by-another-run' | 'holder-window-completed';

/** DescribeExecution statuses of an execution that may still write to the lane. */
const LIVE_EXECUTION_STATUSES: readonly string[] = ['RUNNING', 'PENDING_REDRIVE'];

/** `status` of a holder whose execution does not exist (its fan-out died before starting it). */
export const NOT_STARTED = 'NOT_STARTED';

/** What the fan-out learned of a claim's holder before asking to take the claim over. */
export interface ClaimTakeOver {
  /** The holder's ingestion execution ARN, as the refusal named it. */
  readonly executionArn: string;
  /** Its DescribeExecution `Status`, or NOT_STARTED when it does not exist. */
  readonly status: string;
}

/** What `claimLaneWindow` decided; a refusal may still carry a state to store. */
export type ClaimDecision =
  | { readonly claimed: true; readonly state: LaneState }
  | {
      readonly claimed: false;
      readonly reason: ClaimRefusal;
      /** The live claim's holder ARN, when it has one: the run may describe it and take over. */
      readonly holder?: string;
      readonly state?: LaneState;
    };

/**
 * Claims the window for one run: only when the lane's watermark is still the one the window was
 * planned from, and no other live claim exists (the same execution name may re-claim). A claim
 * younger than `claimTtlMs` is live unless `takeOver` names its very holder, found not running.
 */
export function claimLaneWindow(
  state: LaneState,
  window: LaneWindowRef,
  now: number,
  claimTtlMs = DEFAULT_CLAIM_TTL_MS,
  takeOver?: ClaimTakeOver,
): ClaimDecision {
  if (state.watermark !== window.previousWatermark) return { claimed: false, reason: 'stale-plan' };
  const claim = state.claim;
  const live =
    claim !== undefined &&
    claim.executionName !== window.executionName &&
    parseInstant(claim.claimedAt) + claimTtlMs > now;
  if (live && !mayTakeOver(claim, takeOver, now)) {
    return {
      claimed: false,
      reason: 'claimed-by-another-run',
      ...(claim.executionArn === undefined ? {} : { holder: claim.executionArn }),
    };
  }
  // Rolling and period windows start at the watermark, as the holder's did: ingesting this one
  // after the holder's ended SUCCEEDED would ingest its days twice, so its window is completed.
  if (
    live &&
    takeOver?.status === 'SUCCEEDED' &&
    claim.windowEnd !== undefined &&
    parseInstant(window.input.window.start) < parseInstant(claim.windowEnd)
  ) {
    return {
      claimed: false,
      reason: 'holder-window-completed',
      state: { watermark: claim.windowEnd },
    };
  }
  return {
    claimed: true,
    state: {
      ...state,
      claim: {
        executionName: window.executionName,
        claimedAt: toIsoSeconds(now),
        ...(window.executionArn === undefined ? {} : { executionArn: window.executionArn }),
        windowEnd: window.input.window.end,
      },
    },
  };
}

function mayTakeOver(claim: LaneClaim, takeOver: ClaimTakeOver | undefined, now: number): boolean {
  if (takeOver === undefined || claim.executionArn !== takeOver.executionArn) return false;
  if (LIVE_EXECUTION_STATUSES.includes(takeOver.status)) return false;
  if (takeOver.status !== NOT_STARTED) return true;
  return parseInstant(claim.claimedAt) + NEVER_STARTED_TAKEOVER_DELAY_MS <= now;
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
 * Records a failed attempt of the window (at `now`) and releases the run's claim. `skip` is true
 * once a window has ended FATAL `maxFatalAttempts` times, other failures in between not counted,
 * and no sooner than `fatalWindowToSkip` allows: the caller then completes it (moves past it). Any
 * other failure never skips: the lane waits (and alarms) until the cause is fixed.
 */
export function recordLaneWindowFailure(
  state: LaneState,
  window: LaneWindowRef,
  errorName: string,
  now: number,
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
    skip: fatal && fatalWindowToSkip(window, fatalAttempts, maxFatalAttempts, now),
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
