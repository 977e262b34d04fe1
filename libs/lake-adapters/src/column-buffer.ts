import type { ColumnSource } from 'hyparquet-writer';
import type { ParquetColumn } from '@spapi-lake/lake';
import type { StoredValue } from './parquet-value';

/** The converted values of one column for the row group being built. */
export interface ColumnBuffer {
  append(value: StoredValue): void;
  /** The buffered values, handed to the writer (which copies them at once); the buffer starts over. */
  take(): ColumnSource['data'];
}

/**
 * A buffer specialised per column kind, so each `append` stays monomorphic: preallocated typed arrays
 * for required numeric columns (hyparquet-writer's fast path; INT64 needs BigInt64Array), plain
 * arrays where nulls or strings must be held.
 */
export function columnBuffer(column: ParquetColumn, capacity: number): ColumnBuffer {
  if (!column.nullable) {
    switch (column.type) {
      case 'int32':
      case 'date':
        return new Int32Buffer(capacity);
      case 'int64':
      case 'timestamp':
        return new BigInt64Buffer(capacity);
      case 'double':
        return new Float64Buffer(capacity);
      default:
        break;
    }
  }
  return new PlainArrayBuffer();
}

class Int32Buffer implements ColumnBuffer {
  private readonly values: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    this.values = new Int32Array(capacity);
  }

  append(value: StoredValue): void {
    this.values[this.size++] = typeof value === 'number' ? value : 0;
  }

  take(): Int32Array {
    const taken = this.values.subarray(0, this.size);
    this.size = 0;
    return taken;
  }
}

class BigInt64Buffer implements ColumnBuffer {
  private readonly values: BigInt64Array;
  private size = 0;

  constructor(capacity: number) {
    this.values = new BigInt64Array(capacity);
  }

  append(value: StoredValue): void {
    this.values[this.size++] = typeof value === 'bigint' ? value : 0n;
  }

  take(): BigInt64Array {
    const taken = this.values.subarray(0, this.size);
    this.size = 0;
    return taken;
  }
}

class Float64Buffer implements ColumnBuffer {
  private readonly values: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  append(value: StoredValue): void {
    this.values[this.size++] = typeof value === 'number' ? value : 0;
  }

  take(): Float64Array {
    const taken = this.values.subarray(0, this.size);
    this.size = 0;
    return taken;
  }
}

class PlainArrayBuffer implements ColumnBuffer {
  private values: StoredValue[] = [];

  append(value: StoredValue): void {
    this.values.push(value);
  }

  take(): StoredValue[] {
    const taken = this.values;
    this.values = [];
    return taken;
  }
}
