import { PassThrough } from 'node:stream';
import type { ParquetColumn, ParquetRecord, ParquetSink } from '@spapi-lake/lake';
import { PartitionedParquetWriter } from './partitioned-parquet-writer';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';

const columns: ParquetColumn[] = [{ name: 'n', type: 'int64', nullable: false }];

/** Sinks that say when they wrote a row group, and how many rows each held. */
function flushingSinks(rowGroupSize: number, withFlush = true) {
  const groups: string[] = [];
  let opened = 0;
  const open = (): ParquetSink => {
    const name = `file${opened++}`;
    let buffered = 0;
    const write = () => {
      if (buffered > 0) groups.push(`${name}:${buffered}`);
      buffered = 0;
    };
    return {
      async appendRow(_row: ParquetRecord) {
        buffered += 1;
        if (buffered === rowGroupSize) write();
      },
      ...(withFlush ? { flush: async () => write() } : {}),
      async close() {
        write();
        return { rows: 0, rowGroups: 0, bytes: 0 };
      },
    };
  };
  return { groups, open };
}

function writerFor(sinks: ReturnType<typeof flushingSinks>, maxBufferedRows: number) {
  return new PartitionedParquetWriter({
    store: new InMemoryObjectStore(),
    openSink: (_columns, output) => {
      // The writer hands each sink the PassThrough it uploads from; keep it flowing.
      if (output instanceof PassThrough) output.resume();
      const sink = sinks.open();
      return {
        ...sink,
        close: async () => {
          const summary = await sink.close();
          output.end();
          return summary;
        },
      };
    },
    keyOf: (address) => `${address.dataset}/dt=${address.dt}/r.parquet`,
    columnsOf: () => columns,
    maxBufferedRows,
  });
}

const day = (dt: string) => ({ dataset: 'orders', marketplaceId: 'M', dt });

describe('PartitionedParquetWriter', () => {
  it('flushes the partitions the document has moved past once the rows held exceed the budget', async () => {
    const sinks = flushingSinks(10);
    const writer = writerFor(sinks, 8);

    for (const [dt, rows] of [
      ['2026-10-01', 7],
      ['2026-10-02', 6],
      ['2026-10-03', 3],
    ] as const) {
      for (let i = 0; i < rows; i++) await writer.append(day(dt), { n: i });
    }
    const written = await writer.finish();

    // Day 1 is flushed when day 2's second row goes past 8 held rows; day 2 when day 3 does.
    expect(sinks.groups).toEqual(['file0:7', 'file1:6', 'file2:3']);
    expect(written.map((partition) => [partition.dt, partition.rows])).toEqual([
      ['2026-10-01', 7],
      ['2026-10-02', 6],
      ['2026-10-03', 3],
    ]);
  });

  it('keeps at most the budget in idle partitions when rows alternate between them', async () => {
    const sinks = flushingSinks(1_000);
    const writer = writerFor(sinks, 10);

    for (let i = 0; i < 100; i++)
      await writer.append(day(i % 2 === 0 ? '2026-10-01' : '2026-10-02'), { n: i });
    await writer.finish();

    const sizes = sinks.groups.map((group) => Number(group.split(':')[1]));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
  });

  it('leaves sinks without flush to their own row groups', async () => {
    const sinks = flushingSinks(4, false);
    const writer = writerFor(sinks, 2);

    for (const dt of ['2026-10-01', '2026-10-01', '2026-10-01', '2026-10-02', '2026-10-02']) {
      await writer.append(day(dt), { n: 1 });
    }
    await writer.finish();

    expect(sinks.groups).toEqual(['file0:3', 'file1:2']);
  });
});
