import type { ColumnarParquetEncoding, ParquetColumn, ParquetFileEncoder } from '@spapi-lake/lake';
import { assertParquetColumns } from '../parquet-schema';
import { valueConverter } from '../parquet-value';
import { ByteBuffer } from './byte-buffer';
import { IndexScratch } from './index-scratch';
import { ColumnarParquetFileEncoder } from './columnar-parquet-file-encoder';

/** Options of {@link columnarParquetEncoding}. */
export interface ColumnarParquetEncodingOptions {
  /** `created_by` of the file footers. */
  readonly createdBy?: string;
}

/**
 * The columnar Parquet encoder behind ingestion's TSV path: GZIP (level 1, per column only where it
 * pays), dictionary pages for repetitive strings, statistics. The files of one instance share
 * scratch buffers, so use one instance per thread.
 */
export function columnarParquetEncoding(
  options: ColumnarParquetEncodingOptions = {},
): ColumnarParquetEncoding {
  const scratch = {
    group: new ByteBuffer(1 << 20),
    page: new ByteBuffer(1 << 20),
    dictionary: new ByteBuffer(1 << 16),
    values: new ByteBuffer(1 << 20),
    indices: new IndexScratch(),
  };
  const createdBy = options.createdBy ?? 'spapi-lake';
  return {
    open(columns: readonly ParquetColumn[]): ParquetFileEncoder {
      assertParquetColumns(columns);
      return new ColumnarParquetFileEncoder(columns, scratch, createdBy);
    },
    converter: valueConverter,
  };
}
