import type { ColumnVector, ParquetColumn, ParquetFileEncoder } from '@spapi-lake/lake';
import { parquetSchemaOf } from '../parquet-schema';
import { ByteBuffer } from './byte-buffer';
import { constants, gzipSync } from 'node:zlib';
import {
  Codec,
  type ColumnChunkMeta,
  type EncoderScratch,
  type PreparedColumnChunk,
  type StoredPages,
  compressionPays,
  layoutColumnChunk,
  prepareColumnChunk,
} from './column-chunk';
import { ThriftCompactWriter, ThriftType } from './thrift-compact-writer';

const MAGIC = Uint8Array.of(0x50, 0x41, 0x52, 0x31);

/** How a column's compressed pages are compressed, decided once per document. */
export const GzipStrategy = {
  /** GZIP level 1: most of the saving for a fraction of the time of the default level. */
  Default: 'gzip',
  /**
   * GZIP with run-length matches only (Z_RLE): for runs, such as some dictionary indices, stored
   * about as small as level 1 stores them, faster.
   */
  Rle: 'gzip-rle',
  /**
   * GZIP with Huffman coding only (Z_HUFFMAN_ONLY): for values LZ77 finds nothing to match in,
   * such as order ids (random digits), which it stores as small as level 1 does, at about three
   * times the speed.
   */
  Huffman: 'gzip-huffman',
} as const;
export type GzipStrategy = (typeof GzipStrategy)[keyof typeof GzipStrategy];

// The cheaper strategies, fastest first: the first that stores within RELAXED_MAX_EXTRA of level 1
// is the column's.
const CHEAPER_STRATEGIES = [GzipStrategy.Huffman, GzipStrategy.Rle] as const;

const zlibStrategy: Record<GzipStrategy, number> = {
  [GzipStrategy.Default]: constants.Z_DEFAULT_STRATEGY,
  [GzipStrategy.Rle]: constants.Z_RLE,
  [GzipStrategy.Huffman]: constants.Z_HUFFMAN_ONLY,
};

/**
 * Per column, the GZIP strategy of the files that share the plan (the files of one document,
 * whose days are alike): chosen by the first row group that has enough values and pays to
 * compress, kept from then on. Whether compression pays at all is each file's own decision.
 */
export type CompressionPlan = (GzipStrategy | undefined)[];

// A cheaper strategy is kept where it stores at most this much more than level 1.
const RELAXED_MAX_EXTRA = 0.01;
// A strategy is chosen from a row group with at least this many values, not from a few.
const MIN_VALUES_TO_CHOOSE = 1000;

function compressed(prepared: PreparedColumnChunk, strategy: GzipStrategy): StoredPages {
  // memLevel 9 (zlib's largest hash table): about 5 % faster at level 1 on these pages, the same size.
  const options = { level: 1, memLevel: 9, strategy: zlibStrategy[strategy] };
  return {
    dictionary: prepared.dictionary ? gzipSync(prepared.dictionary.body, options) : undefined,
    data: gzipSync(prepared.data, options),
  };
}

const storedLength = (pages: StoredPages): number =>
  (pages.dictionary?.length ?? 0) + pages.data.length;

// The plan's strategy, or, until it has one, level 1 and (where that pays on enough values) the
// cheaper strategies, fastest first, choosing for the plan the first that stores about as little.
function compressedPages(prepared: PreparedColumnChunk, plan: CompressionPlan, c: number) {
  const planned = plan[c];
  if (planned) return compressed(prepared, planned);
  const gzip = compressed(prepared, GzipStrategy.Default);
  if (
    prepared.rows - prepared.nullCount < MIN_VALUES_TO_CHOOSE ||
    !compressionPays(prepared, gzip)
  ) {
    return gzip;
  }
  const limit = storedLength(gzip) * (1 + RELAXED_MAX_EXTRA);
  for (const strategy of CHEAPER_STRATEGIES) {
    const cheaper = compressed(prepared, strategy);
    if (storedLength(cheaper) <= limit) {
      plan[c] = strategy;
      return storedLength(cheaper) <= storedLength(gzip) ? cheaper : gzip;
    }
  }
  plan[c] = GzipStrategy.Default;
  return gzip;
}

