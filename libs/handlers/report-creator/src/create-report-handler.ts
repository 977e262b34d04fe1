import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import type { CreateReportOutput } from '@spapi-lake/workflows';
import type { HandlerLogger } from './handler-logger';
import { runTask } from './run-task';
import { reportIngestionInputSchema } from './task-input-schemas';
import {
  AbandonedReportAction,
  type CreateReportDeps,
  type CreateReportInput,
  createReportForWindow,
} from './use-cases/create-report-for-window';

/** What the CreateReport handler runs on. */
export interface CreateReportHandlerDeps extends CreateReportDeps {
  readonly logger: HandlerLogger;
}

function keysOf(input: CreateReportInput): LogAttributes {
  return {
    sellingPartnerId: input.sellingPartnerId,
    region: input.region,
    reportConfigId: input.reportConfigId,
    reportType: input.reportType,
    marketplaceId: input.marketplaceIds[0],
    windowStart: input.window.start,
    windowEnd: input.window.end,
    attempt: input.attempt,
  };
}

/**
 * `CreateReport` of the ingestion state machine: ReportIngestionInput -> `{ reportId, done? }`
 * (`done`: a reused report is DONE already, so the execution reads its status at once). SP-API
 * errors keep their names (SpApiQuotaExceededError, SpApiServerError, ...) for the Task's Retry; a
 * request the report type would end FATAL is a WindowPlanningError before any call, and one that
 * starts beyond the type's lookback (Amazon would cancel it) a WindowBeyondLookbackError. A stuck
 * report replaced by a new one is named in the entry; a failure to cancel it is logged as a warning.
 */
export function createCreateReportHandler(
  deps: CreateReportHandlerDeps,
): (event: unknown) => Promise<CreateReportOutput> {
  return runTask(deps.logger, {
    task: 'CreateReport',
    schema: reportIngestionInputSchema,
    keys: keysOf,
    run: async (input) => {
      const { reportId, outcome, done, abandoned } = await createReportForWindow(deps, input);
      if (abandoned?.action === AbandonedReportAction.CANCEL_FAILED) {
        deps.logger.warn('abandoned report not cancelled: the new report is created anyway', {
          ...keysOf(input),
          abandonedReportId: abandoned.reportId,
          error: abandoned.cancelError,
        });
      }
      return {
        result: done === true ? { reportId, done } : { reportId },
        log: {
          reportId,
          outcome,
          ...(abandoned === undefined
            ? {}
            : {
                abandonedReportId: abandoned.reportId,
                abandonedReportStatus: abandoned.processingStatus,
                abandonedReportAction: abandoned.action,
              }),
        },
      };
    },
  });
}
