import type { ConfigParameterNames } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import type { ReportTypeDefinition } from '@spapi-lake/reports';
import type {
  ClaimWindowOutput,
  CompleteWindowOutput,
  CreateReportOutput,
  RecordWindowFailureOutput,
} from '@spapi-lake/workflows';
import { createCreateReportHandler } from './create-report-handler';
import type { HandlerLogger } from './handler-logger';
import {
  createClaimWindowHandler,
  createCompleteWindowHandler,
  createRecordWindowFailureHandler,
} from './lane-handlers';
import type { LaneStateStore } from './lane-state-store';
import type { ParameterSource } from './parameter-source';
import { createPlanWindowsHandler } from './plan-windows-handler';
import type { ReportCreationApiFor } from './report-creation-api';
import type { ReportRequestStore } from './report-request-store';
import type { UncuratedReportLookup } from './uncurated-report-lookup';
import type { FanOutPlan } from './use-cases/plan-fan-out';

/** Everything report-creator's handlers run on; the AWS app and the local runner each build one. */
export interface ReportCreatorDependencies {
  readonly logger: HandlerLogger;
  readonly clock: Clock;
  /** Accounts, report configs and endpoints (SSM through Powertools on AWS, files locally). */
  readonly parameters: ParameterSource;
  readonly parameterNames: ConfigParameterNames;
  readonly lanes: LaneStateStore;
  readonly requests: ReportRequestStore;
  readonly reportsApiFor: ReportCreationApiFor;
  /** The lake's uncurated-report records (see CreateReportDeps.uncuratedReports). */
  readonly uncuratedReports: UncuratedReportLookup;
  readonly definitionOf?: (reportType: string) => ReportTypeDefinition;
  readonly maxWindowsPerRun?: number;
  readonly maxPlanBytes?: number;
  readonly claimTtlMs?: number;
  readonly reuseDoneWithinMs?: number;
  readonly reuseInFlightWithinMs?: number;
}

/** report-creator's Lambda handlers, by the name each is exported under from the app's main.ts. */
export interface ReportCreatorHandlers {
  /** Ingestion state machine, `CreateReport`. */
  readonly createReport: (event: unknown) => Promise<CreateReportOutput>;
  /** Fan-out state machine, `PlanWindows`. */
  readonly planWindows: (event: unknown) => Promise<FanOutPlan>;
  /** Fan-out state machine, `ClaimWindow`. */
  readonly claimWindow: (event: unknown) => Promise<ClaimWindowOutput>;
  /** Fan-out state machine, `CompleteWindow`. */
  readonly completeWindow: (event: unknown) => Promise<CompleteWindowOutput>;
  /** Fan-out state machine, `RecordWindowFailure`. */
  readonly recordWindowFailure: (event: unknown) => Promise<RecordWindowFailureOutput>;
}

/** Builds all five handlers over one set of dependencies. */
export function createReportCreatorHandlers(
  deps: ReportCreatorDependencies,
): ReportCreatorHandlers {
  return {
    createReport: createCreateReportHandler(deps),
    planWindows: createPlanWindowsHandler(deps),
    claimWindow: createClaimWindowHandler(deps),
    completeWindow: createCompleteWindowHandler(deps),
    recordWindowFailure: createRecordWindowFailureHandler(deps),
  };
}
