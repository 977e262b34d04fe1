import type { ColumnarParquetEncoding, ParquetColumn, ParquetFileEncoder } from '@spapi-lake/lake';
import { assertParquetColumns } from '../parquet-schema';
import { valueConverter } from '../parquet-value';
import { ByteBuffer } from './byte-buffer';
import type { EncoderScratch } from './column-chunk';
import { IndexScratch } from './index-scratch';
import { type CompressionPlan, ColumnarParquetFileEncoder } from './columnar-parquet-file-encoder';

/** Options of {@link columnarParquetEncoding}. */
export interface ColumnarParquetEncodingOptions {
  /** `created_by` of the file footers. */
  readonly createdBy?: string;
}

/**
 * The columnar Parquet encoder behind ingestion's TSV path: GZIP per column where it pays (each
 * file decides), at level 1, or with Huffman coding or run-length matches only where that stores
 * as little (decided once for the files opened with the same columns array, i.e. per document),
 * dictionary pages for
 * repetitive strings, statistics. The files of one instance share scratch buffers, so use one
 * instance per thread.
 */
export function columnarParquetEncoding(
  options: ColumnarParquetEncodingOptions = {},
): ColumnarParquetEncoding {
  const scratch = encoderScratch();
  const createdBy = options.createdBy ?? 'spapi-lake';
  // The files of one document are opened with the same columns array: they share one plan.
  const plans = new WeakMap<readonly ParquetColumn[], CompressionPlan>();
  return {
    open(columns: readonly ParquetColumn[]): ParquetFileEncoder {
      assertParquetColumns(columns);
      let plan = plans.get(columns);
      if (!plan) {
        plan = columns.map(() => undefined);
        plans.set(columns, plan);
      }
      return new ColumnarParquetFileEncoder(columns, scratch, createdBy, plan);
    },
    converter: valueConverter,
  };
}

/** The buffers the files of one encoding encode their pages and row groups in. */
export function encoderScratch(): EncoderScratch & { readonly group: ByteBuffer } {
  return {
    group: new ByteBuffer(1 << 20),
    page: new ByteBuffer(1 << 20),
    dictionary: new ByteBuffer(1 << 16),
    values: new ByteBuffer(1 << 20),
    indices: new IndexScratch(),
  };
}
