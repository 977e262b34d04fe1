export type {
  ClockPort,
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
export { curateDocument, type CurationJob, type CurationResult } from './curate-document';
export { datasetColumns, lineageColumns } from './dataset-columns';
export {
  DEFAULT_MAX_BUFFERED_ROWS,
  PartitionedParquetWriter,
  type PartitionAddress,
  type WrittenPartition,
} from './partitioned-parquet-writer';
export { ReportFatalError, ReportMarketplaceUnknownError, ReportNotReadyError } from './errors';
