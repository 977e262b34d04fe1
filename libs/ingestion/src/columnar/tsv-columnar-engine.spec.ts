import type { ColumnarParquetEncoding } from '@spapi-lake/lake';
import {
  dateConventionsOf,
  reportTypeDefinition,
  tsvHeaderFields,
  tsvLayout,
} from '@spapi-lake/reports';
import { datasetColumns, lineageValues } from '../dataset-columns';
import { TsvColumnarEngine } from './tsv-columnar-engine';
import { Utf8ColumnBuilder } from './utf8-column-builder';

// Encodes nothing: these specs look at what the engine does with lines, not at Parquet.
const noEncoding: ColumnarParquetEncoding = {
  open: () => ({
    rows: 0,
    rowGroups: 0,
    encodeRowGroup: () => new Uint8Array(0),
    finish: () => new Uint8Array(0),
  }),
  converter: () => (value) => value as never,
};

function ordersEngine(header: string): TsvColumnarEngine {
  const definition = reportTypeDefinition('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL');
  const [dataset] = definition.datasets;
  if (!dataset) throw new Error('no dataset');
  const fields = tsvHeaderFields(header);
  const layout = tsvLayout(dataset, fields);
  const windowStart = '2026-10-01T00:00:00Z';
  const report = {
    reportId: '50000000001',
    reportType: definition.reportType,
    processingStatus: 'DONE' as const,
    createdTime: windowStart,
  };
  return new TsvColumnarEngine(
    {
      dataset: layout.dataset,
      text: { kind: 'utf-8' },
      header: fields,
      columns: datasetColumns(layout.dataset, layout.observation.driftColumns, false),
      lineage: lineageValues(report, windowStart),
      windowStart,
      dateConventions: dateConventionsOf('A1PA6795UKMFR9'),
      firstLine: 2,
      rowGroupSize: 25_000,
      maxBufferedRows: 25_000,
    },
    noEncoding,
  );
}

describe('TsvColumnarEngine', () => {
  afterEach(() => jest.restoreAllMocks());

  it('does not parse the lines after a refused cell over and over when every line has one', () => {
    // Each line's quantity is not a number: the line is quarantined, after the columns before
    // quantity were parsed for the run. Those must not be parsed again for each of the run's lines.
    const setRun = jest.spyOn(Utf8ColumnBuilder.prototype, 'setRun');
    const engine = ordersEngine('amazon-order-id\tpurchase-date\tsku\tquantity');
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `123-${1_000_000 + i}\t2026-10-01T10:00:00+00:00\tSKU-${i}\tmany\n`,
    );
    const output = engine.curate(Buffer.from(lines.join('')));
    const finished = engine.finish();
    const quarantined = [...output.quarantined, ...finished.quarantined];
    expect(quarantined.map((line) => line.position)).toEqual(lines.map((_, i) => i + 2));
    const cellsSet = setRun.mock.calls.reduce((sum, call) => sum + call[5], 0);
    // Two text columns before quantity: about 2 cells per line, not hundreds.
    expect(cellsSet).toBeLessThan(4 * lines.length);
  });

  it('curates the lines between refused ones in runs, and numbers every line', () => {
    const engine = ordersEngine('amazon-order-id\tpurchase-date\tsku\tquantity');
    const lines = Array.from(
      { length: 3000 },
      (_, i) =>
        `123-${1_000_000 + i}\t2026-10-01T10:00:00+00:00\tSKU-${i}\t${i % 700 === 5 ? 'many' : i % 3}\n`,
    );
    const output = engine.curate(Buffer.from(lines.join('')));
    const finished = engine.finish();
    const quarantined = [...output.quarantined, ...finished.quarantined];
    expect(quarantined.map((line) => line.position)).toEqual([7, 707, 1407, 2107, 2807]);
  });
});
