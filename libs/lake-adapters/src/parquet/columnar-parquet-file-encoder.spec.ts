import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import type {
  ColumnVector,
  ParquetColumn,
  ParquetFileEncoder,
  ParquetRecord,
  StoredParquetValue,
} from '@spapi-lake/lake';
import { HyparquetSink } from '../hyparquet-sink';
import { columnarParquetEncoding, encoderScratch } from './columnar-parquet-encoding';
import {
  type CompressionPlan,
  ColumnarParquetFileEncoder,
  GzipStrategy,
} from './columnar-parquet-file-encoder';

const columns: ParquetColumn[] = [
  { name: 'sku', type: 'string', nullable: true },
  { name: 'status', type: 'string', nullable: true },
  { name: 'quantity', type: 'int32', nullable: false },
  { name: 'refund_cents', type: 'int64', nullable: true },
  { name: 'price', type: 'double', nullable: true },
  { name: 'is_gift', type: 'boolean', nullable: true },
  { name: 'purchase_date', type: 'timestamp', nullable: true },
  { name: 'report_day', type: 'date', nullable: true },
  { name: 'item_price', type: 'decimal', nullable: true, precision: 18, scale: 2 },
  { name: 'fx_rate', type: 'decimal', nullable: true, precision: 38, scale: 10 },
  { name: 'small_amount', type: 'decimal', nullable: true, precision: 9, scale: 2 },
  { name: '_report_id', type: 'string', nullable: false },
  { name: '_source_position', type: 'int64', nullable: false },
];

const BASE_MS = Date.UTC(2024, 0, 1, 8, 30, 0);
const statuses = ['Shipped', 'Pending', 'Cancelled', 'Crème brûlée – €'];

function rowAt(i: number): ParquetRecord {
  return {
    sku: i % 7 === 0 ? null : `SKU-${i}-ü日本😀`,
    status: i % 13 === 0 ? null : (statuses[i % statuses.length] ?? null),
    quantity: i - 1500,
    refund_cents: i % 5 === 0 ? null : -i * 1_000_003,
    price: i % 11 === 0 ? null : i * 0.25 - 100,
    is_gift: i % 3 === 0 ? null : i % 2 === 1,
    purchase_date: i % 4 === 0 ? null : BASE_MS + i * 60_000,
    report_day: i % 6 === 0 ? null : `2024-0${1 + (i % 9)}-1${i % 10}`,
    item_price: i % 9 === 0 ? null : (i % 2 ? -1 : 1) * (i + (i % 100) / 100),
    // Beyond 2^53 unscaled: kept exactly, off the float fast path.
    fx_rate: i % 10 === 0 ? null : `12345678901234567890.${String(i).padStart(10, '0')}`,
    small_amount: i % 8 === 0 ? null : (i % 1000) / 4,
    _report_id: '50040019876',
    _source_position: i + 2,
  };
}

/** Column vectors of `records`, converted by the encoding's own cell rules. */
function vectorsOf(records: readonly ParquetRecord[]): ColumnVector[] {
  const encoding = columnarParquetEncoding();
  return columns.map((column): ColumnVector => {
    const convert = encoding.converter(column);
    const stored: StoredParquetValue[] = records.map((record) => convert(record[column.name]));
    const present = Uint8Array.from(stored, (value) => (value === null ? 0 : 1));
    switch (column.type) {
      case 'string':
        return {
          kind: 'string',
          present,
          values: stored.map((v) => (v === null ? '' : String(v))),
        };
      case 'int32':
      case 'date':
        return { kind: 'int32', present, values: Int32Array.from(stored, (v) => Number(v ?? 0)) };
      case 'boolean':
        return { kind: 'boolean', present, values: Uint8Array.from(stored, (v) => (v ? 1 : 0)) };
      case 'decimal': {
        const exact = new Map<number, bigint>();
        const values = Float64Array.from(stored, (v, i) => {
          if (typeof v === 'bigint' && !Number.isSafeInteger(Number(v))) exact.set(i, v);
          return Number(v ?? 0);
        });
        return { kind: 'decimal', present, values, exact };
      }
      default:
        return {
          kind: 'float64',
          present,
          values: Float64Array.from(stored, (v) => Number(v ?? 0)),
        };
    }
  });
}

