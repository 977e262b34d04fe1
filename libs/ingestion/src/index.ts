export type {
  ClockPort,
  DocumentBytes,
  DocumentOpenOptions,
  DocumentPort,
  OpenedDocument,
  ParquetSinkFactory,
  ReportDocumentLocation,
  ReportRecord,
  ReportsPort,
} from './ports';
export {
  retrieveReport,
  type RetrieveReportDeps,
  type RetrieveReportInput,
} from './retrieve-report';
export {
  curatedObjectKeys,
  storedReportManifest,
  storedUncuratedReport,
  takeBackReport,
} from './report-manifest';
export {
  manifestedReports,
  replayReport,
  type ReplayReportDeps,
  type ReplayReportInput,
  type ReplayedReport,
} from './replay-report';
export {
  type UncuratedReplay,
  replayUncuratedReport,
  uncuratedReports,
} from './replay-uncurated-report';
export {
  curateDocument,
  type CurationDocument,
  type CurationJob,
  type CurationResult,
  type TsvCuration,
} from './curate-document';
export type {
  EncodedFilePart,
  QuarantinedLine,
  TsvCurationOutput,
  TsvCurationSetup,
  TsvCurator,
  TsvCuratorFactory,
} from './columnar/tsv-curator';
export type { DocumentTextEncoding } from './columnar/document-text';
export { TsvColumnarEngine } from './columnar/tsv-columnar-engine';
export { LINES_PER_SCAN } from './columnar/tsv-scan-kernel';
export { inProcessTsvCurator } from './columnar/in-process-tsv-curator';
export {
  type ReportLineage,
  datasetColumns,
  lineageColumns,
  lineageValues,
} from './dataset-columns';
export {
  DEFAULT_MAX_BUFFERED_ROWS,
  PartitionedParquetWriter,
  type PartitionAddress,
  type WrittenPartition,
} from './partitioned-parquet-writer';
export {
  CurationOutOfTimeError,
  ReplayNotPossibleError,
  ReportFatalError,
  ReportMarketplaceUnknownError,
  ReportNotReadyError,
  ReportRetrievalInProgressError,
} from './errors';
export { REPORT_LEASE_MS, type ReportLeaseDeps, withReportLease } from './report-lease';
