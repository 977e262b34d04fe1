import type { DocumentTextEncoding } from './columnar/document-text';
import type { Readable, Writable } from 'node:stream';
import type { ParquetColumn, ParquetSink } from '@spapi-lake/lake';

/** A report as getReport returns it (the fields the pipeline uses). */
export interface ReportRecord {
  readonly reportId: string;
  readonly reportType: string;
  readonly processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';
  readonly marketplaceIds?: readonly string[];
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
  readonly createdTime: string;
  readonly processingEndTime?: string;
  readonly reportDocumentId?: string;
}

/** Where a report document can be downloaded (pre-signed, short-lived). */
export interface ReportDocumentLocation {
  readonly reportDocumentId: string;
  readonly url: string;
  readonly compressionAlgorithm?: 'GZIP';
}

/** The Reports API operations ingestion calls, for one selling partner. */
export interface ReportsPort {
  getReport(reportId: string): Promise<ReportRecord>;
  getReportDocument(
    reportDocumentId: string,
    options?: { readonly restrictedDataToken?: string },
  ): Promise<ReportDocumentLocation>;
  /** A Restricted Data Token for `GET <path>`. */
  createRestrictedDataToken(path: string): Promise<string>;
}

/** A document opened for streaming: its bytes as received, and how to read them. */
export interface OpenedDocument {
  readonly bytes: Readable;
  readonly compression: 'GZIP' | 'NONE';
  readonly charset: string;
}

/** What {@link DocumentPort.open} may know about a document beyond where it is. */
export interface DocumentOpenOptions {
  /** The report type's format: JSON documents are UTF-8, the charset fallbacks are for flat files. */
  readonly format?: 'tsv' | 'json' | undefined;
}

/** Downloads and decodes report documents (pre-signed URL, gzip, charset). */
export interface DocumentPort {
  open(
    location: ReportDocumentLocation,
    refresh: () => Promise<ReportDocumentLocation>,
    marketplaceId: string | undefined,
    options?: DocumentOpenOptions,
  ): Promise<OpenedDocument>;
  /** Decoded text chunks of the bytes. */
  decode(bytes: Readable, encoding: { compression: 'GZIP' | 'NONE'; charset: string }): Readable;
  /** The plain (decompressed) bytes, and how they are text: what `decode` would give. */
  decompress(
    bytes: Readable,
    encoding: { compression: 'GZIP' | 'NONE'; charset: string },
  ): DocumentBytes;
}

/** A document's plain bytes, for readers that work on bytes. */
export interface DocumentBytes {
  readonly chunks: Readable;
  readonly text: DocumentTextEncoding;
  /**
   * Takes back a chunk its reader is done with, to write later bytes into instead of a new buffer
   * (a document of gigabytes then needs a few buffers, not one per megabyte).
   */
  readonly recycle?: (chunk: Uint8Array) => void;
}

/** Opens a Parquet file writing to `output` (hyparquet-writer behind this port). */
export type ParquetSinkFactory = (
  columns: readonly ParquetColumn[],
  output: Writable,
) => ParquetSink;

/** Wall time, as a port. */
export interface ClockPort {
  now(): number;
}
