import type { ReportRetrieverDependencies } from './report-retriever-dependencies';
import { runTask } from './run-task';
import { parseTaskInput, placementOf, recordOutcomeInputSchema } from './task-inputs';
import { recordReportOutcome } from './use-cases/record-report-outcome';
import { placeReportFromGetReport } from './use-cases/report-placement';

/** What `RecordNoData` / `RecordFailure` return (the state machine ignores it). */
export interface RecordOutcomeTaskOutput {
  readonly outcome: 'CANCELLED' | 'FAILED';
  readonly ledgerKey?: string;
  readonly written: boolean;
  /** Why a settlement's failure could not be placed in the ledger (getReport failed too). */
  readonly unplaced?: string;
}

/** `RecordNoData` and `RecordFailure` task handler. */
export type RecordOutcomeHandler = (event: unknown) => Promise<RecordOutcomeTaskOutput>;

/**
 * Builds the handler of `RecordNoData` (CANCELLED: Amazon had no data) and `RecordFailure`
 * (FAILED: the execution's error goes into the ledger's reason, see recordReportOutcome). A failed
 * settlement retrieval is placed by getReport, the partner's Reports API.
 */
export function createRecordOutcomeHandler(
  deps: Pick<ReportRetrieverDependencies, 'reportsFor' | 'store' | 'clock' | 'logger'>,
): RecordOutcomeHandler {
  return async (event) => {
    const { outcome, ingestion } = parseTaskInput(recordOutcomeInputSchema, event, 'RecordOutcome');
    const reportId = ingestion.report?.reportId;
    return runTask(
      deps.logger,
      { task: 'RecordOutcome', sellingPartnerId: ingestion.sellingPartnerId, reportId },
      async () => {
        const result = await recordReportOutcome(deps, {
          outcome,
          sellingPartnerId: ingestion.sellingPartnerId,
          reportType: ingestion.reportType,
          ...(reportId === undefined ? {} : { reportId }),
          placement: placementOf(ingestion),
          placeReport: (id) => placeReportFromGetReport(deps.reportsFor(ingestion), id),
          ...(ingestion.error === undefined ? {} : { error: ingestion.error }),
        });
        deps.logger.info('window outcome recorded', {
          outcome,
          written: result.written,
          ...(outcome === 'FAILED' ? { errorName: ingestion.error?.Error } : {}),
          ...(result.unplaced === undefined ? {} : { unplaced: result.unplaced }),
        });
        return { outcome, ...result };
      },
    );
  };
}
