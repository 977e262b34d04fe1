import type { ParquetSinkFactory } from '@spapi-lake/ingestion';
import { HyparquetSink, type HyparquetSinkOptions } from '@spapi-lake/lake-adapters';

/** Ingestion's `ParquetSinkFactory` on `HyparquetSink`, every file with the same options. */
export function hyparquetSinkFactory(options: HyparquetSinkOptions = {}): ParquetSinkFactory {
  return (columns, output) => new HyparquetSink(columns, output, options);
}