function encodeFile(records: readonly ParquetRecord[], rowGroupSize: number): Buffer {
  const encoder = columnarParquetEncoding({ createdBy: 'spec' }).open(columns);
  const parts: Uint8Array[] = [];
  for (let start = 0; start < records.length; start += rowGroupSize) {
    const group = records.slice(start, start + rowGroupSize);
    parts.push(encoder.encodeRowGroup(vectorsOf(group), group.length));
  }
  parts.push(encoder.finish());
  return Buffer.concat(parts);
}

async function hyparquetSinkFile(records: readonly ParquetRecord[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const sink = new HyparquetSink(columns, output, { rowGroupSize: 1000 });
  for (const record of records) await sink.appendRow(record);
  await sink.close();
  return Buffer.concat(chunks);
}

const toArrayBuffer = (bytes: Buffer): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

const compressors = { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) };
const read = (file: Buffer) => parquetReadObjects({ file: toArrayBuffer(file), compressors });

const records = Array.from({ length: 2500 }, (_, i) => rowAt(i));

describe('ColumnarParquetFileEncoder', () => {
  it('writes rows that hyparquet reads back as HyparquetSink wrote them, row groups and all', async () => {
    const file = encodeFile(records, 1000);
    const reference = await hyparquetSinkFile(records);
    const ours = await read(file);
    const theirs = await read(reference);
    expect(ours).toHaveLength(records.length);
    expect(ours).toEqual(theirs);
    expect(parquetMetadata(toArrayBuffer(file)).row_groups.map((g) => Number(g.num_rows))).toEqual([
      1000, 1000, 500,
    ]);
  });

  it('declares the same schema (physical, converted and logical types) as HyparquetSink', async () => {
    const ours = parquetMetadata(toArrayBuffer(encodeFile(records, 1000))).schema;
    const theirs = parquetMetadata(toArrayBuffer(await hyparquetSinkFile(records))).schema;
    expect(ours).toEqual(theirs);
  });

  it('writes the same bytes for the same rows', () => {
    expect(encodeFile(records, 700).equals(encodeFile(records, 700))).toBe(true);
  });

  it('records null counts and min/max statistics readers can use', () => {
    const metadata = parquetMetadata(toArrayBuffer(encodeFile(records.slice(0, 1000), 1000)));
    const chunks = metadata.row_groups[0]?.columns ?? [];
    const statsOf = (name: string) =>
      chunks.find((chunk) => chunk.meta_data?.path_in_schema[0] === name)?.meta_data?.statistics;
    expect(statsOf('quantity')).toMatchObject({
      min_value: -1500,
      max_value: -501,
      null_count: 0n,
    });
    expect(statsOf('refund_cents')).toMatchObject({ null_count: 200n });
    expect(statsOf('status')).toMatchObject({ min_value: 'Cancelled', max_value: 'Shipped' });
    expect(statsOf('purchase_date')?.min_value).toEqual(new Date(BASE_MS + 60_000));
  });

  it('bounds a dictionary column by the values its row group uses, not the whole dictionary', () => {
    const schema: ParquetColumn[] = [{ name: 'status', type: 'string', nullable: true }];
    // Entries as the columnar builder keeps them for a whole file: PLAIN, length first.
    const values = ['Zebra', 'Pending', 'Shipped', 'Aardvark'];
    const parts = values.map((value) => Buffer.from(value));
    const entries = Buffer.concat(
      parts.flatMap((part) => [Buffer.from(Uint32Array.of(part.length).buffer), part]),
    );
    const entryOffsets = Int32Array.from({ length: values.length + 1 }, (_, k) =>
      parts.slice(0, k).reduce((sum, part) => sum + 4 + part.length, 0),
    );
    const encoder = columnarParquetEncoding().open(schema);
    const file = Buffer.concat([
      encoder.encodeRowGroup(
        [
          {
            kind: 'dictionary',
            present: Uint8Array.of(1, 1, 0),
            ids: Int32Array.of(1, 2, 0),
            count: values.length,
            entries,
            entryOffsets,
          },
        ],
        3,
      ),
      encoder.finish(),
    ]);
    const statistics = parquetMetadata(toArrayBuffer(file)).row_groups[0]?.columns[0]?.meta_data
      ?.statistics;
    expect(statistics).toMatchObject({ min_value: 'Pending', max_value: 'Shipped' });
  });

  it('is read by DuckDB with the values and types the lake expects', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'columnar-parquet-'));
    try {
      const file = path.join(directory, 'part.parquet');
      await writeFile(file, encodeFile(records, 1000));
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const reader = await connection.runAndReadAll(
        `SELECT count(*)::INTEGER AS n, count(sku)::INTEGER AS skus, sum(item_price)::VARCHAR AS total,
                max(fx_rate)::VARCHAR AS fx, min(purchase_date)::VARCHAR AS first,
                max(report_day)::VARCHAR AS last_day, count(DISTINCT status)::INTEGER AS statuses,
                sum(_source_position)::BIGINT AS positions
         FROM read_parquet('${file}')`,
      );
      const expectedTotal = records.reduce(
        (sum, r) => sum + Math.round(Number(r['item_price'] ?? 0) * 100),
        0,
      );
      expect(reader.getRowObjectsJson()[0]).toEqual({
        n: records.length,
        skus: records.filter((r) => r['sku'] !== null).length,
        total: (expectedTotal / 100).toFixed(2),
        fx: '12345678901234567890.0000002499',
        first: '2024-01-01 08:31:00+00',
        last_day: '2024-09-19',
        statuses: 4,
        positions: String(records.reduce((sum, r) => sum + Number(r['_source_position']), 0)),
      });
      connection.closeSync();
      instance.closeSync();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('writes an all-null row group and a file of a single row', async () => {
    const empty: ParquetRecord = { quantity: 0, _report_id: 'r', _source_position: 1 };
    const file = encodeFile([empty], 1);
    expect(await read(file)).toEqual(await read(await hyparquetSinkFile([empty])));
  });

  describe('page compression', () => {
    const schema: ParquetColumn[] = [
      { name: 'order_id', type: 'string', nullable: false },
      { name: 'note', type: 'string', nullable: false },
      { name: 'channel', type: 'string', nullable: false },
    ];
    let seed = 7;
    const digits = (count: number) => {
      let text = '';
      for (let k = 0; k < count; k++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        text += String(seed % 10);
      }
      return text;
    };
    const orderIds = (rows: number) =>
      Array.from({ length: rows }, () => `${digits(3)}-${digits(7)}-${digits(7)}`);
    const notes = (rows: number) =>
      Array.from({ length: rows }, (_, i) => `Gift note ${i % 50}: deliver to the side door`);
    // A digit repeated 1 to 40 times: runs that Huffman coding alone cannot shrink.
    const runs = (rows: number) =>
      Array.from({ length: rows }, () => digits(1).repeat(1 + (Number(digits(2)) % 40)));
    const plain = (values: string[]): ColumnVector => ({
      kind: 'string',
      present: new Uint8Array(values.length).fill(1),
      values,
    });
    const fileOf = (encoder: ParquetFileEncoder, groups: string[][][]) =>
      Buffer.concat([
        ...groups.map((group) => encoder.encodeRowGroup(group.map(plain), group[0]?.length ?? 0)),
        encoder.finish(),
      ]);
    const chunkSizes = (file: Buffer) =>
      parquetMetadata(toArrayBuffer(file)).row_groups.map((group) =>
        group.columns.map((chunk) => Number(chunk.meta_data?.total_compressed_size)),
      );

    it('codes Huffman only where that stores as little, and compresses nothing where GZIP does not pay', async () => {
      const plan: CompressionPlan = schema.map(() => undefined);
      const rows = 2000;
      const groups = [0, 1].map(() => [orderIds(rows), notes(rows), Array(rows).fill('Amazon.de')]);
      const file = fileOf(
        new ColumnarParquetFileEncoder(schema, encoderScratch(), 'spec', plan),
        groups,
      );
      // A column GZIP does not pay for has no strategy, and is stored uncompressed in this file.
      expect(plan).toEqual([GzipStrategy.Huffman, GzipStrategy.Default, undefined]);
      expect(
        parquetMetadata(toArrayBuffer(file)).row_groups[1]?.columns.map((c) => c.meta_data?.codec),
      ).toEqual(['GZIP', 'GZIP', 'UNCOMPRESSED']);
      expect(await read(file)).toEqual(
        groups.flatMap(([ids, texts, channels]) =>
          (ids ?? []).map((id, i) => ({ order_id: id, note: texts?.[i], channel: channels?.[i] })),
        ),
      );
    });

    it('keeps run-length matches where Huffman coding alone stores more', async () => {
      const plan: CompressionPlan = schema.map(() => undefined);
      const rows = 2000;
      const groups = [[runs(rows), orderIds(rows), notes(rows)]];
      const file = fileOf(
        new ColumnarParquetFileEncoder(schema, encoderScratch(), 'spec', plan),
        groups,
      );
      expect(plan).toEqual([GzipStrategy.Rle, GzipStrategy.Huffman, GzipStrategy.Default]);
      expect(await read(file)).toEqual(
        groups.flatMap(([runValues, ids, texts]) =>
          (runValues ?? []).map((value, i) => ({
            order_id: value,
            note: ids?.[i],
            channel: texts?.[i],
          })),
        ),
      );
    });

    it('decides once for the files opened with one columns array: a document', async () => {
      const encoding = columnarParquetEncoding({ createdBy: 'spec' });
      const rows = 2000;
      // The first file decides Huffman-only coding for order ids...
      fileOf(encoding.open(schema), [[orderIds(rows), notes(rows), Array(rows).fill('x')]]);
      // ...which the document's next file keeps even for text LZ77 would shrink far more.
      const textual = [[notes(rows), notes(rows), Array(rows).fill('x')]];
      const sameDocument = fileOf(encoding.open(schema), textual);
      const otherDocument = fileOf(encoding.open([...schema]), textual);
      const [kept] = chunkSizes(sameDocument);
      const [fresh] = chunkSizes(otherDocument);
      expect(kept?.[0]).toBeGreaterThan((fresh?.[0] ?? 0) * 2);
      expect(kept?.[1]).toBe(fresh?.[1]);
      expect(await read(sameDocument)).toEqual(await read(otherDocument));
    });

    it('neither chooses nor switches compression off for the document from a few values', () => {
      const plan: CompressionPlan = schema.map(() => undefined);
      const open = () => new ColumnarParquetFileEncoder(schema, encoderScratch(), 'spec', plan);
      // The document's first file: a day with little in it, text that GZIP does shrink.
      const few = notes(50);
      const first = fileOf(open(), [[few, few, Array(50).fill('x')]]);
      expect(plan).toEqual([undefined, undefined, undefined]);
      expect(
        parquetMetadata(toArrayBuffer(first)).row_groups[0]?.columns.map((c) => c.meta_data?.codec),
      ).toEqual(['GZIP', 'GZIP', 'UNCOMPRESSED']);
      const rows = 2000;
      const next = fileOf(open(), [[orderIds(rows), notes(rows), Array(rows).fill('x')]]);
      expect(plan).toEqual([GzipStrategy.Huffman, GzipStrategy.Default, undefined]);
      // A first file of two rows (GZIP cannot pay on them) leaves the next file's own decision.
      const tiny = fileOf(open(), [[orderIds(2), notes(2), ['x', 'x']]]);
      const after = fileOf(open(), [[orderIds(rows), notes(rows), Array(rows).fill('x')]]);
      const codecs = (file: Buffer) =>
        parquetMetadata(toArrayBuffer(file)).row_groups[0]?.columns.map(
          (chunk) => chunk.meta_data?.codec,
        );
      expect(codecs(tiny)?.[0]).toBe('UNCOMPRESSED');
      expect(codecs(next)).toEqual(['GZIP', 'GZIP', 'UNCOMPRESSED']);
      expect(codecs(after)).toEqual(['GZIP', 'GZIP', 'UNCOMPRESSED']);
    });
  });
});
