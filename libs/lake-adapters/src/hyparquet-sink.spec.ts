import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { ParquetRowError, ParquetSchemaError, ParquetSinkClosedError } from '@spapi-lake/lake';
import { HyparquetSink } from './hyparquet-sink';
import type { ParquetColumn, ParquetRecord } from '@spapi-lake/lake';

const columns: ParquetColumn[] = [
  { name: 'sku', type: 'string', nullable: true },
  { name: 'quantity', type: 'int32', nullable: false },
  { name: 'order_total_cents', type: 'int64', nullable: false },
  { name: 'refund_cents', type: 'int64', nullable: true },
  { name: 'weight_kg', type: 'double', nullable: false },
  { name: 'price', type: 'double', nullable: true },
  { name: 'is_prime', type: 'boolean', nullable: false },
  { name: 'is_gift', type: 'boolean', nullable: true },
  { name: 'purchase_date', type: 'timestamp', nullable: false },
  { name: 'shipped_at', type: 'timestamp', nullable: true },
  { name: 'report_day', type: 'date', nullable: false },
  { name: 'settlement_day', type: 'date', nullable: true },
  { name: 'item_price', type: 'decimal', nullable: true, precision: 12, scale: 2 },
  { name: 'fx_rate', type: 'decimal', nullable: false, precision: 38, scale: 10 },
  { name: '_report_id', type: 'string', nullable: false },
];

const BASE_MS = Date.UTC(2024, 0, 1, 8, 30, 0, 123);
const DAY_MS = 86_400_000;

function dayString(offset: number): string {
  return new Date(Date.UTC(2024, 0, 1) + offset * DAY_MS).toISOString().slice(0, 10);
}

function rowAt(i: number): ParquetRecord {
  return {
    sku: i % 7 === 0 ? null : `SKU-${i}-ü日本`,
    quantity: i - 1500,
    order_total_cents: 9_007_199_254_740_993n + BigInt(i),
    refund_cents: i % 5 === 0 ? null : -i,
    weight_kg: i / 8,
    price: i % 11 === 0 ? undefined : i * 0.25,
    is_prime: i % 2 === 0,
    is_gift: i % 3 === 0 ? null : i % 2 === 1,
    purchase_date: new Date(BASE_MS + i * 60_000),
    shipped_at: i % 4 === 0 ? null : BASE_MS + i * 1000,
    report_day: new Date(Date.UTC(2024, 0, 1) + (i % 60) * DAY_MS),
    settlement_day: i % 6 === 0 ? null : dayString(i % 400),
    item_price: i % 9 === 0 ? null : `${i % 2 ? '-' : ''}${i}.${String(i % 100).padStart(2, '0')}`,
    fx_rate: `12345678901234567890.${String(i).padStart(10, '0')}`,
    _report_id: '50040019876',
  };
}

function collectingOutput(): { output: Writable; chunks: Buffer[]; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { output, chunks, bytes: () => Buffer.concat(chunks) };
}

function arrayBufferOf(bytes: Buffer): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

/** hyparquet decodes Snappy itself; GZIP pages need a decompressor. */
function readRows(bytes: Buffer): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({
    file: arrayBufferOf(bytes),
    compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) },
  });
}

async function writeRows(
  count: number,
  rowGroupSize: number,
): Promise<{ bytes: Buffer; summary: unknown }> {
  const { output, bytes } = collectingOutput();
  const sink = new HyparquetSink(columns, output, {
    rowGroupSize,
    keyValueMetadata: { report_id: '50040019876' },
  });
  for (let i = 0; i < count; i++) await sink.appendRow(rowAt(i));
  const summary = await sink.close();
  return { bytes: bytes(), summary };
}

