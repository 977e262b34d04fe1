import type { ParquetSinkFactory, PartitionAddress, WrittenPartition } from '@spapi-lake/ingestion';
import { PartitionedParquetWriter } from '@spapi-lake/ingestion';
import { type ObjectStore, type ParquetRecord, curatedKey } from '@spapi-lake/lake';
import { type CatalogDataset, catalogDatasetColumns, isCatalogDataset } from './catalog-datasets';

/** What a refresh writer needs from the lake. */
export interface LakeWriteDeps {
  readonly store: ObjectStore;
  readonly openParquetSink: ParquetSinkFactory;
}

/** A partition a write may produce: one Parquet file per dataset, marketplace and date. */
export interface RefreshPartition {
  readonly dataset: CatalogDataset;
  readonly marketplaceId: string;
  readonly dt: string;
}

/**
 * Writes the rows of one unit of refresh work (a listings part, a catalog chunk, a batch of SKU
 * refreshes) as one Parquet file per partition, named `<fileId>.parquet`. The same work done again
 * writes the same keys, and a partition the work covers that ends up without rows has its stale
 * file from an earlier attempt deleted, so a retry never leaves rows behind.
 */
export class RefreshWriter {
  private readonly writer: PartitionedParquetWriter;
  private readonly keyOf: (partition: PartitionAddress) => string;

  constructor(
    private readonly deps: LakeWriteDeps,
    target: { readonly sellingPartnerId: string; readonly fileId: string },
  ) {
    this.keyOf = (partition) =>
      curatedKey({
        dataset: partition.dataset,
        sellingPartnerId: target.sellingPartnerId,
        marketplaceId: partition.marketplaceId,
        dt: partition.dt,
        reportId: target.fileId,
      });
    this.writer = new PartitionedParquetWriter({
      store: deps.store,
      openSink: deps.openParquetSink,
      keyOf: this.keyOf,
      columnsOf: (dataset) => {
        if (!isCatalogDataset(dataset)) throw new RangeError(`not a catalog dataset: ${dataset}`);
        return catalogDatasetColumns(dataset);
      },
    });
  }

  /** Appends one row (await each call: the Parquet sink carries back-pressure). */
  append(partition: RefreshPartition, row: ParquetRecord): Promise<void> {
    return this.writer.append(partition, row);
  }

  /**
   * Completes every file and deletes the files of `covered` partitions that got no row this time.
   * Returns the files written, sorted by key.
   */
  async finish(covered: readonly RefreshPartition[]): Promise<WrittenPartition[]> {
    const written = await this.writer.finish();
    const writtenKeys = new Set(written.map((partition) => partition.key));
    const stale = [...new Set(covered.map(this.keyOf))].filter((key) => !writtenKeys.has(key));
    for (const key of stale) await this.deps.store.deleteObject(key);
    return written;
  }

  /** Fails every open upload (after an error), so no partial file is completed. */
  abort(error: Error): Promise<void> {
    return this.writer.abort(error);
  }
}
