import type { PayloadTemplate, State, StateMachineDefinition } from './asl';
import { ServiceIntegrationErrorName, StatesErrorName } from './error-names';
import { DEFAULT_MAX_FATAL_ATTEMPTS, NOT_STARTED } from './lane-state';
import {
  lambdaServiceRetrier,
  laneTaskRetry,
  stateAndConfigRetrier,
  startExecutionRetrier,
  transientServiceRetrier,
} from './retry-policies';

/** What the fan-out state machine invokes. */
export interface FanOutResources {
  /** `PlanWindows`: PlanFanOutInput -> PlanFanOutOutput. */
  readonly planWindowsFunctionArn: string;
  /** `ClaimWindow`: ClaimWindowInput -> ClaimWindowOutput. */
  readonly claimWindowFunctionArn: string;
  /** `CompleteWindow`: CompleteWindowInput -> CompleteWindowOutput. */
  readonly completeWindowFunctionArn: string;
  /** `RecordWindowFailure`: RecordWindowFailureInput -> RecordWindowFailureOutput. */
  readonly recordWindowFailureFunctionArn: string;
  /** The report-ingestion state machine (a STANDARD one: `.sync` waits on it). */
  readonly ingestionStateMachineArn: string;
}

/** The fan-out's whole-execution timeout unless configured: a lane of 10 slow windows fits. */
export const DEFAULT_FAN_OUT_TIMEOUT_SECONDS = 7 * 86_400;

/** Tunables of the fan-out state machine. */
export interface FanOutOptions {
  /** Lanes run at once (each lane runs its windows one by one). Default 4. */
  readonly maxConcurrency?: number;
  /** FATAL results of one window before it is skipped. Default DEFAULT_MAX_FATAL_ATTEMPTS. */
  readonly maxFatalAttempts?: number;
  /** Whole-execution timeout. Default DEFAULT_FAN_OUT_TIMEOUT_SECONDS (7 days). */
  readonly executionTimeoutSeconds?: number;
}

/** State names of the fan-out state machine (overrides and tests key on them). */
export const FanOutStateName = {
  PlanWindows: 'PlanWindows',
  RunLanes: 'RunLanes',
  StartLane: 'StartLane',
  NextWindow: 'NextWindow',
  SelectWindow: 'SelectWindow',
  ClaimWindow: 'ClaimWindow',
  WindowClaimed: 'WindowClaimed',
  DescribeClaimHolder: 'DescribeClaimHolder',
  ClaimHolderNotStarted: 'ClaimHolderNotStarted',
  ClaimHolderStatus: 'ClaimHolderStatus',
  TakeOverClaim: 'TakeOverClaim',
  ClaimTakenOver: 'ClaimTakenOver',
  IngestWindow: 'IngestWindow',
  DescribeIngestion: 'DescribeIngestion',
  ExistingIngestionStatus: 'ExistingIngestionStatus',
  AdoptIngestion: 'AdoptIngestion',
  ExistingIngestionFailed: 'ExistingIngestionFailed',
  RecordWindowFailure: 'RecordWindowFailure',
  WindowSkippable: 'WindowSkippable',
  CompleteWindow: 'CompleteWindow',
  AdvanceLane: 'AdvanceLane',
  LaneDone: 'LaneDone',
  LaneNotClaimed: 'LaneNotClaimed',
  LaneBusy: 'LaneBusy',
  LaneBlocked: 'LaneBlocked',
} as const;

const S = FanOutStateName;

/** `states:startExecution` that waits for the child and returns its output as JSON. */
export const START_EXECUTION_SYNC_RESOURCE = 'arn:aws:states:::states:startExecution.sync:2';
/** The Step Functions DescribeExecution SDK integration. */
export const DESCRIBE_EXECUTION_RESOURCE = 'arn:aws:states:::aws-sdk:sfn:describeExecution';

const lanePosition: PayloadTemplate = {
  'lane.$': '$.lane',
  'windows.$': '$.windows',
  'index.$': '$.index',
  'count.$': '$.count',
};

const laneAndWindow: PayloadTemplate = { 'lane.$': '$.lane', 'window.$': '$.window' };

function laneSummary(status: string, extra: PayloadTemplate = {}): State {
  return {
    Type: 'Pass',
    Parameters: {
      'lane.$': '$.lane',
      status,
      'windowsCompleted.$': '$.index',
      'windowsPlanned.$': '$.count',
      ...extra,
    },
    End: true,
  };
}

/**
 * Flow 4: plan the due windows of every (partner, report config, marketplace) lane, then run the
 * lanes in parallel, each lane's windows strictly in order: claim the window, run one ingestion
 * execution, and move the lane's watermark past it before the next. A window that fails stops its
 * lane for this run, so the watermark never moves past a window whose outcome is not recorded.
 */
