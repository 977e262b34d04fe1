export * from './errors';
export { assertObjectKey, assertObjectKeyPrefix } from './object-key';
export type {
  DeleteObjectOptions,
  ObjectStore,
  ObjectSummary,
  PutObjectOptions,
  PutObjectResult,
  VersionedObject,
} from './object-store';
export {
  AMAZON_GENERATED_LEDGER_SEGMENT,
  type CuratedKeyInput,
  DocumentCompression,
  type ErrorDocumentKeyInput,
  type LedgerKeyInput,
  type ManifestKeyInput,
  type QuarantineKeyInput,
  type RawReportKeyInput,
  ReportDocumentFormat,
  curatedKey,
  datasetPrefix,
  errorDocumentKey,
  ledgerKey,
  ledgerPrefix,
  manifestKey,
  manifestPrefix,
  partitionDate,
  quarantineKey,
  rawReportKey,
  reportLeaseKey,
  uncuratedReportKey,
  uncuratedReportPrefix,
} from './lake-keys';
export {
  type ColumnVector,
  type DictionaryColumnVector,
  type PlainBytesColumnVector,
  type ColumnarParquetEncoding,
  type ParquetColumn,
  ParquetColumnType,
  type ParquetFileEncoder,
  type ParquetValueConverter,
  type StoredParquetValue,
  type ParquetRecord,
  type ParquetSink,
  type ParquetValue,
  type ParquetWriteSummary,
} from './parquet-sink';
export { schemaHash } from './schema-hash';
export {
  type CurationInputs,
  type DatasetManifest,
  type ReportManifest,
  type ReportManifestInput,
  buildReportManifest,
  datasetManifestSchema,
  parseReportManifest,
  reportManifestSchema,
  serializeReportManifest,
} from './manifest';
export {
  type LedgerEntry,
  type LedgerEntryInput,
  LedgerOutcome,
  buildLedgerEntry,
  ledgerEntrySchema,
  parseLedgerEntry,
  serializeLedgerEntry,
} from './ledger-entry';
export {
  type LedgerUnit,
  type UncuratedReport,
  type UncuratedReportInput,
  buildUncuratedReport,
  ledgerUnitSchema,
  parseUncuratedReport,
  serializeUncuratedReport,
  uncuratedReportSchema,
} from './uncurated-report';
export { type LedgerUpdate, updateLedgerEntry } from './ledger-update';
