/**
 * The data contract of the fan-out state machine: what the planning and lane-ledger Lambdas receive
 * and must return.
 */
import type { JsonValue } from './asl';
import type { ReportIngestionInput, TaskError } from './report-ingestion-contract';

/** One lane: the unit that owns a watermark. */
export interface LaneRef {
  /** `laneKey(...)`: `<sellingPartnerId>#<region>#<reportConfigId>#<marketplaceId>`. */
  readonly key: string;
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly reportConfigId: string;
  readonly reportType: string;
  readonly marketplaceId: string;
}

/** One planned window, ready to start as an ingestion execution. */
export interface FanOutWindow {
  /** Deterministic per (lane, window, attempt): a second run starting it joins or finds the first. */
  readonly executionName: string;
  /** The execution's ARN (for DescribeExecution when the name is already taken). */
  readonly executionArn: string;
  /** The lane watermark the window continues from (absent for a lane's first window). */
  readonly previousWatermark?: string;
  /** The ingestion execution input. */
  readonly input: ReportIngestionInput;
}

/** The windows of one lane, in order: the lane runs them one after the other. */
export interface FanOutLane {
  readonly lane: LaneRef;
  readonly windows: readonly FanOutWindow[];
}

/**
 * The fan-out execution input. EventBridge Scheduler sets `scheduledTime` to
 * `<aws.scheduler.scheduled-time>`; the local runner sets it from its clock.
 */
export interface FanOutRequest {
  /** The instant the plan is made for (ISO 8601); default: the execution's start time. */
  readonly scheduledTime?: string;
  /** Only these partners (one schedule per partner group keeps the plan under 256 KB). */
  readonly sellingPartnerIds?: readonly string[];
  /** Only these report configs. */
  readonly reportConfigIds?: readonly string[];
  readonly [key: string]: JsonValue | undefined;
}

/** `PlanWindows` input: plan as of `planningTime(input)`. */
export interface PlanFanOutInput {
  /** The fan-out execution's start time (`$$.Execution.StartTime`). */
  readonly now: string;
  readonly ingestionStateMachineArn: string;
  /** The fan-out execution input, passed through. */
  readonly request: FanOutRequest;
}

/** `PlanWindows` output. */
export interface PlanFanOutOutput {
  readonly lanes: readonly FanOutLane[];
}

/** `ClaimWindow` input (`claimLaneWindow`). */
export interface ClaimWindowInput {
  readonly lane: LaneRef;
  readonly window: FanOutWindow;
  /** Set by `TakeOverClaim`: the refused claim's holder, described as not running. */
  readonly takeOver?: {
    readonly executionArn: string;
    /** Its DescribeExecution `Status`, or `NOT_STARTED` when it does not exist. */
    readonly status: string;
  };
}

/** `ClaimWindow` output; `reason` is set when not claimed. */
export interface ClaimWindowOutput {
  readonly claimed: boolean;
  readonly reason?: string;
  /** With `claimed-by-another-run`: the live claim's ingestion execution ARN (newer claims only). */
  readonly holder?: string;
}

/** How a window ended, as `CompleteWindow` receives it. */
export interface WindowResult {
  readonly outcome: 'SUCCEEDED' | 'SKIPPED';
  readonly executionArn?: string;
  readonly reason?: string;
  readonly [detail: string]: JsonValue | undefined;
}

/** `CompleteWindow` input (`completeLaneWindow`). */
export interface CompleteWindowInput {
  readonly lane: LaneRef;
  readonly window: FanOutWindow;
  readonly result: WindowResult;
}

/** `CompleteWindow` output: the lane's new watermark. */
export interface CompleteWindowOutput {
  readonly watermark: string;
}

/** `RecordWindowFailure` input (`recordLaneWindowFailure` + `childExecutionError`). */
export interface RecordWindowFailureInput {
  readonly lane: LaneRef;
  readonly window: FanOutWindow;
  /** As caught: `States.TaskFailed` with the child's DescribeExecution JSON as Cause, or a Lambda error. */
  readonly failure: TaskError;
  readonly maxFatalAttempts: number;
}

/** `RecordWindowFailure` output: with `skip` true the lane completes the window and moves on. */
export interface RecordWindowFailureOutput {
  readonly skip: boolean;
  readonly outcome: 'SKIPPED' | 'BLOCKED';
  readonly errorName: string;
  readonly attempts: number;
  readonly reason?: string;
}

/** How one lane's run ended (the fan-out execution's output is the list of these). */
export interface LaneRunSummary {
  readonly lane: LaneRef;
  readonly status: 'COMPLETED' | 'NOT_CLAIMED' | 'BUSY' | 'BLOCKED';
  readonly windowsCompleted: number;
  readonly windowsPlanned: number;
  readonly reason?: string;
}
