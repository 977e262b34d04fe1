import type { SchemaElement } from 'hyparquet-writer';
import { ParquetSchemaError } from '@spapi-lake/lake';
import type { ParquetColumn } from '@spapi-lake/lake';

const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;
const MAX_DECIMAL_PRECISION = 38;

/** Checks a column list: snake_case unique names, precision and scale exactly where decimals need them. */
export function assertParquetColumns(columns: readonly ParquetColumn[]): void {
  if (columns.length === 0)
    throw new ParquetSchemaError('A Parquet schema needs at least one column');
  const seen = new Set<string>();
  for (const column of columns) {
    if (!COLUMN_NAME.test(column.name)) {
      throw new ParquetSchemaError(`Column name ${JSON.stringify(column.name)} is not snake_case`);
    }
    if (seen.has(column.name)) throw new ParquetSchemaError(`Column ${column.name} appears twice`);
    seen.add(column.name);
    const { precision, scale } = column;
    if (column.type === 'decimal') {
      if (
        precision === undefined ||
        scale === undefined ||
        !Number.isInteger(precision) ||
        !Number.isInteger(scale) ||
        precision < 1 ||
        precision > MAX_DECIMAL_PRECISION ||
        scale < 0 ||
        scale > precision
      ) {
        throw new ParquetSchemaError(
          `Decimal column ${column.name} needs an integer precision 1-${MAX_DECIMAL_PRECISION} and scale 0-precision`,
        );
      }
    } else if (precision !== undefined || scale !== undefined) {
      throw new ParquetSchemaError(
        `Column ${column.name} is ${column.type}: precision and scale are for decimals`,
      );
    }
  }
}

/**
 * The Parquet schema of a column list. Both the logical type and the legacy converted type are set,
 * so old readers (Hive, older Athena engines) and new ones agree:
 * - timestamp: INT64 TIMESTAMP(MILLIS, adjusted to UTC), i.e. an instant;
 * - date: INT32 DATE (days since 1970-01-01);
 * - decimal: FIXED_LEN_BYTE_ARRAY DECIMAL(p,s), the smallest width holding p digits. The form every
 *   reader handles (Athena, Glue/Spark, Hive, DuckDB), unlike INT32/INT64-backed decimals.
 */
export function parquetSchemaOf(columns: readonly ParquetColumn[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((column): SchemaElement => {
      const base = {
        name: column.name,
        repetition_type: column.nullable ? ('OPTIONAL' as const) : ('REQUIRED' as const),
      };
      switch (column.type) {
        case 'string':
          return {
            ...base,
            type: 'BYTE_ARRAY',
            converted_type: 'UTF8',
            logical_type: { type: 'STRING' },
          };
        case 'int32':
          return { ...base, type: 'INT32' };
        case 'int64':
          return { ...base, type: 'INT64' };
        case 'double':
          return { ...base, type: 'DOUBLE' };
        case 'boolean':
          return { ...base, type: 'BOOLEAN' };
        case 'timestamp':
          return {
            ...base,
            type: 'INT64',
            converted_type: 'TIMESTAMP_MILLIS',
            logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
          };
        case 'date':
          return { ...base, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
        case 'decimal': {
          const precision = column.precision ?? 1;
          const scale = column.scale ?? 0;
          return {
            ...base,
            type: 'FIXED_LEN_BYTE_ARRAY',
            type_length: decimalByteWidth(precision),
            converted_type: 'DECIMAL',
            precision,
            scale,
            logical_type: { type: 'DECIMAL', precision, scale },
          };
        }
      }
    }),
  ];
}

/** Smallest two's-complement byte width that holds every integer of `precision` decimal digits. */
export function decimalByteWidth(precision: number): number {
  const largest = 10n ** BigInt(precision) - 1n;
  let bytes = 1;
  while (2n ** BigInt(8 * bytes - 1) - 1n < largest) bytes += 1;
  return bytes;
}
