import { PassThrough } from 'node:stream';
import type { ObjectStore, ParquetColumn, ParquetRecord, ParquetSink } from '@spapi-lake/lake';
import type { ParquetSinkFactory } from './ports';
import { failUploadStream, watchUpload } from './upload-stream';

/** Where a row belongs in the curated zone. */
export interface PartitionAddress {
  readonly dataset: string;
  readonly marketplaceId: string;
  readonly dt: string;
}

/** What was written to one partition. */
export interface WrittenPartition extends PartitionAddress {
  readonly key: string;
  readonly rows: number;
  readonly bytes: number;
}

interface OpenPartition {
  readonly address: PartitionAddress;
  readonly key: string;
  readonly output: PassThrough;
  readonly sink: ParquetSink;
  readonly upload: Promise<{ bytes: number }>;
  rows: number;
  /** Rows appended since this writer last flushed the sink (the sink may have flushed itself). */
  pending: number;
}

/** Rows all open sinks may buffer together before the idle ones are flushed. */
export const DEFAULT_MAX_BUFFERED_ROWS = 50_000;

export interface PartitionedParquetWriterOptions {
  readonly store: ObjectStore;
  readonly openSink: ParquetSinkFactory;
  readonly keyOf: (address: PartitionAddress) => string;
  readonly columnsOf: (dataset: string) => readonly ParquetColumn[];
  /** See {@link DEFAULT_MAX_BUFFERED_ROWS}; only sinks with a `flush` method can be flushed early. */
  readonly maxBufferedRows?: number;
}

/**
 * Routes curated rows to one Parquet file per (dataset, marketplace, dt), each streamed to the object
 * store while it is written. A document spans many partitions (an orders report: one per day) and
 * every open sink buffers up to a row group: once the sinks hold more than `maxBufferedRows` rows
 * together, the ones not being written to are flushed as (shorter) row groups, and the one being
 * written to once it alone holds that many. Documents come sorted by their partition date, so an
 * idle partition is flushed about once, and the rows held stay bounded by `maxBufferedRows`
 * whatever the size of the document (row groups are at most that long). Each open file's upload
 * holds its encoded bytes too, until they fill a part (S3: under 8 MiB per file, plus the parts in
 * flight), so memory also grows with the partitions a document spans.
 */
export class PartitionedParquetWriter {
  private readonly partitions = new Map<string, OpenPartition>();
  private readonly maxBufferedRows: number;
  private pending = 0;

  constructor(private readonly options: PartitionedParquetWriterOptions) {
    this.maxBufferedRows = options.maxBufferedRows ?? DEFAULT_MAX_BUFFERED_ROWS;
  }

  async append(address: PartitionAddress, row: ParquetRecord): Promise<void> {
    const partition = this.partitionFor(address);
    await partition.sink.appendRow(row);
    partition.rows += 1;
    partition.pending += 1;
    this.pending += 1;
    if (this.pending > this.maxBufferedRows) await this.flushIdle(partition);
  }

  private async flushIdle(active: OpenPartition): Promise<void> {
    for (const partition of this.partitions.values()) {
      if (partition === active || partition.pending === 0) continue;
      // A sink without `flush` cannot be made to write early: it is left to its own row groups.
      if (partition.sink.flush) await partition.sink.flush();
      this.pending -= partition.pending;
      partition.pending = 0;
    }
    // Rows alternating between partitions can leave the budget to the active one alone.
    if (active.pending >= this.maxBufferedRows) {
      if (active.sink.flush) await active.sink.flush();
      this.pending -= active.pending;
      active.pending = 0;
    }
  }

  /** Closes every file, waits for every upload, and says what was written, sorted by key. */
  async finish(): Promise<WrittenPartition[]> {
    for (const partition of this.partitions.values()) await partition.sink.close();
    const written: WrittenPartition[] = [];
    for (const partition of this.partitions.values()) {
      const { bytes } = await partition.upload;
      written.push({ ...partition.address, key: partition.key, rows: partition.rows, bytes });
    }
    return written.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Fails every upload after an error elsewhere, so no partial object is ever completed. */
  async abort(error: Error): Promise<void> {
    for (const partition of this.partitions.values()) failUploadStream(partition.output, error);
    await Promise.allSettled([...this.partitions.values()].map((partition) => partition.upload));
  }

  private partitionFor(address: PartitionAddress): OpenPartition {
    const id = `${address.dataset}\u0000${address.marketplaceId}\u0000${address.dt}`;
    let partition = this.partitions.get(id);
    if (!partition) {
      const key = this.options.keyOf(address);
      const output = new PassThrough();
      const sink = this.options.openSink(this.options.columnsOf(address.dataset), output);
      const upload = this.options.store.putStream(key, output, {
        contentType: 'application/vnd.apache.parquet',
      });
      // Awaited in finish() or abort().
      watchUpload(output, upload);
      partition = { address, key, output, sink, upload, rows: 0, pending: 0 };
      this.partitions.set(id, partition);
    }
    return partition;
  }
}