describe('HyparquetSink round trip', () => {
  const ROWS = 3_000;
  let file: Buffer;

  beforeAll(async () => {
    ({ bytes: file } = await writeRows(ROWS, 1_000));
  });

  it('reads back every type and every null with hyparquet', async () => {
    const rows = await readRows(file);

    expect(rows).toHaveLength(ROWS);
    for (const i of [0, 1, 2, 3, 6, 7, 9, 11, 12, 999, 1000, 1001, 2310, 2999]) {
      const expected = rowAt(i);
      const row = rows[i];
      expect(row).toEqual(
        expect.objectContaining({
          sku: expected['sku'] ?? null,
          quantity: expected['quantity'],
          order_total_cents: expected['order_total_cents'],
          refund_cents: expected['refund_cents'] === null ? null : BigInt(-i),
          weight_kg: expected['weight_kg'],
          price: expected['price'] ?? null,
          is_prime: expected['is_prime'],
          is_gift: expected['is_gift'],
          purchase_date: new Date(BASE_MS + i * 60_000),
          shipped_at: i % 4 === 0 ? null : new Date(BASE_MS + i * 1000),
          report_day: new Date(Date.UTC(2024, 0, 1) + (i % 60) * DAY_MS),
          settlement_day: i % 6 === 0 ? null : new Date(`${dayString(i % 400)}T00:00:00Z`),
          _report_id: '50040019876',
        }),
      );
      if (expected['item_price'] === null) expect(row?.['item_price']).toBeNull();
      else expect(row?.['item_price']).toBeCloseTo(Number(expected['item_price']), 6);
    }
  });

  it('writes one row group per rowGroupSize rows and the key/value metadata', () => {
    const metadata = parquetMetadata(arrayBufferOf(file));

    expect(metadata.num_rows).toBe(BigInt(ROWS));
    expect(metadata.row_groups.map((group) => group.num_rows)).toEqual([1000n, 1000n, 1000n]);
    expect(metadata.key_value_metadata).toEqual([{ key: 'report_id', value: '50040019876' }]);
    expect(metadata.created_by).toBe('spapi-lake');
    const codecs = metadata.row_groups.flatMap((group) =>
      group.columns.map((chunk) => chunk.meta_data?.codec),
    );
    expect(new Set(codecs)).toEqual(new Set(['GZIP']));
  });

  it('writes Snappy pages when asked to', async () => {
    const { output, bytes } = collectingOutput();
    const sink = new HyparquetSink(columns, output, { codec: 'SNAPPY' });
    for (let i = 0; i < 50; i++) await sink.appendRow(rowAt(i));
    await sink.close();

    const metadata = parquetMetadata(arrayBufferOf(bytes()));
    expect(metadata.row_groups[0]?.columns[0]?.meta_data?.codec).toBe('SNAPPY');
    expect(await parquetReadObjects({ file: arrayBufferOf(bytes()) })).toHaveLength(50);
  });

  it('is read by DuckDB with the intended SQL types and exact values', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'lake-parquet-'));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const filePath = path.join(directory, 'orders.parquet');
      await writeFile(filePath, file);
      const source = `read_parquet('${filePath}')`;

      const described = (
        await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)
      ).getRowObjectsJson();
      expect(
        Object.fromEntries(described.map((row) => [row['column_name'], row['column_type']])),
      ).toEqual({
        sku: 'VARCHAR',
        quantity: 'INTEGER',
        order_total_cents: 'BIGINT',
        refund_cents: 'BIGINT',
        weight_kg: 'DOUBLE',
        price: 'DOUBLE',
        is_prime: 'BOOLEAN',
        is_gift: 'BOOLEAN',
        purchase_date: 'TIMESTAMP WITH TIME ZONE',
        shipped_at: 'TIMESTAMP WITH TIME ZONE',
        report_day: 'DATE',
        settlement_day: 'DATE',
        item_price: 'DECIMAL(12,2)',
        fx_rate: 'DECIMAL(38,10)',
        _report_id: 'VARCHAR',
      });

      const rows = (
        await connection.runAndReadAll(
          `SELECT quantity, order_total_cents::VARCHAR AS total, item_price::VARCHAR AS item_price,
                  fx_rate::VARCHAR AS fx_rate, epoch_ms(purchase_date) AS purchase_ms,
                  settlement_day::VARCHAR AS settlement_day, sku
             FROM ${source} ORDER BY quantity`,
        )
      ).getRowObjectsJson();
      expect(rows).toHaveLength(ROWS);
      for (const i of [0, 1, 9, 10, 1234, 2999]) {
        const expected = rowAt(i);
        expect(rows[i]).toEqual({
          quantity: i - 1500,
          total: String(expected['order_total_cents']),
          item_price: expected['item_price'] ?? null,
          fx_rate: expected['fx_rate'],
          purchase_ms: String(BASE_MS + i * 60_000),
          settlement_day: expected['settlement_day'] ?? null,
          sku: expected['sku'] ?? null,
        });
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('HyparquetSink row groups and streaming', () => {
  it('reports ceil(N / rowGroupSize) row groups for N rows', async () => {
    const { bytes, summary } = await writeRows(2_501, 500);

    expect(summary).toEqual({ rows: 2_501, rowGroups: 6, bytes: bytes.length });
    expect(
      parquetMetadata(arrayBufferOf(bytes)).row_groups.map((group) => Number(group.num_rows)),
    ).toEqual([500, 500, 500, 500, 500, 1]);
  });

  it('streams each row group to the output as soon as it is complete', async () => {
    const { output, chunks } = collectingOutput();
    const sink = new HyparquetSink(columns, output, { rowGroupSize: 100 });

    for (let i = 0; i < 99; i++) await sink.appendRow(rowAt(i));
    expect(chunks).toHaveLength(0);
    await sink.appendRow(rowAt(99));
    const afterFirstGroup = Buffer.concat(chunks);
    expect(afterFirstGroup.subarray(0, 4).toString()).toBe('PAR1');

    await sink.close();
    expect(Buffer.concat(chunks).length).toBeGreaterThan(afterFirstGroup.length);
  });

  it('waits for the output to drain before accepting more rows', async () => {
    const release: Array<() => void> = [];
    const output = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        release.push(() => callback());
      },
    });
    const sink = new HyparquetSink(columns, output, { rowGroupSize: 10 });
    for (let i = 0; i < 9; i++) await sink.appendRow(rowAt(i));

    let flushed = false;
    const tenth = sink.appendRow(rowAt(9)).then(() => {
      flushed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(flushed).toBe(false);

    release.shift()?.();
    await tenth;
    expect(flushed).toBe(true);
  });

  it('produces a valid empty file when no row was appended', async () => {
    const { output, bytes } = collectingOutput();

    const summary = await new HyparquetSink(columns, output).close();

    expect(summary).toEqual({ rows: 0, rowGroups: 0, bytes: bytes().length });
    expect(await readRows(bytes())).toEqual([]);
  });

  it('feeds a PassThrough that another consumer reads concurrently (as an upload does)', async () => {
    const output = new PassThrough();
    const received: Buffer[] = [];
    const reading = (async () => {
      for await (const chunk of output) received.push(Buffer.from(chunk));
    })();
    const sink = new HyparquetSink(columns, output, { rowGroupSize: 200 });

    for (let i = 0; i < 1_000; i++) await sink.appendRow(rowAt(i));
    const summary = await sink.close();
    await reading;

    const bytes = Buffer.concat(received);
    expect(bytes.length).toBe(summary.bytes);
    expect(await readRows(bytes)).toHaveLength(1_000);
  });
});

