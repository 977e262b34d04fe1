import {
  createGetReportStatusHandler,
  createRecordFatalHandler,
  createRecordOutcomeHandler,
  createRetrieveReportHandler,
} from '@spapi-lake/report-retriever-handlers';
import { loadConfig } from './config';
import {
  getReportStatusDependencies,
  recordFatalDependencies,
  recordOutcomeDependencies,
  retrieveReportDependencies,
} from './dependencies';

/** The Lambda context, as far as the handlers read it. */
interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

type Handler<R> = (event: unknown, context?: LambdaContext) => Promise<R>;

// Each handler is built on its first invocation (never at import time), once per container; a
// failed cold start (SSM briefly unavailable) is not cached.
function builtOnce<R>(build: () => Promise<Handler<R>>): Handler<R> {
  let built: Promise<Handler<R>> | undefined;
  return async (event, context) => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return (await built)(event, context);
  };
}

/** Ingestion state machine, `GetReport` (handler `main.getReportStatus`). */
export const getReportStatus = builtOnce(async () =>
  createGetReportStatusHandler(
    await getReportStatusDependencies(loadConfig.getReportStatus(process.env)),
  ),
);

/** Ingestion state machine, `RetrieveReport` (handler `main.retrieveReport`). */
export const retrieveReport = builtOnce(async () =>
  createRetrieveReportHandler(
    await retrieveReportDependencies(loadConfig.retrieveReport(process.env)),
  ),
);

/** Ingestion state machine, `RecordFatal` (handler `main.recordFatal`). */
export const recordFatal = builtOnce(async () =>
  createRecordFatalHandler(await recordFatalDependencies(loadConfig.recordFatal(process.env))),
);

/** Ingestion state machine, `RecordNoData` and `RecordFailure` (handler `main.recordOutcome`). */
export const recordOutcome = builtOnce(async () =>
  createRecordOutcomeHandler(
    await recordOutcomeDependencies(loadConfig.recordOutcome(process.env)),
  ),
);