export function fanOutDefinition(
  resources: FanOutResources,
  options: FanOutOptions = {},
): StateMachineDefinition {
  const laneStates: Record<string, State> = {
    [S.StartLane]: {
      Type: 'Pass',
      Parameters: {
        'lane.$': '$.lane',
        'windows.$': '$.windows',
        index: 0,
        'count.$': 'States.ArrayLength($.windows)',
      },
      Next: S.NextWindow,
    },
    [S.NextWindow]: {
      Type: 'Choice',
      Choices: [{ Variable: '$.index', NumericLessThanPath: '$.count', Next: S.SelectWindow }],
      Default: S.LaneDone,
    },
    [S.SelectWindow]: {
      Type: 'Pass',
      Parameters: { ...lanePosition, 'window.$': 'States.ArrayGetItem($.windows, $.index)' },
      Next: S.ClaimWindow,
    },
    [S.ClaimWindow]: {
      Type: 'Task',
      Comment: "Claims the window if the lane's watermark is still where the plan started it",
      Resource: resources.claimWindowFunctionArn,
      Parameters: laneAndWindow,
      ResultPath: '$.claim',
      Retry: laneTaskRetry,
      Catch: [{ ErrorEquals: [StatesErrorName.All], ResultPath: '$.error', Next: S.LaneBlocked }],
      Next: S.WindowClaimed,
    },
    [S.WindowClaimed]: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.claim.claimed', BooleanEquals: true, Next: S.IngestWindow },
        { Variable: '$.claim.holder', IsPresent: true, Next: S.DescribeClaimHolder },
      ],
      Default: S.LaneNotClaimed,
    },
    // A claim outlives a fan-out that died before completing its window; on a snapshot lane no
    // later run plans that window again, so the claim is taken over once its holder has ended.
    [S.DescribeClaimHolder]: {
      Type: 'Task',
      Comment: 'Another try holds the claim: is its ingestion execution still running?',
      Resource: DESCRIBE_EXECUTION_RESOURCE,
      Parameters: { 'ExecutionArn.$': '$.claim.holder' },
      ResultSelector: { 'Status.$': '$.Status' },
      ResultPath: '$.holder',
      Retry: [startExecutionRetrier],
      Catch: [
        {
          ErrorEquals: [ServiceIntegrationErrorName.SfnExecutionDoesNotExist],
          ResultPath: '$.holder',
          Next: S.ClaimHolderNotStarted,
        },
        { ErrorEquals: [StatesErrorName.All], ResultPath: '$.error', Next: S.LaneBlocked },
      ],
      Next: S.ClaimHolderStatus,
    },
    [S.ClaimHolderNotStarted]: {
      Type: 'Pass',
      Comment: 'Its fan-out died between ClaimWindow and StartExecution',
      Result: { Status: NOT_STARTED },
      ResultPath: '$.holder',
      Next: S.TakeOverClaim,
    },
    [S.ClaimHolderStatus]: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.holder.Status', StringEquals: 'RUNNING', Next: S.LaneBusy },
        { Variable: '$.holder.Status', StringEquals: 'PENDING_REDRIVE', Next: S.LaneBusy },
      ],
      Default: S.TakeOverClaim,
    },
    [S.TakeOverClaim]: {
      Type: 'Task',
      Comment: 'Claims again, replacing the claim only if that holder still has it',
      Resource: resources.claimWindowFunctionArn,
      Parameters: {
        ...laneAndWindow,
        takeOver: { 'executionArn.$': '$.claim.holder', 'status.$': '$.holder.Status' },
      },
      ResultPath: '$.claim',
      Retry: laneTaskRetry,
      Catch: [{ ErrorEquals: [StatesErrorName.All], ResultPath: '$.error', Next: S.LaneBlocked }],
      Next: S.ClaimTakenOver,
    },
    [S.ClaimTakenOver]: {
      Type: 'Choice',
      Comment: 'No second takeover: a claim made since belongs to a live run',
      Choices: [{ Variable: '$.claim.claimed', BooleanEquals: true, Next: S.IngestWindow }],
      Default: S.LaneNotClaimed,
    },
    [S.IngestWindow]: {
      Type: 'Task',
      Comment: 'One ingestion execution, named per (lane, window, attempt), awaited to its end',
      Resource: START_EXECUTION_SYNC_RESOURCE,
      // No AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID in the input: the same try must have the same
      // input in every run, or StartExecution refuses to join a running execution of that name.
      Parameters: {
        StateMachineArn: resources.ingestionStateMachineArn,
        'Name.$': '$.window.executionName',
        'Input.$': '$.window.input',
      },
      ResultSelector: {
        outcome: 'SUCCEEDED',
        'executionArn.$': '$.ExecutionArn',
        'output.$': '$.Output',
      },
      ResultPath: '$.result',
      Retry: [startExecutionRetrier],
      Catch: [
        {
          ErrorEquals: [ServiceIntegrationErrorName.ExecutionAlreadyExists],
          ResultPath: '$.failure',
          Next: S.DescribeIngestion,
        },
        {
          ErrorEquals: [StatesErrorName.All],
          ResultPath: '$.failure',
          Next: S.RecordWindowFailure,
        },
      ],
      Next: S.CompleteWindow,
    },
    [S.DescribeIngestion]: {
      Type: 'Task',
      Comment: 'The name is taken (closed, or running with another input): look at that execution',
      Resource: DESCRIBE_EXECUTION_RESOURCE,
      Parameters: { 'ExecutionArn.$': '$.window.executionArn' },
      ResultPath: '$.existing',
      Retry: [startExecutionRetrier],
      Catch: [
        {
          ErrorEquals: [StatesErrorName.All],
          ResultPath: '$.failure',
          Next: S.RecordWindowFailure,
        },
      ],
      Next: S.ExistingIngestionStatus,
    },
    [S.ExistingIngestionStatus]: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.existing.Status', StringEquals: 'SUCCEEDED', Next: S.AdoptIngestion },
        { Variable: '$.existing.Status', StringEquals: 'RUNNING', Next: S.LaneBusy },
      ],
      Default: S.ExistingIngestionFailed,
    },
    [S.AdoptIngestion]: {
      Type: 'Pass',
      Parameters: { outcome: 'SUCCEEDED', 'executionArn.$': '$.existing.ExecutionArn' },
      ResultPath: '$.result',
      Next: S.CompleteWindow,
    },
    [S.ExistingIngestionFailed]: {
      Type: 'Pass',
      Comment: 'Same shape as a failed startExecution.sync: the description as JSON Cause',
      Parameters: {
        Error: StatesErrorName.TaskFailed,
        'Cause.$': 'States.JsonToString($.existing)',
      },
      ResultPath: '$.failure',
      Next: S.RecordWindowFailure,
    },
    [S.RecordWindowFailure]: {
      Type: 'Task',
      Comment:
        'Counts the failed attempt, releases the claim; skip once a window was FATAL N times',
      Resource: resources.recordWindowFailureFunctionArn,
      Parameters: {
        ...laneAndWindow,
        'failure.$': '$.failure',
        maxFatalAttempts: options.maxFatalAttempts ?? DEFAULT_MAX_FATAL_ATTEMPTS,
      },
      ResultPath: '$.result',
      Retry: laneTaskRetry,
      Catch: [{ ErrorEquals: [StatesErrorName.All], ResultPath: '$.error', Next: S.LaneBlocked }],
      Next: S.WindowSkippable,
    },
    [S.WindowSkippable]: {
      Type: 'Choice',
      Choices: [{ Variable: '$.result.skip', BooleanEquals: true, Next: S.CompleteWindow }],
      Default: S.LaneBlocked,
    },
    [S.CompleteWindow]: {
      Type: 'Task',
      Comment: 'Moves the watermark from the window start to its end (conditional write)',
      Resource: resources.completeWindowFunctionArn,
      Parameters: { ...laneAndWindow, 'result.$': '$.result' },
      ResultPath: '$.watermark',
      Retry: laneTaskRetry,
      Catch: [{ ErrorEquals: [StatesErrorName.All], ResultPath: '$.error', Next: S.LaneBlocked }],
      Next: S.AdvanceLane,
    },
    [S.AdvanceLane]: {
      Type: 'Pass',
      Parameters: { ...lanePosition, 'index.$': 'States.MathAdd($.index, 1)' },
      Next: S.NextWindow,
    },
    [S.LaneDone]: laneSummary('COMPLETED'),
    [S.LaneNotClaimed]: laneSummary('NOT_CLAIMED', { 'reason.$': '$.claim.reason' }),
    [S.LaneBusy]: laneSummary('BUSY'),
    [S.LaneBlocked]: laneSummary('BLOCKED'),
  };

  return {
    Comment: 'spapi-lake fan-out: due windows of every lane, each lane in order',
    StartAt: S.PlanWindows,
    TimeoutSeconds: options.executionTimeoutSeconds ?? DEFAULT_FAN_OUT_TIMEOUT_SECONDS,
    States: {
      [S.PlanWindows]: {
        Type: 'Task',
        Comment: 'Accounts x report configs from SSM, lane states from the store -> due windows',
        Resource: resources.planWindowsFunctionArn,
        Parameters: {
          'now.$': '$$.Execution.StartTime',
          ingestionStateMachineArn: resources.ingestionStateMachineArn,
          'request.$': '$',
        },
        ResultSelector: { 'lanes.$': '$.lanes' },
        Retry: [transientServiceRetrier, stateAndConfigRetrier, lambdaServiceRetrier],
        Next: S.RunLanes,
      },
      [S.RunLanes]: {
        Type: 'Map',
        ItemsPath: '$.lanes',
        MaxConcurrency: options.maxConcurrency ?? 4,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: S.StartLane,
          States: laneStates,
        },
        End: true,
      },
    },
  };
}
