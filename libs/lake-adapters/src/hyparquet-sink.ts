import { type ColumnSource, ParquetWriter } from 'hyparquet-writer';
import type { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { type ColumnBuffer, columnBuffer } from './column-buffer';
import {
  ParquetOutputError,
  ParquetRowError,
  ParquetSchemaError,
  ParquetSinkClosedError,
} from '@spapi-lake/lake';
import { assertParquetColumns, parquetSchemaOf } from './parquet-schema';
import type {
  ParquetColumn,
  ParquetRecord,
  ParquetSink,
  ParquetWriteSummary,
} from '@spapi-lake/lake';
import { type StoredValue, type ValueConverter, valueConverter } from './parquet-value';
import { WritableByteWriter } from './writable-byte-writer';

/** Rows per row group unless configured: large enough for good compression, small enough for memory. */
export const DEFAULT_ROW_GROUP_SIZE = 50_000;

/** Options of {@link HyparquetSink}. */
export interface HyparquetSinkOptions {
  /** Rows per row group (the last one may be shorter). */
  rowGroupSize?: number;
  /** File-level key/value metadata, e.g. the report id the file came from. */
  keyValueMetadata?: Readonly<Record<string, string>>;
  /** `created_by` of the file footer. */
  createdBy?: string;
  /** Page compression (default GZIP, see {@link ParquetCodec}). */
  codec?: ParquetCodec;
}

/**
 * Page compression. GZIP (node:zlib, level 1) is the default: native, so faster here than
 * hyparquet-writer's pure-JS Snappy, and about half Snappy's size (Athena bills bytes scanned).
 * Every engine reading the lake (Athena, Glue/Spark, DuckDB) reads both.
 */
export const ParquetCodec = {
  Gzip: 'GZIP',
  Snappy: 'SNAPPY',
  Uncompressed: 'UNCOMPRESSED',
} as const;
export type ParquetCodec = (typeof ParquetCodec)[keyof typeof ParquetCodec];

const gzipFast = (input: Uint8Array): Uint8Array => gzipSync(input, { level: 1 });

/** One column: how to convert its cells and where to buffer them. */
interface ColumnSlot {
  readonly name: string;
  readonly convert: ValueConverter;
  readonly buffer: ColumnBuffer;
}

/**
 * `ParquetSink` on hyparquet-writer (pure JS). Rows are buffered column-wise up to
 * `rowGroupSize`, encoded as one row group and streamed to `output` with its back-pressure honoured;
 * `close()` writes the footer and ends `output`. Types: see `parquetSchemaOf` (timestamps are
 * TIMESTAMP(MILLIS, UTC), decimals DECIMAL(p,s) on fixed-length bytes).
 */
export class HyparquetSink implements ParquetSink {
  private readonly output: Writable;
  private readonly byteWriter: WritableByteWriter;
  private readonly writer: ParquetWriter;
  private readonly slots: ColumnSlot[];
  private readonly columnIndex: Map<string, number>;
  private readonly rowGroupSize: number;
  private readonly row: StoredValue[];
  private buffered = 0;
  private rows = 0;
  private rowGroups = 0;
  private state: 'open' | 'closed' | 'failed' = 'open';
  private failure: unknown;
  private outputError: Error | undefined;

  constructor(
    columns: readonly ParquetColumn[],
    output: Writable,
    options: HyparquetSinkOptions = {},
  ) {
    assertParquetColumns(columns);
    const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
    if (!Number.isSafeInteger(rowGroupSize) || rowGroupSize < 1) {
      throw new ParquetSchemaError('rowGroupSize must be a positive integer');
    }
    this.rowGroupSize = rowGroupSize;
    this.output = output;
    // Keep the failure for the next call instead of letting an unheard 'error' crash the process.
    output.on('error', (error) => {
      this.outputError = error;
    });
    this.slots = columns.map((column) => ({
      name: column.name,
      convert: valueConverter(column),
      buffer: columnBuffer(column, rowGroupSize),
    }));
    this.columnIndex = new Map(columns.map((column, index) => [column.name, index]));
    this.row = new Array<StoredValue>(columns.length);
    this.byteWriter = new WritableByteWriter(output);
    this.writer = new ParquetWriter({
      writer: this.byteWriter,
      schema: parquetSchemaOf(columns),
      createdBy: options.createdBy ?? 'spapi-lake',
      codec: options.codec ?? ParquetCodec.Gzip,
      compressors: { GZIP: gzipFast },
      ...(options.keyValueMetadata
        ? {
            kvMetadata: Object.entries(options.keyValueMetadata).map(([key, value]) => ({
              key,
              value,
            })),
          }
        : {}),
    });
  }

  async appendRow(record: ParquetRecord): Promise<void> {
    this.assertOpen();
    // for...in walks the record's own keys without allocating an array per row.
    for (const field in record) {
      if (!this.columnIndex.has(field)) {
        throw new ParquetRowError(
          `The row has a field ${JSON.stringify(field)} that is not in the schema`,
        );
      }
    }
    // Convert every cell before buffering any, so a bad row leaves the buffers untouched.
    const { slots, row } = this;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (slot) row[i] = slot.convert(record[slot.name]);
    }
    for (let i = 0; i < slots.length; i++) {
      slots[i]?.buffer.append(row[i] ?? null);
    }
    this.buffered += 1;
    this.rows += 1;
    if (this.buffered === this.rowGroupSize) await this.guard(() => this.writeRowGroup());
  }

  async flush(): Promise<void> {
    this.assertOpen();
    if (this.buffered > 0) await this.guard(() => this.writeRowGroup());
  }

  async close(): Promise<ParquetWriteSummary> {
    this.assertOpen();
    await this.guard(async () => {
      if (this.buffered > 0) await this.writeRowGroup();
      await this.writer.finish();
      await endOutput(this.output);
    });
    this.state = 'closed';
    return { rows: this.rows, rowGroups: this.rowGroups, bytes: this.byteWriter.offset };
  }

  private async writeRowGroup(): Promise<void> {
    const count = this.buffered;
    const columnData: ColumnSource[] = this.slots.map((slot) => ({
      name: slot.name,
      data: slot.buffer.take(),
    }));
    this.buffered = 0;
    this.rowGroups += 1;
    // Encodes synchronously (copying the buffers), then awaits the output's back-pressure.
    await this.writer.write({ columnData, rowGroupSize: count });
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.state = 'failed';
      this.failure = error;
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.state === 'open' && this.outputError) {
      this.state = 'failed';
      this.failure = new ParquetOutputError('The Parquet output stream failed', {
        cause: this.outputError,
      });
      throw this.failure;
    }
    if (this.state === 'open') return;
    throw new ParquetSinkClosedError(
      this.state === 'closed' ? 'The Parquet sink is closed' : 'The Parquet sink failed earlier',
      { cause: this.failure },
    );
  }
}

function endOutput(output: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: ParquetOutputError) => {
      output.off('finish', onFinish);
      output.off('error', onError);
      output.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onFinish = () => settle();
    const onError = (cause: Error) =>
      settle(new ParquetOutputError('The Parquet output stream failed while closing', { cause }));
    const onClose = () => settle(new ParquetOutputError('The Parquet output stream closed early'));
    output.on('finish', onFinish);
    output.on('error', onError);
    output.on('close', onClose);
    output.end();
  });
}