interface RowGroupMeta {
  readonly rows: number;
  readonly fileOffset: number;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  readonly chunks: readonly { readonly offset: number; readonly meta: ColumnChunkMeta }[];
}

/**
 * A Parquet file from column vectors: PAR1, one row group per `encodeRowGroup` (each column one
 * optional dictionary page and one v1 data page), then a Thrift compact footer. Schema, physical and
 * logical types are `parquetSchemaOf`'s, the same HyparquetSink writes.
 */
export class ColumnarParquetFileEncoder implements ParquetFileEncoder {
  private offset = 0;
  /** Per column, decided by the file's first row group: whether GZIP shrinks it enough to pay. */
  private readonly compress: (boolean | undefined)[];
  private readonly groups: RowGroupMeta[] = [];
  private finished = false;
  rows = 0;

  constructor(
    private readonly columns: readonly ParquetColumn[],
    private readonly scratch: EncoderScratch & { readonly group: ByteBuffer },
    private readonly createdBy: string,
    private readonly plan: CompressionPlan = columns.map(() => undefined),
  ) {
    this.compress = columns.map(() => undefined);
  }

  get rowGroups(): number {
    return this.groups.length;
  }

  encodeRowGroup(vectors: readonly ColumnVector[], rows: number): Uint8Array {
    if (this.finished) throw new Error('the Parquet file is finished');
    if (vectors.length !== this.columns.length) {
      throw new Error(`expected ${this.columns.length} column vectors, got ${vectors.length}`);
    }
    const out = this.scratch.group;
    out.reset();
    if (this.offset === 0) out.append(MAGIC);
    const fileOffset = this.offset + out.length;
    const chunks: { offset: number; meta: ColumnChunkMeta }[] = [];
    let uncompressedSize = 0;
    // Column by column: a chunk's pages are scratch views, laid out before the next is prepared.
    this.columns.forEach((column, c) => {
      const vector = vectors[c];
      if (!vector) throw new Error('column vectors do not match the schema');
      const chunk = prepareColumnChunk(column, vector, rows, this.scratch);
      const pages = this.compress[c] === false ? undefined : compressedPages(chunk, this.plan, c);
      if (this.compress[c] === undefined) {
        this.compress[c] = pages !== undefined && compressionPays(chunk, pages);
      }
      const stored = this.compress[c] ? pages : undefined;
      const offset = this.offset + out.length;
      const meta = layoutColumnChunk(
        out,
        chunk,
        stored ?? { dictionary: chunk.dictionary?.body, data: chunk.data },
        stored ? Codec.Gzip : Codec.Uncompressed,
      );
      uncompressedSize += meta.uncompressedSize;
      chunks.push({ offset, meta });
    });
    this.rows += rows;
    const bytes = out.toBytes();
    this.groups.push({
      rows,
      fileOffset,
      uncompressedSize,
      compressedSize: this.offset + bytes.length - fileOffset,
      chunks,
    });
    this.offset += bytes.length;
    return bytes;
  }

  finish(): Uint8Array {
    if (this.finished) throw new Error('the Parquet file is finished');
    this.finished = true;
    const footer = this.footer();
    const out = new ByteBuffer(footer.length + 12);
    if (this.offset === 0) out.append(MAGIC);
    out.append(footer);
    out.u32(footer.length);
    out.append(MAGIC);
    return out.toBytes();
  }

