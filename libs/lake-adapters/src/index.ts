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
