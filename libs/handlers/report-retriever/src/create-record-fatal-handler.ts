import type { RecordFatalOutput } from '@spapi-lake/workflows';
import type { ReportRetrieverDependencies } from './report-retriever-dependencies';
import { runTask } from './run-task';
import { parseTaskInput, recordFatalInputSchema } from './task-inputs';
import { recordFatalReport } from './use-cases/record-fatal-report';

/** What `RecordFatal` returns at `$.fatal`: the reason becomes the Fail state's Cause. */
export interface RecordFatalTaskOutput extends RecordFatalOutput {
  readonly reason: string;
  readonly errorDocumentKey?: string;
  readonly ledgerKey: string;
}

/** `RecordFatal` task handler. */
export type RecordFatalHandler = (event: unknown) => Promise<RecordFatalTaskOutput>;

/**
 * Builds the `RecordFatal` handler: keeps the FATAL report's error document, writes the FATAL
 * ledger entry and returns the reason from the document's `errorDetails`.
 */
export function createRecordFatalHandler(
  deps: Pick<
    ReportRetrieverDependencies,
    'reportsFor' | 'documents' | 'store' | 'clock' | 'logger'
  >,
): RecordFatalHandler {
  return async (event) => {
    const { ingestion } = parseTaskInput(recordFatalInputSchema, event, 'RecordFatal');
    const { reportId } = ingestion.report;
    return runTask(
      deps.logger,
      { task: 'RecordFatal', sellingPartnerId: ingestion.sellingPartnerId, reportId },
      async () => {
        const result = await recordFatalReport(
          { ...deps, reports: deps.reportsFor(ingestion) },
          {
            sellingPartnerId: ingestion.sellingPartnerId,
            reportType: ingestion.reportType,
            reportId,
            ...(ingestion.status?.reportDocumentId === undefined
              ? {}
              : { reportDocumentId: ingestion.status.reportDocumentId }),
            placement: {
              reportConfigId: ingestion.reportConfigId,
              marketplaceIds: ingestion.marketplaceIds,
              window: { start: ingestion.window.start, end: ingestion.window.end },
            },
          },
        );
        deps.logger.info('report FATAL recorded', {
          errorDocumentStored: result.errorDocumentKey !== undefined,
        });
        return { ...result };
      },
    );
  };
}
