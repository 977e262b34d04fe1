import type { ColumnVector, ParquetColumn } from '@spapi-lake/lake';
import type { ByteBuffer } from './byte-buffer';
import type { IndexScratch } from './index-scratch';
import {
  allPresent,
  dictionaryBounds,
  encodeBoolean,
  encodeNumbers,
  encodeStrings,
  numericDictionary,
} from './page-values';
import { writeRleBitPackedHybrid } from './rle-hybrid';
import { ThriftCompactWriter } from './thrift-compact-writer';

/** Parquet enum values used here (parquet.thrift). */
export const Encoding = { Plain: 0, Rle: 3, RleDictionary: 8 } as const;
export const Codec = { Uncompressed: 0, Gzip: 2 } as const;
const PageType = { Data: 0, Dictionary: 2 } as const;

/** What the footer says about one column chunk; offsets are relative to the chunk's start. */
export interface ColumnChunkMeta {
  readonly encodings: readonly number[];
  readonly codec: number;
  readonly numValues: number;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  readonly dataPageOffset: number;
  readonly dictionaryPageOffset: number | undefined;
  readonly nullCount: number;
  readonly min: Uint8Array | undefined;
  readonly max: Uint8Array | undefined;
}

/** Scratch buffers shared by every encoder of one thread (encoding is synchronous). */
export interface EncoderScratch {
  readonly page: ByteBuffer;
  readonly dictionary: ByteBuffer;
  readonly values: ByteBuffer;
  readonly indices: IndexScratch;
}

// Compression must save at least this share of a column's bytes to be kept.
const COMPRESSION_MIN_SAVING = 0.1;

/**
 * One column chunk's pages before compression (an optional dictionary page, one data page): their
 * bodies are views of the scratch buffers, valid until anything writes to them again (the next
 * `prepareColumnChunk` with them does).
 */
export interface PreparedColumnChunk {
  readonly rows: number;
  readonly nullCount: number;
  readonly dictionary: { readonly count: number; readonly body: Uint8Array } | undefined;
  readonly data: Uint8Array;
  readonly stats: { readonly min: Uint8Array; readonly max: Uint8Array } | undefined;
}

/** Encodes one column's values into page bodies (no compression). */
export function prepareColumnChunk(
  column: ParquetColumn,
  vector: ColumnVector,
  rows: number,
  scratch: EncoderScratch,
): PreparedColumnChunk {
  const { present } = vector;
  const nullCount = nullsOf(present, rows);
  if (!column.nullable && nullCount > 0) {
    throw new Error(`column ${column.name} is required but has ${nullCount} nulls`);
  }
  const values = scratch.values;
  values.reset();
  let dictionary: { readonly count: number; readonly indices: Uint32Array } | undefined;
  let stats: { min: Uint8Array; max: Uint8Array } | undefined;
  switch (vector.kind) {
    case 'string': {
      const encoded = encodeStrings(vector.values, present, rows, rows - nullCount, scratch);
      dictionary = encoded.dictionary;
      stats = encoded.stats;
      break;
    }
    case 'plain-bytes':
      // Already PLAIN: laid out straight from the vector below.
      break;
    case 'dictionary': {
      const page = scratch.dictionary;
      page.reset();
      page.append(vector.entries);
      const indices = scratch.indices.take(rows - nullCount);
      // The dictionary lasts for the file and may hold values of other row groups (or of rows
      // abandoned for the slow path): the statistics cover the values this row group uses.
      const used = scratch.indices.takeFlags(vector.count);
      let n = 0;
      for (let i = 0; i < rows; i++) {
        if (present[i] === 0) continue;
        const id = vector.ids[i] ?? 0;
        indices[n++] = id;
        used[id] = 1;
      }
      if (n > 0) {
        dictionary = { count: vector.count, indices };
        stats = dictionaryBounds(page, vector.entryOffsets, used);
      }
      break;
    }
    case 'int32':
    case 'float64':
    case 'decimal': {
      const numeric = numericDictionary(column, vector, rows, scratch.indices);
      if (numeric) {
        dictionary = { count: numeric.entries.length, indices: numeric.indices };
        const entries =
          vector.kind === 'int32'
            ? Int32Array.from(numeric.entries)
            : Float64Array.from(numeric.entries);
        scratch.dictionary.reset();
        stats = encodeNumbers(
          scratch.dictionary,
          column,
          vector.kind,
          entries,
          allPresent(entries.length),
          entries.length,
          new Map(),
        );
      } else {
        stats = encodeNumbers(
          values,
          column,
          vector.kind,
          vector.values,
          present,
          rows,
          vector.kind === 'decimal' ? vector.exact : new Map(),
        );
      }
      break;
    }
    case 'boolean':
      stats = encodeBoolean(values, vector.values, present, rows);
      break;
  }

  const page = scratch.page;
  page.reset();
  if (column.nullable) {
    page.u32(0);
    if ((nullCount === 0 || nullCount === rows) && rows >= 8) {
      // One run of equal levels, as writeRleBitPackedHybrid would write it, without the scan.
      page.varint(rows * 2);
      page.u8(nullCount === 0 ? 1 : 0);
    } else {
      writeRleBitPackedHybrid(page, present, rows, 1);
    }
    page.view.setUint32(0, page.length - 4, true);
  }
  if (dictionary) {
    const bitWidth = Math.max(1, Math.ceil(Math.log2(dictionary.count)));
    page.u8(bitWidth);
    writeRleBitPackedHybrid(page, dictionary.indices, rows - nullCount, bitWidth);
  } else {
    page.append(vector.kind === 'plain-bytes' ? vector.values : values.view0());
  }
  return {
    rows,
    nullCount,
    dictionary: dictionary
      ? { count: dictionary.count, body: scratch.dictionary.view0() }
      : undefined,
    data: page.view0(),
    stats,
  };
}

