/** Logical column types of curated datasets (mapped to Parquet types by the sink adapter). */
export const ParquetColumnType = {
  String: 'string',
  Int64: 'int64',
  Int32: 'int32',
  Double: 'double',
  Boolean: 'boolean',
  Timestamp: 'timestamp',
  Date: 'date',
  Decimal: 'decimal',
} as const;
export type ParquetColumnType = (typeof ParquetColumnType)[keyof typeof ParquetColumnType];

/** One typed column; `precision` (1-38) and `scale` (0-precision) are required for decimals. */
export interface ParquetColumn {
  /** snake_case (lineage columns start with `_`). */
  name: string;
  type: ParquetColumnType;
  nullable: boolean;
  precision?: number;
  scale?: number;
}

/**
 * A cell value. Accepted per column type: string <- string; int32 <- integer number or bigint;
 * int64 <- bigint or safe-integer number; double <- number; boolean <- boolean;
 * timestamp <- Date or epoch milliseconds; date <- `yyyy-mm-dd` or Date (its UTC day);
 * decimal <- decimal string (exact) or number. `null`/`undefined`/absent = null.
 */
export type ParquetValue = string | number | bigint | boolean | Date | null | undefined;

/** One row, keyed by column name. */
export type ParquetRecord = Readonly<Record<string, ParquetValue>>;

/** What a closed sink wrote. */
export interface ParquetWriteSummary {
  rows: number;
  rowGroups: number;
  /** Size of the Parquet file. */
  bytes: number;
}

/**
 * Writes rows as one Parquet file to a byte stream, a row group at a time, so memory stays bounded
 * whatever the document size. Await every call: the promise carries the output's back-pressure.
 */
export interface ParquetSink {
  /**
   * Buffers one row; flushes a row group when enough rows are buffered. A row that does not fit the
   * schema is rejected whole with `ParquetRowError`, and the sink stays usable.
   */
  appendRow(record: ParquetRecord): Promise<void>;
  /**
   * Writes the rows buffered so far as a row group now (nothing when none are), so that a caller
   * with many sinks open at once can bound their memory together. Optional for implementations.
   */
  flush?(): Promise<void>;
  /** Writes the last row group and the footer, ends the output, and says what was written. */
  close(): Promise<ParquetWriteSummary>;
}
