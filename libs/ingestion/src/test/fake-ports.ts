import { Readable, type Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  type ParquetColumn,
  type ParquetRecord,
  ParquetRowError,
  type ParquetSink,
} from '@spapi-lake/lake';
import type {
  DocumentPort,
  ParquetSinkFactory,
  ReportDocumentLocation,
  ReportRecord,
  ReportsPort,
} from '../ports';

/** A document the fake Reports API hands out. */
export interface FakeDocument {
  readonly bytes: Buffer;
  readonly compression: 'GZIP' | 'NONE';
  readonly charset: 'utf-8' | 'latin1';
}

/** The Reports API of one partner, answering from fixed data and recording each call. */
export class FakeReportsPort implements ReportsPort {
  readonly calls: string[] = [];
  private urls = 0;

  constructor(
    public report: ReportRecord,
    private readonly document?: FakeDocument,
  ) {}

  async getReport(reportId: string): Promise<ReportRecord> {
    this.calls.push(`getReport ${reportId}`);
    return this.report;
  }

  async getReportDocument(
    reportDocumentId: string,
    options: { readonly restrictedDataToken?: string } = {},
  ): Promise<ReportDocumentLocation> {
    this.urls += 1;
    this.calls.push(
      `getReportDocument ${reportDocumentId}${options.restrictedDataToken ? ` rdt=${options.restrictedDataToken}` : ''}`,
    );
    return {
      reportDocumentId,
      url: `https://documents.example/${reportDocumentId}?try=${this.urls}`,
      ...(this.document?.compression === 'GZIP' ? { compressionAlgorithm: 'GZIP' as const } : {}),
    };
  }

  async createRestrictedDataToken(path: string): Promise<string> {
    this.calls.push(`createRestrictedDataToken GET ${path}`);
    return 'Atza|rdt-for-test';
  }

  documentOf(): FakeDocument {
    if (!this.document) throw new Error('this fake has no document');
    return this.document;
  }
}

/**
 * Downloads from the fake's document: `expiredTries` first URLs are refused (the port must use
 * `refresh`), `failAfterBytes` cuts the body with an error, `chunkBytes` serves it in pieces of
 * that size (as a download arrives), `holdAfterBytes` serves that many bytes, then the rest once
 * `resumeWhen` settles (a download slower than the parser). Decodes with node:zlib + TextDecoder.
 */
export function fakeDocumentPort(
  reports: FakeReportsPort,
  options: {
    readonly expiredTries?: number;
    readonly failAfterBytes?: number;
    readonly chunkBytes?: number;
    readonly holdAfterBytes?: number;
    readonly resumeWhen?: Promise<unknown>;
  } = {},
): DocumentPort & { readonly opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    async open(location, refresh) {
      let current = location;
      for (let i = 0; i < (options.expiredTries ?? 0); i++) current = await refresh();
      opened.push(current.url);
      const document = reports.documentOf();
      const cut = options.failAfterBytes;
      const size = options.chunkBytes ?? document.bytes.length;
      const pieces = [];
      for (let at = 0; at < document.bytes.length; at += size) {
        pieces.push(document.bytes.subarray(at, at + size));
      }
      const held = options.holdAfterBytes;
      const bytes =
        held !== undefined
          ? Readable.from(
              (async function* () {
                yield document.bytes.subarray(0, held);
                await options.resumeWhen;
                yield document.bytes.subarray(held);
              })(),
            )
          : cut === undefined
            ? Readable.from(pieces)
            : Readable.from(
                (async function* () {
                  yield document.bytes.subarray(0, cut);
                  throw new Error('connection reset');
                })(),
              );
      return { bytes, compression: document.compression, charset: document.charset };
    },
    decode(bytes, encoding) {
      const source = encoding.compression === 'GZIP' ? bytes.pipe(createGunzip()) : bytes;
      bytes.on('error', (error) => source.destroy(error));
      const decoder = new TextDecoder(encoding.charset);
      return Readable.from(
        (async function* () {
          for await (const chunk of source) {
            yield decoder.decode(chunk as Uint8Array, { stream: true });
          }
          yield decoder.decode();
        })(),
        { objectMode: false, encoding: 'utf8' },
      );
    },
    decompress(bytes, encoding) {
      const charset = encoding.charset.toLowerCase();
      if (charset === 'windows-1252' || charset === 'latin1') {
        const source = encoding.compression === 'GZIP' ? bytes.pipe(createGunzip()) : bytes;
        bytes.on('error', (error) => source.destroy(error));
        const high = new TextDecoder(charset).decode(
          Uint8Array.from({ length: 128 }, (_, index) => 0x80 + index),
        );
        return { chunks: source, text: { kind: 'single-byte', high } };
      }
      // Anything else (UTF-8 included, its BOM dropped by the decoder) as UTF-8 of the decoded text.
      const text = this.decode(bytes, encoding);
      return {
        chunks: Readable.from(
          (async function* () {
            for await (const chunk of text) yield Buffer.from(chunk as string, 'utf8');
          })(),
        ),
        text: { kind: 'utf-8' },
      };
    },
  };
}

/** What a recording sink received: its columns and rows. */
export interface RecordedFile {
  readonly columns: readonly ParquetColumn[];
  readonly rows: ParquetRecord[];
}

/**
 * A ParquetSinkFactory whose sinks keep their rows and write them as JSON lines (deterministic
 * bytes); `rejects(row)` makes a row fail with ParquetRowError, as a real sink does.
 */
export function recordingSinks(
  rejects: (row: ParquetRecord) => boolean = () => false,
): ParquetSinkFactory & { readonly files: RecordedFile[] } {
  const files: RecordedFile[] = [];
  const factory = (columns: readonly ParquetColumn[], output: Writable): ParquetSink => {
    const file: RecordedFile = { columns, rows: [] };
    files.push(file);
    const names = new Set(columns.map((column) => column.name));
    return {
      async appendRow(row) {
        for (const field of Object.keys(row)) {
          if (!names.has(field)) throw new ParquetRowError(`field ${field} is not in the schema`);
        }
        if (rejects(row)) throw new ParquetRowError('value out of range');
        file.rows.push(row);
        output.write(`${JSON.stringify(row)}\n`);
      },
      async close() {
        await new Promise<void>((resolve) => output.end(resolve));
        return { rows: file.rows.length, rowGroups: 1, bytes: 0 };
      },
    };
  };
  return Object.assign(factory, { files });
}