  private footer(): Uint8Array {
    const schema = parquetSchemaOf(this.columns);
    const t = new ThriftCompactWriter(new ByteBuffer(4096));
    t.i32(1, 2);
    t.beginList(2, ThriftType.Struct, schema.length);
    for (const element of schema) {
      t.beginListStruct();
      if (element.type) t.i32(1, physicalType(element.type));
      if (element.type_length !== undefined) t.i32(2, element.type_length);
      if (element.repetition_type) t.i32(3, element.repetition_type === 'REQUIRED' ? 0 : 1);
      t.binary(4, element.name);
      if (element.num_children !== undefined) t.i32(5, element.num_children);
      if (element.converted_type) t.i32(6, convertedType(element.converted_type));
      if (element.scale !== undefined) t.i32(7, element.scale);
      if (element.precision !== undefined) t.i32(8, element.precision);
      const logical = element.logical_type;
      if (logical) {
        t.beginStruct(10);
        switch (logical.type) {
          case 'STRING':
            t.beginStruct(1).endStruct();
            break;
          case 'DECIMAL':
            t.beginStruct(5).i32(1, logical.scale).i32(2, logical.precision).endStruct();
            break;
          case 'DATE':
            t.beginStruct(6).endStruct();
            break;
          case 'TIMESTAMP':
            t.beginStruct(8).bool(1, logical.isAdjustedToUTC);
            t.beginStruct(2).beginStruct(1).endStruct().endStruct();
            t.endStruct();
            break;
          default:
            throw new Error(`logical type ${logical.type} is not written by this encoder`);
        }
        t.endStruct();
      }
      t.endStruct();
    }
    t.i64(3, this.rows);
    t.beginList(4, ThriftType.Struct, this.groups.length);
    for (const group of this.groups) {
      t.beginListStruct();
      t.beginList(1, ThriftType.Struct, group.chunks.length);
      group.chunks.forEach(({ offset, meta }, c) => {
        const column = schema[c + 1];
        t.beginListStruct();
        t.i64(2, offset);
        t.beginStruct(3);
        t.i32(1, physicalType(column?.type ?? 'BYTE_ARRAY'));
        t.beginList(2, ThriftType.I32, meta.encodings.length);
        for (const encoding of meta.encodings) t.listI32(encoding);
        t.beginList(3, ThriftType.Binary, 1).listBinary(column?.name ?? '');
        t.i32(4, meta.codec);
        t.i64(5, meta.numValues);
        t.i64(6, meta.uncompressedSize);
        t.i64(7, meta.compressedSize);
        t.i64(9, offset + meta.dataPageOffset);
        if (meta.dictionaryPageOffset !== undefined) t.i64(11, offset + meta.dictionaryPageOffset);
        t.beginStruct(12);
        t.i64(3, meta.nullCount);
        if (meta.max && meta.min) t.binary(5, meta.max).binary(6, meta.min);
        t.endStruct();
        t.endStruct();
        t.endStruct();
      });
      t.i64(2, group.uncompressedSize);
      t.i64(3, group.rows);
      t.i64(5, group.fileOffset);
      t.i64(6, group.compressedSize);
      t.endStruct();
    }
    t.binary(6, this.createdBy);
    // TYPE_DEFINED_ORDER for every leaf, so readers trust min_value/max_value.
    t.beginList(7, ThriftType.Struct, this.columns.length);
    for (let c = 0; c < this.columns.length; c++) {
      t.beginListStruct().beginStruct(1).endStruct().endStruct();
    }
    return t.end();
  }
}

const PHYSICAL_TYPES = [
  'BOOLEAN',
  'INT32',
  'INT64',
  'INT96',
  'FLOAT',
  'DOUBLE',
  'BYTE_ARRAY',
  'FIXED_LEN_BYTE_ARRAY',
];

function physicalType(type: string): number {
  const index = PHYSICAL_TYPES.indexOf(type);
  if (index < 0) throw new Error(`unknown Parquet type ${type}`);
  return index;
}

const CONVERTED_TYPES: Readonly<Record<string, number>> = {
  UTF8: 0,
  DECIMAL: 5,
  DATE: 6,
  TIMESTAMP_MILLIS: 9,
};

function convertedType(type: string): number {
  const value = CONVERTED_TYPES[type];
  if (value === undefined) throw new Error(`converted type ${type} is not written by this encoder`);
  return value;
}
