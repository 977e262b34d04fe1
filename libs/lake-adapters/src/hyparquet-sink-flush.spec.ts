import { PassThrough } from 'node:stream';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { ParquetSinkClosedError } from '@spapi-lake/lake';
import { HyparquetSink } from './hyparquet-sink';

function sinkWithOutput(rowGroupSize: number) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const sink = new HyparquetSink(
    [
      { name: 'sku', type: 'string', nullable: false },
      { name: 'quantity', type: 'int64', nullable: true },
    ],
    output,
    { rowGroupSize, codec: 'UNCOMPRESSED' },
  );
  const file = () => {
    const bytes = Buffer.concat(chunks);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  };
  return { sink, file, written: () => chunks.reduce((n, c) => n + c.length, 0) };
}

describe('HyparquetSink.flush', () => {
  it('writes the buffered rows as a row group at once, before the row group is full', async () => {
    const { sink, file, written } = sinkWithOutput(1_000);
    for (let i = 0; i < 3; i++) await sink.appendRow({ sku: `S${i}`, quantity: i });
    const before = written();

    await sink.flush();

    expect(written()).toBeGreaterThan(before);
    for (let i = 3; i < 5; i++) await sink.appendRow({ sku: `S${i}`, quantity: null });
    await sink.flush();
    await sink.flush();
    await expect(sink.close()).resolves.toMatchObject({ rows: 5, rowGroups: 2 });
    expect(parquetMetadata(file()).row_groups.map((group) => Number(group.num_rows))).toEqual([
      3, 2,
    ]);
    expect(await parquetReadObjects({ file: file() })).toEqual([
      { sku: 'S0', quantity: 0n },
      { sku: 'S1', quantity: 1n },
      { sku: 'S2', quantity: 2n },
      { sku: 'S3', quantity: null },
      { sku: 'S4', quantity: null },
    ]);
  });

  it('refuses to flush a closed sink', async () => {
    const { sink } = sinkWithOutput(10);
    await sink.close();

    await expect(sink.flush()).rejects.toBeInstanceOf(ParquetSinkClosedError);
  });
});
