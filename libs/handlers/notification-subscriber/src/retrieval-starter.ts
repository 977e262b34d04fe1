/**
 * A DONE report no ingestion execution waits for (an Amazon-generated type such as settlements):
 * its retrieval is started from the notification. `report` and `status` have the shape of
 * `ReportIngestionState`'s, so the retrieval workflow can hand them to RetrieveReport.
 */
export interface UnsolicitedReportRetrieval {
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly reportType: string;
  readonly report: { readonly reportId: string };
  readonly status: { readonly processingStatus: 'DONE'; readonly reportDocumentId: string };
  readonly notificationId: string;
}

/** `already-started`: a retrieval of this report exists (StartExecution is idempotent by name). */
export type RetrievalStartResult = 'started' | 'already-started';

/** Port: starts the retrieval of a report nobody waits for. */
export interface RetrievalStarter {
  start(request: UnsolicitedReportRetrieval): Promise<RetrievalStartResult>;
}
