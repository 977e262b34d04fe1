import {
  type ReportCreatorHandlers,
  createClaimWindowHandler,
  createCompleteWindowHandler,
  createCreateReportHandler,
  createPlanWindowsHandler,
  createRecordWindowFailureHandler,
} from '@spapi-lake/report-creator-handlers';
import {
  CreateReportEnvironment,
  LaneEnvironment,
  PlanWindowsEnvironment,
  loadConfig,
} from './config';
import {
  createReportDependencies,
  laneDependencies,
  planWindowsDependencies,
} from './dependencies';

type Env = Readonly<Record<string, string | undefined>>;

/** Builders of each handler from an environment (the Lambda runtime's, or a test's). */
export const handlerBuilders: {
  readonly [Name in keyof ReportCreatorHandlers]: (env: Env) => ReportCreatorHandlers[Name];
} = {
  createReport: (env) =>
    createCreateReportHandler(createReportDependencies(loadConfig(CreateReportEnvironment, env))),
  planWindows: (env) =>
    createPlanWindowsHandler(planWindowsDependencies(loadConfig(PlanWindowsEnvironment, env))),
  claimWindow: (env) =>
    createClaimWindowHandler(laneDependencies(loadConfig(LaneEnvironment, env))),
  completeWindow: (env) =>
    createCompleteWindowHandler(laneDependencies(loadConfig(LaneEnvironment, env))),
  recordWindowFailure: (env) =>
    createRecordWindowFailureHandler(laneDependencies(loadConfig(LaneEnvironment, env))),
};

/** A handler built once per container, on its first invocation (never at import time). */
function lambda<Name extends keyof ReportCreatorHandlers>(name: Name) {
  let built: ((event: unknown) => Promise<unknown>) | undefined;
  return async (event: unknown): Promise<unknown> => {
    built ??= handlerBuilders[name](process.env);
    return built(event);
  };
}

/** Ingestion state machine, `CreateReport` (handler `main.createReport`). */
export const createReport = lambda('createReport');
/** Fan-out state machine, `PlanWindows` (handler `main.planWindows`). */
export const planWindows = lambda('planWindows');
/** Fan-out state machine, `ClaimWindow` (handler `main.claimWindow`). */
export const claimWindow = lambda('claimWindow');
/** Fan-out state machine, `CompleteWindow` (handler `main.completeWindow`). */
export const completeWindow = lambda('completeWindow');
/** Fan-out state machine, `RecordWindowFailure` (handler `main.recordWindowFailure`). */
export const recordWindowFailure = lambda('recordWindowFailure');
