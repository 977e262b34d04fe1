import { PassThrough } from 'node:stream';
import type { ObjectStore, ParquetColumn, ParquetRecord, ParquetSink } from '@spapi-lake/lake';
import type { ParquetSinkFactory } from './ports';

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
}

export interface PartitionedParquetWriterOptions {
  readonly store: ObjectStore;
  readonly openSink: ParquetSinkFactory;
  readonly keyOf: (address: PartitionAddress) => string;
  readonly columnsOf: (dataset: string) => readonly ParquetColumn[];
}

/**
 * Routes curated rows to one Parquet file per (dataset, marketplace, dt), each streamed to the object
 * store while it is written. Each sink holds at most one row group, so memory is bounded by the
 * row-group size times the partitions one document spans, whatever its size.
 */
export class PartitionedParquetWriter {
  private readonly partitions = new Map<string, OpenPartition>();

  constructor(private readonly options: PartitionedParquetWriterOptions) {}

  async append(address: PartitionAddress, row: ParquetRecord): Promise<void> {
    const partition = this.partitionFor(address);
    await partition.sink.appendRow(row);
    partition.rows += 1;
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
    for (const partition of this.partitions.values()) partition.output.destroy(error);
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
      // Awaited in finish() or abort(); without this an early rejection would be unhandled.
      upload.catch(() => undefined);
      partition = { address, key, output, sink, upload, rows: 0 };
      this.partitions.set(id, partition);
    }
    return partition;
  }
}
