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

/** A cell in the form a Parquet file stores it: epoch ms, epoch days, unscaled decimals. */
export type StoredParquetValue = string | number | bigint | boolean | null;

/**
 * Converts one cell of a column to its stored form, by the rules of `ParquetSink.appendRow`
 * (`ParquetRowError` when the value does not fit the column).
 */
export type ParquetValueConverter = (value: ParquetValue) => StoredParquetValue;

/**
 * The values of one column for a row group, column-wise; `present[i]` is 0 where row i is null.
 * Only the first `rows` entries (see {@link ParquetFileEncoder.encodeRowGroup}) are read.
 * - `string`, `plain-bytes`, `dictionary`: string columns (as strings, as PLAIN-encoded UTF-8, or
 *   as indices into a dictionary);
 * - `int32`: int32 columns, and date columns as epoch days;
 * - `float64`: double columns, and int64 / timestamp columns as safe integers (timestamps in ms);
 * - `decimal`: unscaled safe integers, except rows listed in `exact` (unscaled values beyond 2^53);
 * - `boolean`: 0 or 1.
 */
export type ColumnVector =
  | { readonly kind: 'string'; readonly present: Uint8Array; readonly values: readonly string[] }
  | PlainBytesColumnVector
  | DictionaryColumnVector
  | { readonly kind: 'int32'; readonly present: Uint8Array; readonly values: Int32Array }
  | { readonly kind: 'float64'; readonly present: Uint8Array; readonly values: Float64Array }
  | {
      readonly kind: 'decimal';
      readonly present: Uint8Array;
      readonly values: Float64Array;
      readonly exact: ReadonlyMap<number, bigint>;
    }
  | { readonly kind: 'boolean'; readonly present: Uint8Array; readonly values: Uint8Array };

/** A string column as its PLAIN encoding: each non-null value's 4-byte length and UTF-8 bytes, in row order. */
export interface PlainBytesColumnVector {
  readonly kind: 'plain-bytes';
  readonly present: Uint8Array;
  readonly values: Uint8Array;
}

/**
 * A string column as dictionary indices: row i is entry `ids[i]`, and `entries` is the PLAIN-encoded
 * dictionary page (entry k from `entryOffsets[k]` to `entryOffsets[k + 1]`, its length first).
 * Entries no row uses may be present.
 */
export interface DictionaryColumnVector {
  readonly kind: 'dictionary';
  readonly present: Uint8Array;
  readonly ids: Int32Array;
  readonly count: number;
  readonly entries: Uint8Array;
  readonly entryOffsets: Int32Array;
}

/**
 * Encodes one Parquet file from column vectors, a row group at a time, into bytes the caller writes
 * out in order. Deterministic: the same vectors always give the same bytes.
 */
export interface ParquetFileEncoder {
  /** The bytes of one row group (the first call's start with the file's magic number). */
  encodeRowGroup(columns: readonly ColumnVector[], rows: number): Uint8Array;
  /** The bytes that end the file (its footer); the encoder is done after this. */
  finish(): Uint8Array;
  /** Rows and row groups encoded so far. */
  readonly rows: number;
  readonly rowGroups: number;
}

/** Columnar Parquet encoding: files from column vectors, and the cell rules a row must pass. */
export interface ColumnarParquetEncoding {
  open(columns: readonly ParquetColumn[]): ParquetFileEncoder;
  /** The same conversion rules `ParquetSink.appendRow` applies, for cells off the fast paths. */
  converter(column: ParquetColumn): ParquetValueConverter;
}
