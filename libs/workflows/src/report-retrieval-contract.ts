/**
 * The data contract of the report-retrieval state machine: the retrieval of a DONE report no
 * ingestion execution waits for (Amazon-generated types such as settlements), started by the
 * notification consumer (or the settlement sweep) named per partner and report.
 */
import type {
  CrawlerStartResult,
  RetrieveReportOutput,
  TaskError,
} from './report-ingestion-contract';

/**
 * Execution input, exactly what the notification consumer's retrieval starter sends
 * (notification-subscriber `UnsolicitedReportRetrieval`). `report` and `status` have the shape of
 * `ReportIngestionState`'s; there is no `window` and no `marketplaceIds`: the notification carries
 * neither, so RetrieveReport must take them from the report itself (getReport).
 */
export interface ReportRetrievalInput {
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly reportType: string;
  readonly report: { readonly reportId: string };
  readonly status: { readonly processingStatus: 'DONE'; readonly reportDocumentId: string };
  /** The REPORT_PROCESSING_FINISHED notification that started the retrieval (lineage only). */
  readonly notificationId: string;
}

/** The execution state as it grows: the input plus each step's result. */
export interface ReportRetrievalState extends ReportRetrievalInput {
  readonly retrieval?: RetrieveReportOutput;
  readonly crawlers?: readonly CrawlerStartResult[];
  /** The error that failed the execution (RecordFailure input, as `ingestion.error`). */
  readonly error?: TaskError;
}

/** Output of a succeeded retrieval execution. */
export interface ReportRetrievalOutput {
  readonly outcome: 'DONE';
  readonly sellingPartnerId: string;
  readonly reportType: string;
  readonly reportId: string;
  readonly retrieval: RetrieveReportOutput;
  readonly crawlers: readonly CrawlerStartResult[];
}
