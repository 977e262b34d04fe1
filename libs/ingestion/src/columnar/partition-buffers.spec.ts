import type {
  ColumnVector,
  ColumnarParquetEncoding,
  ParquetColumn,
  ParquetFileEncoder,
} from '@spapi-lake/lake';
import { DocumentText } from './document-text';
import { PartitionBuffers } from './partition-buffers';
import type { TsvCurationSetup } from './tsv-curator';
import { Utf8ColumnBuilder } from './utf8-column-builder';

// Row groups are what the encoder is handed: a fake encoding records each one, decoded back to values.

const columns: readonly ParquetColumn[] = [
  { name: 'sku', type: 'string', nullable: true },
  { name: 'quantity', type: 'int64', nullable: true },
];

type Written = {
  dt: string;
  dictionary: string[];
  skus: (string | null)[];
  quantities: (number | null)[];
};

function recordingEncoding(written: Written[]): ColumnarParquetEncoding {
  let opened = 0;
  return {
    open(): ParquetFileEncoder {
      const dt = ['2026-10-01', '2026-10-02', '2026-10-03'][opened++] ?? '?';
      return {
        rows: 0,
        rowGroups: 0,
        encodeRowGroup(vectors: readonly ColumnVector[], rows: number) {
          written.push({
            dt,
            ...stringsOf(vectors[0], rows),
            quantities: numbersOf(vectors[1], rows),
          });
          return new Uint8Array(0);
        },
        finish: () => new Uint8Array(0),
      };
    },
    converter: () => (value) => value as never,
  };
}

function stringsOf(
  vector: ColumnVector | undefined,
  rows: number,
): { dictionary: string[]; skus: (string | null)[] } {
  if (vector?.kind !== 'dictionary') throw new Error(`expected a dictionary, got ${vector?.kind}`);
  const dictionary = Array.from({ length: vector.count }, (_, id) => {
    const from = (vector.entryOffsets[id] ?? 0) + 4;
    return Buffer.from(vector.entries.subarray(from, vector.entryOffsets[id + 1])).toString();
  });
  const skus = Array.from({ length: rows }, (_, row) =>
    vector.present[row] ? (dictionary[vector.ids[row] ?? -1] ?? 'no such entry') : null,
  );
  return { dictionary, skus };
}

function numbersOf(vector: ColumnVector | undefined, rows: number): (number | null)[] {
  if (vector?.kind !== 'float64') throw new Error(`expected float64, got ${vector?.kind}`);
  return Array.from({ length: rows }, (_, row) =>
    vector.present[row] ? (vector.values[row] ?? NaN) : null,
  );
}

describe('PartitionBuffers', () => {
  const setup = {
    columns,
    rowGroupSize: 100,
    maxBufferedRows: 3,
  } as unknown as TsvCurationSetup;

  it('hands the builders an idle partition gave up to the next partition, reset', () => {
    const written: Written[] = [];
    const buffers = new PartitionBuffers(
      setup,
      recordingEncoding(written),
      new DocumentText({ kind: 'utf-8' }),
    );
    const add = (dt: string, sku: string | null, quantity: number | null) => {
      const partition = buffers.partitionFor(dt);
      const [skus, quantities] = buffers.buildersFor(partition) as [
        Utf8ColumnBuilder,
        { present: Uint8Array; numbers: Float64Array },
      ];
      if (sku === null) skus.setNull(partition.rows);
      else skus.setString(partition.rows, sku);
      quantities.present[partition.rows] = quantity === null ? 0 : 1;
      quantities.numbers[partition.rows] = quantity ?? 0;
      buffers.accept(partition);
      return skus;
    };
    const first = add('2026-10-01', 'A', 1);
    add('2026-10-01', 'B', 2);
    add('2026-10-02', 'C', null);
    add('2026-10-02', 'D', 4); // four rows buffered: the idle first day is written, its builders spare
    const reused = add('2026-10-03', 'A', 5);
    add('2026-10-03', null, 6);
    buffers.finish();

    expect(reused).toBe(first);
    expect(written).toEqual([
      { dt: '2026-10-01', dictionary: ['A', 'B'], skus: ['A', 'B'], quantities: [1, 2] },
      { dt: '2026-10-02', dictionary: ['C', 'D'], skus: ['C', 'D'], quantities: [null, 4] },
      // The reused builders' dictionary starts empty: no entry of the first day's file.
      { dt: '2026-10-03', dictionary: ['A'], skus: ['A', null], quantities: [5, 6] },
    ]);
  });

  it('tells how many rows a partition takes before one of them makes accept encode', () => {
    const written: Written[] = [];
    const buffers = new PartitionBuffers(
      { ...setup, rowGroupSize: 4, maxBufferedRows: 5 },
      recordingEncoding(written),
      new DocumentText({ kind: 'utf-8' }),
    );
    const first = buffers.partitionFor('2026-10-01');
    const second = buffers.partitionFor('2026-10-02');
    const accept = (partition: typeof first, rows: number) => {
      const [skus, quantities] = buffers.buildersForRun(partition, rows) as [
        Utf8ColumnBuilder,
        { present: Uint8Array; numbers: Float64Array },
      ];
      for (let k = 0; k < rows; k++) {
        skus.setString(partition.rows, 'A');
        quantities.present[partition.rows] = 0;
        buffers.accept(partition);
      }
    };
    // The row group's size decides: the fourth row fills it.
    expect(buffers.rowsBeforeEncoding(first)).toBe(4);
    accept(first, 3);
    expect(buffers.rowsBeforeEncoding(first)).toBe(1);
    expect(written).toHaveLength(0);
    // The rows buffered decide: 3 + 3 rows pass maxBufferedRows at the third of the second day's.
    expect(buffers.rowsBeforeEncoding(second)).toBe(3);
    accept(second, 2);
    expect(written).toHaveLength(0);
    accept(second, 1);
    expect(written.map((group) => group.dt)).toEqual(['2026-10-01']);
  });
});
