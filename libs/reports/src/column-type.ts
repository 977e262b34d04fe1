/** Logical column types of curated datasets; the Parquet writer maps each to a physical type. */
export const ColumnType = {
  string: 'string',
  integer: 'integer',
  /** Exact money amounts (DECIMAL(18, scale) in Parquet). */
  decimal: 'decimal',
  double: 'double',
  boolean: 'boolean',
  /** Instants, as epoch milliseconds (UTC). */
  timestamp: 'timestamp',
  /** Calendar dates, as `yyyy-mm-dd`. */
  date: 'date',
} as const;
export type ColumnType = (typeof ColumnType)[keyof typeof ColumnType];

/** A typed value of a curated row; null is an empty or absent field. */
export type CellValue = string | number | boolean | null;

/** One column of a dataset: its snake_case name, where it comes from and its type. */
export interface ColumnDefinition {
  readonly name: string;
  /** TSV header name, or dot path inside a JSON record. */
  readonly source: string;
  /** Other TSV headers Amazon prints for the same column, read when `source` is absent. */
  readonly aliases?: readonly string[];
  readonly type: ColumnType;
  /** Digits after the point, for decimals. */
  readonly scale?: number;
  /**
   * The value a JSON report's absent `source` stands for: the default Amazon documents for a report
   * option the request may omit (Sales and Traffic's `dateGranularity` is DAY when not given).
   */
  readonly absentMeans?: string;
}