// Columns are mostly all present or all absent: native searches tell those apart before counting.
function nullsOf(present: Uint8Array, rows: number): number {
  const levels = present.subarray(0, rows);
  if (levels.indexOf(0) === -1) return 0;
  if (levels.indexOf(1) === -1) return rows;
  let nulls = 0;
  for (let i = 0; i < rows; i++) if (present[i] === 0) nulls++;
  return nulls;
}

/** The stored (perhaps compressed) bodies of a prepared chunk's pages. */
export interface StoredPages {
  readonly dictionary: Uint8Array | undefined;
  readonly data: Uint8Array;
}

/**
 * Whether compressing the pages saves enough to pay; the file's first row group decides this for
 * each column of the file.
 */
export function compressionPays(prepared: PreparedColumnChunk, compressed: StoredPages): boolean {
  const raw = (prepared.dictionary?.body.length ?? 0) + prepared.data.length;
  const stored = (compressed.dictionary?.length ?? 0) + compressed.data.length;
  return stored <= raw * (1 - COMPRESSION_MIN_SAVING);
}

/** Appends a prepared chunk's pages, with their headers, to `out`. */
export function layoutColumnChunk(
  out: ByteBuffer,
  prepared: PreparedColumnChunk,
  stored: StoredPages,
  codec: number,
): ColumnChunkMeta {
  const start = out.length;
  let uncompressed = 0;
  let dictionaryPageOffset: number | undefined;
  const { dictionary } = prepared;
  if (dictionary) {
    dictionaryPageOffset = 0;
    const body = stored.dictionary ?? dictionary.body;
    const header = new ThriftCompactWriter()
      .i32(1, PageType.Dictionary)
      .i32(2, dictionary.body.length)
      .i32(3, body.length)
      .beginStruct(7)
      .i32(1, dictionary.count)
      .i32(2, Encoding.Plain)
      .endStruct()
      .end();
    out.append(header);
    out.append(body);
    uncompressed += header.length + dictionary.body.length;
  }
  const dataPageOffset = out.length - start;
  const header = new ThriftCompactWriter()
    .i32(1, PageType.Data)
    .i32(2, prepared.data.length)
    .i32(3, stored.data.length)
    .beginStruct(5)
    .i32(1, prepared.rows)
    .i32(2, dictionary ? Encoding.RleDictionary : Encoding.Plain)
    .i32(3, Encoding.Rle)
    .i32(4, Encoding.Rle)
    .endStruct()
    .end();
  out.append(header);
  out.append(stored.data);
  uncompressed += header.length + prepared.data.length;
  return {
    encodings: dictionary
      ? [Encoding.Plain, Encoding.Rle, Encoding.RleDictionary]
      : [Encoding.Plain, Encoding.Rle],
    codec,
    numValues: prepared.rows,
    uncompressedSize: uncompressed,
    compressedSize: out.length - start,
    dataPageOffset,
    dictionaryPageOffset,
    nullCount: prepared.nullCount,
    min: prepared.stats?.min,
    max: prepared.stats?.max,
  };
}
