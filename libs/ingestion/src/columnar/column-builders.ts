import type { ColumnVector, ParquetColumn, StoredParquetValue } from '@spapi-lake/lake';

/**
 * The growing values of one non-string column of one partition's row group (strings: see
 * Utf8ColumnBuilder). `set(row, ...)` may be called
 * for a row that is then abandoned (the next row overwrites it), so a failing row leaves no trace.
 */
export class ColumnBuilder {
  present: Uint8Array;
  numbers: Float64Array;
  ints: Int32Array;
  bools: Uint8Array;
  exact = new Map<number, bigint>();

  constructor(
    readonly kind: ColumnVector['kind'],
    capacity: number,
  ) {
    this.present = new Uint8Array(capacity);
    this.numbers = new Float64Array(kind === 'float64' || kind === 'decimal' ? capacity : 0);
    this.ints = new Int32Array(kind === 'int32' ? capacity : 0);
    this.bools = new Uint8Array(kind === 'boolean' ? capacity : 0);
  }

  /** Starts over as a new builder would, keeping its buffers (and their room). */
  reset(): void {
    this.exact.clear();
  }

  /** Makes room for `capacity` rows. */
  resize(capacity: number): void {
    this.present = grown(this.present, new Uint8Array(capacity));
    if (this.numbers.length > 0) this.numbers = grown(this.numbers, new Float64Array(capacity));
    if (this.ints.length > 0) this.ints = grown(this.ints, new Int32Array(capacity));
    if (this.bools.length > 0) this.bools = grown(this.bools, new Uint8Array(capacity));
  }

  /** Stores a converted cell (the slow path's form). */
  setStored(row: number, value: StoredParquetValue): void {
    if (value === null) {
      this.present[row] = 0;
      this.exact.delete(row);
      return;
    }
    this.present[row] = 1;
    switch (this.kind) {
      case 'int32':
        this.ints[row] = Number(value);
        return;
      case 'boolean':
        this.bools[row] = value === true ? 1 : 0;
        return;
      case 'float64':
        this.numbers[row] = Number(value);
        return;
      case 'decimal':
        if (typeof value === 'bigint' && !Number.isSafeInteger(Number(value))) {
          this.exact.set(row, value);
          this.numbers[row] = 0;
        } else {
          this.exact.delete(row);
          this.numbers[row] = Number(value);
        }
        return;
    }
  }

  vector(): ColumnVector {
    switch (this.kind) {
      case 'int32':
        return { kind: 'int32', present: this.present, values: this.ints };
      case 'boolean':
        return { kind: 'boolean', present: this.present, values: this.bools };
      case 'float64':
        return { kind: 'float64', present: this.present, values: this.numbers };
      case 'decimal':
        return { kind: 'decimal', present: this.present, values: this.numbers, exact: this.exact };
      default:
        throw new Error(`string columns are built by Utf8ColumnBuilder, not ${this.kind}`);
    }
  }
}

/** The vector kind a column is built in. */
export function vectorKind(column: ParquetColumn): ColumnVector['kind'] {
  switch (column.type) {
    case 'string':
      return 'string';
    case 'int32':
    case 'date':
      return 'int32';
    case 'boolean':
      return 'boolean';
    case 'decimal':
      return 'decimal';
    default:
      return 'float64';
  }
}

/** `to` with `from`'s values at its start (a typed array grown to a new capacity). */
export function grown<T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from.subarray(0, Math.min(from.length, to.length)));
  return to;
}
