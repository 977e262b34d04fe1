export {
  type PartnerRef,
  type ReportRetrieverDependencies,
  type RetrieverLogger,
} from './report-retriever-dependencies';
export {
  RETRIEVER_ROW_GROUP_SIZE,
  UNRECORDED_ROW_GROUP_SIZE,
  type CurationSettings,
  type ReportRetrieverSettings,
  buildCurationDependencies,
  buildReplayDependencies,
  buildReportRetrieverDependencies,
} from './build-report-retriever-dependencies';
export {
  type GetReportStatusHandler,
  createGetReportStatusHandler,
} from './create-get-report-status-handler';
export {
  type RetrieveReportHandler,
  type RetrieveReportTaskOutput,
  CURATION_TIME_RESERVE_MS,
  type InvocationTime,
  createRetrieveReportHandler,
} from './create-retrieve-report-handler';
export {
  type RecordFatalHandler,
  type RecordFatalTaskOutput,
  createRecordFatalHandler,
} from './create-record-fatal-handler';
export {
  type RecordOutcomeHandler,
  type RecordOutcomeTaskOutput,
  createRecordOutcomeHandler,
} from './create-record-outcome-handler';
export { type ReportsClient, spApiReportsPort } from './sp-api-reports-port';
export { type SpApiReportsForOptions, spApiReportsFor } from './sp-api-reports-for';
export { type ReportDocumentPortOptions, reportDocumentPort } from './report-document-port';
export { type LakeZones, RAW_ZONE_PREFIX, ZonedObjectStore } from './zoned-object-store';
export { hyparquetSinkFactory } from './hyparquet-sink-factory';
export {
  ErrorDocumentTooLargeError,
  ReportPlacementUnknownError,
  TaskInputInvalidError,
} from './errors';
export type { ReportPlacement } from './use-cases/report-placement';
export {
  type IngestDoneReportInput,
  type IngestDoneReportResult,
  ingestDoneReport,
} from './use-cases/ingest-done-report';
export {
  MAX_ERROR_DOCUMENT_CHARS,
  NO_ERROR_DOCUMENT_REASON,
  type RecordFatalReportDeps,
  type RecordFatalReportInput,
  type RecordFatalReportResult,
  recordFatalReport,
} from './use-cases/record-fatal-report';
export {
  type RecordReportOutcomeInput,
  type RecordReportOutcomeResult,
  WindowOutcome,
  failureReason,
  recordReportOutcome,
} from './use-cases/record-report-outcome';
export { type LedgerWrite, recordLedgerEntry } from './use-cases/record-ledger-entry';
