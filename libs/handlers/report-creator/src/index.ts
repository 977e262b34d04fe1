export { type CreateReportHandlerDeps, createCreateReportHandler } from './create-report-handler';
export { type PlanWindowsHandlerDeps, createPlanWindowsHandler } from './plan-windows-handler';
export {
  type LaneHandlerDeps,
  createClaimWindowHandler,
  createCompleteWindowHandler,
  createRecordWindowFailureHandler,
} from './lane-handlers';
export {
  type ReportCreatorDependencies,
  type ReportCreatorHandlers,
  createReportCreatorHandlers,
} from './report-creator-handlers';
export type { HandlerLogger } from './handler-logger';
export {
  ConfigParameterUnavailableError,
  StateStoreContentionError,
  StateStoreRequestError,
  StateStoreUnavailableError,
  TaskInputError,
  WindowBeyondLookbackError,
} from './errors';
export type { PutOptions, VersionedRecord, VersionedStore } from './versioned-store';
export { type LaneStateStore, laneStateSchema } from './lane-state-store';
export {
  type ReportRequestEntry,
  type ReportRequestSlot,
  type ReportRequestStore,
  reportRequestSlotSchema,
} from './report-request-store';
export { type UncuratedReportLookup, lakeUncuratedReports } from './uncurated-report-lookup';
export {
  DynamoDbVersionedStore,
  type DynamoDbVersionedStoreOptions,
} from './dynamodb-versioned-store';
export { DynamoDbLaneStateStore, LANE_KEY_PREFIX } from './dynamodb-lane-state-store';
export {
  DynamoDbReportRequestStore,
  REPORT_REQUEST_KEY_PREFIX,
} from './dynamodb-report-request-store';
export { LocalFileVersionedStore } from './local-file-versioned-store';
export { LocalFileLaneStateStore } from './local-file-lane-state-store';
export { LocalFileReportRequestStore } from './local-file-report-request-store';
export { localReportCreatorStores } from './local-report-creator-stores';
export type { ParameterSource } from './parameter-source';
export {
  PowertoolsSsmParameterSource,
  type PowertoolsSsmParameterSourceOptions,
} from './powertools-ssm-parameter-source';
export { LocalFileParameterSource } from './local-file-parameter-source';
export { InMemoryParameterSource } from './in-memory-parameter-source';
export { type PipelineConfig, loadEndpoints, loadPipelineConfig } from './pipeline-config';
export type { PartnerRef, ReportCreationApi, ReportCreationApiFor } from './report-creation-api';
export { type SpApiClientsOptions, spApiClientsFor } from './sp-api-clients';
export {
  type AbandonedReport,
  AbandonedReportAction,
  type CreateReportDeps,
  type CreateReportInput,
  type CreateReportOutcome,
  type CreateReportResult,
  DEFAULT_REUSE_DONE_WITHIN_MS,
  DEFAULT_REUSE_UNCURATED_WITHIN_MS,
  DEFAULT_REUSE_IN_FLIGHT_WITHIN_MS,
  createReportForWindow,
} from './use-cases/create-report-for-window';
export {
  type BeyondLookbackSkip,
  type FanOutPlan,
  type FanOutPlanResult,
  MAX_REPORTED_ENTRIES,
  type PlanFanOutDeps,
  type PlanProblem,
  fanOutPlanResult,
  planFanOut,
} from './use-cases/plan-fan-out';
export { claimWindow } from './use-cases/claim-window';
export { completeWindow } from './use-cases/complete-window';
export { recordWindowFailure } from './use-cases/record-window-failure';
export type { LaneTransitionDeps } from './use-cases/lane-transition-deps';
export { checkReportRequest } from './use-cases/check-report-request';
export {
  type ReportRequestIdentity,
  reportRequestIdentity,
} from './use-cases/report-request-identity';
