import type { ColumnarParquetEncoding, ParquetColumn, ParquetFileEncoder } from '@spapi-lake/lake';
import { ColumnBuilder, vectorKind } from './column-builders';
import type { DocumentText } from './document-text';
import type { EncodedFilePart, TsvCurationSetup } from './tsv-curator';
import { Utf8ColumnBuilder } from './utf8-column-builder';

export type Builder = ColumnBuilder | Utf8ColumnBuilder;

const INITIAL_CAPACITY = 1024;

/** One `dt` partition of a document: its file's encoder and the rows of its next row group. */
export interface Partition {
  readonly dt: string;
  readonly encoder: ParquetFileEncoder;
  builders: Builder[] | undefined;
  /** Rows the builders have room for. */
  capacity: number;
  rows: number;
  /**
   * Whether a parsed row was routed here (even one the Parquet schema then rejected): the row
   * path opens the partition's file at that point, so the file exists, perhaps with no rows.
   */
  opened: boolean;
}

/**
 * The partitions of one document: column builders per partition, a row group encoded once it is
 * full or once the partitions together buffer more than `maxBufferedRows` rows, and the encoded
 * parts of each partition's file, in order.
 */
export class PartitionBuffers {
  private readonly partitions = new Map<string, Partition>();
  private buffered = 0;
  private parts: EncodedFilePart[] = [];
  /**
   * The builders an idle partition gave up, kept for the next partition that needs some: documents
   * come sorted by date, so each day would otherwise grow a new set from scratch.
   */
  private spare: { builders: Builder[]; capacity: number } | undefined;

  constructor(
    private readonly setup: TsvCurationSetup,
    private readonly encoding: ColumnarParquetEncoding,
    private readonly text: DocumentText,
  ) {}

  partitionFor(dt: string): Partition {
    let partition = this.partitions.get(dt);
    if (!partition) {
      partition = {
        dt,
        encoder: this.encoding.open(this.setup.columns),
        builders: undefined,
        capacity: 0,
        rows: 0,
        opened: false,
      };
      this.partitions.set(dt, partition);
    }
    return partition;
  }

  /** The partition's builders, with room for its next `rows` rows (from `partition.rows`). */
  buildersForRun(partition: Partition, rows: number): Builder[] {
    const builders = partition.builders ?? this.openBuilders(partition);
    const needed = partition.rows + rows;
    if (needed > partition.capacity) {
      const capacity = Math.max(needed, partition.capacity * 2);
      for (const builder of builders) builder.resize(capacity);
      partition.capacity = capacity;
    }
    return builders;
  }

  /** The partition's builders, with room for its next row (`partition.rows`). */
  buildersFor(partition: Partition): Builder[] {
    return this.buildersForRun(partition, 1);
  }

  /**
   * How many rows the partition can take before one makes `accept` encode: the last of them may,
   * none before it does.
   */
  rowsBeforeEncoding(partition: Partition): number {
    return Math.max(
      1,
      Math.min(
        this.setup.rowGroupSize - partition.rows,
        this.setup.maxBufferedRows + 1 - this.buffered,
      ),
    );
  }

  /** The partition's next row is complete. */
  accept(partition: Partition): void {
    partition.opened = true;
    partition.rows++;
    this.buffered++;
    if (partition.rows >= this.setup.rowGroupSize) {
      this.encode(partition);
    } else if (this.buffered > this.setup.maxBufferedRows) {
      // Idle partitions give their rows up first (documents come sorted by date, so an idle one
      // rarely gets rows again); their vectors are dropped, the active one's kept for reuse.
      for (const other of this.partitions.values()) {
        if (other === partition || other.rows === 0) continue;
        this.encode(other);
        this.giveUpBuilders(other);
      }
      if (partition.rows >= this.setup.maxBufferedRows) this.encode(partition);
    }
  }

  /** Encodes every buffered row group and ends every file. */
  finish(): void {
    for (const partition of this.partitions.values()) {
      if (partition.rows > 0) this.encode(partition);
      partition.builders = undefined;
      // A partition only lines that failed to parse named has no file, as in the row path.
      if (!partition.opened) continue;
      this.parts.push({
        dt: partition.dt,
        bytes: partition.encoder.finish(),
        finalRows: partition.encoder.rows,
      });
    }
  }

  /** The parts encoded since the last call. */
  takeParts(): EncodedFilePart[] {
    const parts = this.parts;
    this.parts = [];
    return parts;
  }

  private giveUpBuilders(partition: Partition): void {
    const builders = partition.builders;
    partition.builders = undefined;
    if (builders && (!this.spare || this.spare.capacity < partition.capacity)) {
      this.spare = { builders, capacity: partition.capacity };
    }
  }

  private openBuilders(partition: Partition): Builder[] {
    const spare = this.spare;
    if (spare) {
      this.spare = undefined;
      for (const builder of spare.builders) builder.reset();
      partition.builders = spare.builders;
      partition.capacity = spare.capacity;
      return spare.builders;
    }
    const capacity = Math.min(INITIAL_CAPACITY, this.setup.rowGroupSize);
    const builders = this.setup.columns.map((column: ParquetColumn): Builder => {
      const kind = vectorKind(column);
      return kind === 'string'
        ? new Utf8ColumnBuilder(this.text, capacity)
        : new ColumnBuilder(kind, capacity);
    });
    partition.builders = builders;
    partition.capacity = capacity;
    return builders;
  }

  private encode(partition: Partition): void {
    const builders = partition.builders;
    if (!builders || partition.rows === 0) return;
    const rows = partition.rows;
    const bytes = partition.encoder.encodeRowGroup(
      builders.map((builder) =>
        builder instanceof Utf8ColumnBuilder ? builder.vector(rows) : builder.vector(),
      ),
      rows,
    );
    this.buffered -= rows;
    partition.rows = 0;
    this.parts.push({ dt: partition.dt, bytes });
  }
}
