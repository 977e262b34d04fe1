import type { RetrieveReportOutput } from '@spapi-lake/workflows';
import type { ReportRetrieverDependencies } from './report-retriever-dependencies';
import { runTask } from './run-task';
import { parseTaskInput, placementOf, retrieveReportInputSchema } from './task-inputs';
import { ingestDoneReport } from './use-cases/ingest-done-report';

/** What `RetrieveReport` returns at `$.retrieval`. */
export interface RetrieveReportTaskOutput extends RetrieveReportOutput {
  /** One Glue crawler per curated dataset this report wrote rows to. */
  readonly crawlerNames: readonly string[];
  readonly manifestKey: string;
  /** Curated rows over all datasets. */
  readonly rows: number;
  readonly quarantinedRows: number;
}

/** What the handler reads of the Lambda context: how long the invocation may still run. */
export interface InvocationTime {
  getRemainingTimeInMillis(): number;
}

/**
 * Curation stops this long before the invocation would be killed, so that the rest of the download
 * still reaches the raw copy and the uncurated-report record is written (CurationOutOfTimeError).
 */
export const CURATION_TIME_RESERVE_MS = 120_000;

/** `RetrieveReport` task handler; without a context (tests, `npm start`) curation has no limit. */
export type RetrieveReportHandler = (
  event: unknown,
  context?: InvocationTime,
) => Promise<RetrieveReportTaskOutput>;

/**
 * Builds the `RetrieveReport` handler: the whole ingestion state in (a DONE report), the raw copy,
 * curated Parquet, manifest and DONE ledger entry written, the crawlers to start out. A state
 * without window and marketplace (the retrieval state machine's, settlements) is placed by
 * getReport.
 */
export function createRetrieveReportHandler(
  deps: ReportRetrieverDependencies,
): RetrieveReportHandler {
  return async (event, context) => {
    const state = parseTaskInput(retrieveReportInputSchema, event, 'RetrieveReport');
    const timeLimit =
      context === undefined
        ? undefined
        : AbortSignal.timeout(
            Math.max(0, context.getRemainingTimeInMillis() - CURATION_TIME_RESERVE_MS),
          );
    const { reportId } = state.report;
    return runTask(
      deps.logger,
      { task: 'RetrieveReport', sellingPartnerId: state.sellingPartnerId, reportId },
      async () => {
        const result = await ingestDoneReport(
          { ...deps, reports: deps.reportsFor(state) },
          {
            sellingPartnerId: state.sellingPartnerId,
            reportId,
            reportType: state.reportType,
            placement: placementOf(state),
            ...(timeLimit === undefined ? {} : { timeLimit }),
          },
        );
        if (result.landedThrough !== undefined) {
          deps.logger.warn('window already landed through another report: not retrieved', {
            landedThrough: result.landedThrough,
          });
        }
        const { manifest } = result;
        const written = manifest.datasets.filter((dataset) => dataset.rows > 0);
        const output = {
          crawlerNames: written.map((dataset) => `${deps.crawlerNamePrefix}${dataset.dataset}`),
          manifestKey: result.manifestKey,
          rows: written.reduce((sum, dataset) => sum + dataset.rows, 0),
          quarantinedRows: manifest.quarantinedRows,
        };
        deps.logger.info('report ingested', {
          alreadyIngested: result.alreadyIngested,
          rows: output.rows,
          quarantinedRows: output.quarantinedRows,
          datasets: written.map((dataset) => dataset.dataset),
        });
        return output;
      },
    );
  };
}
