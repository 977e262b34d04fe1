export { LocalDiskObjectStore } from './local-disk-object-store';
export {
  S3ObjectStore,
  type S3ObjectStoreOptions,
  S3_PART_SIZE,
  S3_QUEUE_SIZE,
} from './s3-object-store';
export { parquetSchemaOf } from './parquet-schema';
export {
  DEFAULT_ROW_GROUP_SIZE,
  HyparquetSink,
  type HyparquetSinkOptions,
  ParquetCodec,
} from './hyparquet-sink';
export {
  type ColumnarParquetEncodingOptions,
  columnarParquetEncoding,
} from './parquet/columnar-parquet-encoding';
export { runTsvCurationWorker } from './curation-worker/run-tsv-curation-worker';
export {
  type WorkerTsvCuratorFactory,
  type WorkerTsvCuratorOptions,
  workerTsvCurator,
} from './curation-worker/worker-tsv-curator';
export { TsvCurationWorkerCrashedError, TsvCurationWorkerError } from './errors';
