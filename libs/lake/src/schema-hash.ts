import { createHash } from 'node:crypto';
import type { ParquetColumn } from './parquet-sink';

/**
 * SHA-256 (hex) of the canonical column list: columns sorted by name, each as
 * `[name, type, nullable, precision, scale]` (precision and scale null except for decimals). Column
 * order does not change the hash (Parquet readers and Glue match columns by name); a rename, a type,
 * nullability or decimal precision/scale change does.
 */
export function schemaHash(columns: readonly ParquetColumn[]): string {
  const canonical = [...columns]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((column) => [
      column.name,
      column.type,
      column.nullable,
      column.type === 'decimal' ? (column.precision ?? null) : null,
      column.type === 'decimal' ? (column.scale ?? null) : null,
    ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
