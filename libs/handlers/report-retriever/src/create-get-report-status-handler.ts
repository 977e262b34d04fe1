import { type ReportStatusResult, nextPollDelaySeconds } from '@spapi-lake/workflows';
import type { ReportRetrieverDependencies } from './report-retriever-dependencies';
import { runTask } from './run-task';
import { getReportStatusInputSchema, parseTaskInput } from './task-inputs';

/** `GetReport` task: getReport, then the status, the poll count and the wait before the next poll. */
export type GetReportStatusHandler = (event: unknown) => Promise<ReportStatusResult>;

/** Builds the `GetReport` handler (workflows' `GetReportStatusInput` -> `ReportStatusResult`). */
export function createGetReportStatusHandler(
  deps: Pick<ReportRetrieverDependencies, 'reportsFor' | 'logger'>,
): GetReportStatusHandler {
  return async (event) => {
    const input = parseTaskInput(getReportStatusInputSchema, event, 'GetReport');
    return runTask(
      deps.logger,
      { task: 'GetReport', sellingPartnerId: input.sellingPartnerId, reportId: input.reportId },
      async () => {
        const report = await deps.reportsFor(input).getReport(input.reportId);
        const pollCount = input.pollCount + 1;
        deps.logger.info('report status', { processingStatus: report.processingStatus, pollCount });
        return {
          processingStatus: report.processingStatus,
          ...(report.reportDocumentId === undefined
            ? {}
            : { reportDocumentId: report.reportDocumentId }),
          pollCount,
          waitSeconds: nextPollDelaySeconds(pollCount, input.maxWaitSeconds),
        };
      },
    );
  };
}
