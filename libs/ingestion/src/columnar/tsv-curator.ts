import type { ParquetColumn } from '@spapi-lake/lake';
import type { DatasetDefinition, DateConventions } from '@spapi-lake/reports';
import type { ReportLineage } from '../dataset-columns';
import type { DocumentTextEncoding } from './document-text';

/** Everything a TSV curator needs to turn a document's data lines into Parquet (plain data). */
export interface TsvCurationSetup {
  readonly dataset: DatasetDefinition;
  /** How the document's bytes are text. */
  readonly text: DocumentTextEncoding;
  /** The header line's fields. */
  readonly header: readonly string[];
  /** The Parquet columns of the dataset's files (schema, drift, lineage). */
  readonly columns: readonly ParquetColumn[];
  /** The report's lineage values (every row's), by column name; instants as epoch ms. */
  readonly lineage: ReportLineage;
  /** ISO date-time the report's window starts at (snapshot datasets partition by it). */
  readonly windowStart: string;
  /** How the report's marketplace prints dates (`dateConventionsOf`). */
  readonly dateConventions: DateConventions;
  /** Line number of the first line handed to `curate` (the header is line 1). */
  readonly firstLine: number;
  /** Rows per row group. */
  readonly rowGroupSize: number;
  /** Rows the open partitions may buffer together before idle ones are written out. */
  readonly maxBufferedRows: number;
}

/** Encoded bytes of one partition's Parquet file, to append to it in the order received. */
export interface EncodedFilePart {
  /** The `dt` partition. */
  readonly dt: string;
  readonly bytes: Uint8Array;
  /** Set on the part that ends the file: the file's row count. */
  readonly finalRows?: number;
}

/** A data line that cannot be curated, as quarantine records it. */
export interface QuarantinedLine {
  readonly position: number;
  readonly reason: string;
  readonly raw: string;
}

/** What curating some lines produced. */
export interface TsvCurationOutput {
  readonly parts: readonly EncodedFilePart[];
  readonly quarantined: readonly QuarantinedLine[];
  /**
   * The bytes `curate` was given, handed back once curated: the curator keeps no reference to them,
   * so the caller may fill them again instead of allocating (and zeroing) a fresh batch.
   */
  readonly reusableBytes?: Uint8Array;
}

/**
 * Curates the data lines of one TSV document into encoded Parquet files per `dt`, in document
 * order: `curate` takes any cut of the document's bytes after the header line (a line may span two
 * calls; the bytes may be transferred to another thread, so the caller must not reuse them until
 * they come back as the output's `reusableBytes`),
 * `finish` ends every file.
 * In-process or on a worker thread; calls must be made one after another, each awaited or not, and
 * their results are delivered in call order.
 */
export interface TsvCurator {
  curate(bytes: Uint8Array): Promise<TsvCurationOutput>;
  finish(): Promise<TsvCurationOutput>;
  /** Releases the curator (a worker thread); safe to call more than once, and after a failure. */
  close(): Promise<void>;
}

/** Opens a curator for one document. */
export type TsvCuratorFactory = (setup: TsvCurationSetup) => TsvCurator;