describe('HyparquetSink validation', () => {
  function sink(): HyparquetSink {
    return new HyparquetSink(columns, collectingOutput().output, { rowGroupSize: 10 });
  }

  it.each([
    ['a number in a string column', { sku: 42 }],
    ['a fractional int32', { quantity: 1.5 }],
    ['an int32 out of range', { quantity: 2 ** 31 }],
    ['an unsafe number for int64', { order_total_cents: 2 ** 60 }],
    ['a string in a boolean column', { is_prime: 'true' }],
    ['an invalid Date', { purchase_date: new Date(Number.NaN) }],
    ['a date that is not a calendar day', { settlement_day: '2023-02-29' }],
    ['a decimal with more fraction digits than its scale', { item_price: '1.234' }],
    ['a decimal out of its precision', { item_price: '12345678901.00' }],
    ['a decimal that is no number', { item_price: '12,50' }],
    ['null in a required column', { quantity: null }],
    ['an unknown field', { surprise: 'x' }],
  ])('rejects a row with %s, naming the column but never the value', async (_label, override) => {
    const target = sink();
    const failure = target.appendRow({ ...rowAt(1), ...override });

    await expect(failure).rejects.toBeInstanceOf(ParquetRowError);
    await expect(failure).rejects.not.toThrow(/SKU-1|12,50|1\.234/);
  });

  it('keeps the sink usable after a rejected row and leaves that row out', async () => {
    const { output, bytes } = collectingOutput();
    const target = new HyparquetSink(columns, output);
    await target.appendRow(rowAt(1));

    await expect(target.appendRow({ ...rowAt(2), quantity: 'two' })).rejects.toBeInstanceOf(
      ParquetRowError,
    );
    await target.appendRow(rowAt(3));
    const summary = await target.close();

    expect(summary.rows).toBe(2);
    const rows = await readRows(bytes());
    expect(rows.map((row) => row['quantity'])).toEqual([1 - 1500, 3 - 1500]);
  });

  it('accepts decimals given as numbers, with exponents, or with trailing zeros', async () => {
    const { output, bytes } = collectingOutput();
    const target = new HyparquetSink(
      [{ name: 'amount', type: 'decimal', nullable: false, precision: 9, scale: 3 }],
      output,
    );
    for (const amount of [19.99, '1.500', '-0.001', '2.5e2', 0]) await target.appendRow({ amount });
    await target.close();

    const rows = await readRows(bytes());
    expect(rows.map((row) => Number(row['amount']))).toEqual(
      [19.99, 1.5, -0.001, 250, 0].map((n) => expect.closeTo(n, 9)),
    );
  });

  it.each([
    ['no column', []],
    ['a duplicate name', [columns[0], columns[0]]],
    ['a name that is not snake_case', [{ name: 'OrderId', type: 'string', nullable: true }]],
    ['a decimal without precision', [{ name: 'amount', type: 'decimal', nullable: true }]],
    [
      'a decimal scale above its precision',
      [{ name: 'amount', type: 'decimal', nullable: true, precision: 4, scale: 5 }],
    ],
    [
      'a precision on a non-decimal',
      [{ name: 'amount', type: 'double', nullable: true, precision: 4 }],
    ],
  ])('refuses a schema with %s', (_label, schema) => {
    expect(() => new HyparquetSink(schema as ParquetColumn[], collectingOutput().output)).toThrow(
      ParquetSchemaError,
    );
  });

  it('refuses rows after close', async () => {
    const target = sink();
    await target.close();

    await expect(target.appendRow(rowAt(1))).rejects.toBeInstanceOf(ParquetSinkClosedError);
    await expect(target.close()).rejects.toBeInstanceOf(ParquetSinkClosedError);
  });

  it('fails with ParquetOutputError when the output breaks, then refuses further rows', async () => {
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('upload aborted'));
      },
    });
    const target = new HyparquetSink(columns, output, { rowGroupSize: 2 });

    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await target.appendRow(rowAt(i)).then(
          () => 'ok',
          (error: Error) => error.name,
        ),
      );
      // The stream reports a failed write on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(outcomes.filter((outcome) => outcome === 'ParquetOutputError')).toHaveLength(1);
    expect(outcomes.at(-1)).toBe('ParquetSinkClosedError');
    await expect(target.close()).rejects.toBeInstanceOf(ParquetSinkClosedError);
  });
});
