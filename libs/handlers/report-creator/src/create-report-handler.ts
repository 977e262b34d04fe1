import type { CreateReportOutput } from '@spapi-lake/workflows';
import type { HandlerLogger } from './handler-logger';
import { runTask } from './run-task';
import { reportIngestionInputSchema } from './task-input-schemas';
import { type CreateReportDeps, createReportForWindow } from './use-cases/create-report-for-window';

/** What the CreateReport handler runs on. */
export interface CreateReportHandlerDeps extends CreateReportDeps {
  readonly logger: HandlerLogger;
}

/**
 * `CreateReport` of the ingestion state machine: ReportIngestionInput -> `{ reportId }`. SP-API
 * errors keep their names (SpApiQuotaExceededError, SpApiServerError, ...) for the Task's Retry; a
 * request the report type would end FATAL is a WindowPlanningError before any call, and one that
 * starts beyond the type's lookback (Amazon would cancel it) a WindowBeyondLookbackError.
 */
export function createCreateReportHandler(
  deps: CreateReportHandlerDeps,
): (event: unknown) => Promise<CreateReportOutput> {
  return runTask(deps.logger, {
    task: 'CreateReport',
    schema: reportIngestionInputSchema,
    keys: (input) => ({
      sellingPartnerId: input.sellingPartnerId,
      region: input.region,
      reportConfigId: input.reportConfigId,
      reportType: input.reportType,
      marketplaceId: input.marketplaceIds[0],
      windowStart: input.window.start,
      windowEnd: input.window.end,
      attempt: input.attempt,
    }),
    run: async (input) => {
      const { reportId, outcome } = await createReportForWindow(deps, input);
      return { result: { reportId }, log: { reportId, outcome } };
    },
  });
}
