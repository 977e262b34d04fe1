export type {
  Catcher,
  ChoiceRule,
  JsonValue,
  PayloadTemplate,
  Retrier,
  State,
  StateMachineDefinition,
} from './asl';
export {
  LambdaErrorName,
  ServiceIntegrationErrorName,
  StatesErrorName,
  TransientErrorName,
  WorkflowErrorName,
} from './error-names';
export { WatermarkConflictError, WindowPlanningError } from './errors';
export {
  dateGranularityPeriod,
  isReportPeriod,
  nextPeriodStart,
  periodStart,
} from './report-period';
export type { ReportWindow } from './report-window';
export {
  DEFAULT_MAX_WINDOWS_PER_RUN,
  LOOKBACK_SAFETY_DAYS,
  planWindows,
  type BeyondLookback,
  type PlanWindowsInput,
  type WindowPlan,
} from './plan-windows';
export {
  planLanes,
  type LaneBeyondLookback,
  type LanePlan,
  type PlanLanesInput,
} from './plan-lanes';
export { DEFAULT_MAX_PLAN_BYTES, limitPlanSize } from './limit-plan-size';
export { planningTime } from './planning-time';
export {
  DEFAULT_CLAIM_TTL_MS,
  DEFAULT_MAX_FATAL_ATTEMPTS,
  FATAL_MAY_PASS_FOR_MS,
  fatalWindowToSkip,
  NEVER_STARTED_TAKEOVER_DELAY_MS,
  NOT_STARTED,
  claimLaneWindow,
  completeLaneWindow,
  fatalAttemptsOf,
  recordLaneWindowFailure,
  windowAttempt,
  type ClaimDecision,
  type ClaimRefusal,
  type ClaimTakeOver,
  type LaneClaim,
  type LaneState,
  type LaneWindowRef,
} from './lane-state';
export {
  ingestionExecutionArn,
  ingestionExecutionName,
  laneKey,
  laneOf,
  toFanOutWindow,
  type FanOutWindowInput,
} from './ingestion-execution';
export { childExecutionError, type ChildExecutionError } from './child-execution-error';
export { DEFAULT_FIRST_POLL_DELAY_SECONDS, nextPollDelaySeconds } from './poll-delay';
export {
  IngestionOutcome,
  ProcessingStatus,
  type CrawlerStartResult,
  type CreateReportOutput,
  type GetReportStatusInput,
  type RecordFatalOutput,
  type RecordOutcomeInput,
  type RegisterReportWaiterInput,
  type ReportIngestionInput,
  type ReportIngestionOutput,
  type ReportIngestionState,
  type ReportStatusResult,
  type RetrieveReportOutput,
  type TaskError,
  type TerminalProcessingStatus,
} from './report-ingestion-contract';
export type {
  ClaimWindowInput,
  ClaimWindowOutput,
  CompleteWindowInput,
  CompleteWindowOutput,
  FanOutLane,
  FanOutRequest,
  FanOutWindow,
  LaneRef,
  LaneRunSummary,
  PlanFanOutInput,
  PlanFanOutOutput,
  RecordWindowFailureInput,
  RecordWindowFailureOutput,
  WindowResult,
} from './fan-out-contract';
export {
  IngestionStateName,
  LAMBDA_WAIT_FOR_TASK_TOKEN_RESOURCE,
  START_CRAWLER_RESOURCE,
  reportIngestionDefinition,
  type ReportIngestionOptions,
  type ReportIngestionResources,
} from './report-ingestion-definition';
export {
  DESCRIBE_EXECUTION_RESOURCE,
  FanOutStateName,
  START_EXECUTION_SYNC_RESOURCE,
  fanOutDefinition,
  type FanOutOptions,
  type FanOutResources,
} from './fan-out-definition';
export {
  glueRetrier,
  lambdaServiceRetrier,
  laneTaskRetry,
  reportDocumentRetrier,
  reportRetrievalInProgressRetrier,
  spApiQuotaRetrier,
  spApiTaskRetry,
  stateAndConfigRetrier,
  startExecutionRetrier,
  transientServiceRetrier,
} from './retry-policies';
export * from './catalog-refresh-definition';
export * from './report-retrieval-contract';
export * from './report-retrieval-definition';
