import { reportTypeDefinition } from '@spapi-lake/reports';
import {
  expectedDatasets,
  expectedFileColumns,
  groundTruthTables,
  normaliseRead,
  selectRows,
} from './expected-rows';

const placement = {
  sellingPartnerId: 'A1SELLER',
  marketplaceId: 'ATVPDKIKX0DER',
  windowStart: '2026-10-05T00:00:00.000Z',
};

const orders = reportTypeDefinition('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL');
const orderRow = {
  'amazon-order-id': '111-0000001-0000001',
  'purchase-date': '2026-10-05T10:00:00+00:00',
  quantity: '2',
  'item-price': '12.5',
  'is-business-order': 'false',
  'brand-new-column': 'x',
};

describe('expectedDatasets', () => {
  it('types TSV cells as DuckDB prints them, keeps unknown columns as drift, places each row', () => {
    const [dataset] = expectedDatasets(
      orders,
      { format: 'tsv', tables: { rows: [orderRow] } },
      placement,
    );

    expect(dataset?.driftColumns).toEqual(['brand_new_column']);
    expect(dataset?.lineage).toBe(false);
    expect(dataset?.rows[0]).toMatchObject({
      amazon_order_id: '111-0000001-0000001',
      purchase_date: String(Date.parse('2026-10-05T10:00:00Z')),
      quantity: '2',
      item_price: '12.50',
      is_business_order: false,
      brand_new_column: 'x',
      selling_partner_id: 'A1SELLER',
      marketplace_id: 'ATVPDKIKX0DER',
      dt: '2026-10-05',
    });
    expect(dataset?.rows[0]).not.toHaveProperty('_report_id');
  });

  it('adds lineage with the TSV line (the header is line 1) when asked', () => {
    const [dataset] = expectedDatasets(
      orders,
      { format: 'tsv', tables: { rows: [orderRow, orderRow] } },
      placement,
      {
        reportId: '5001',
        processedAt: '2026-10-07T01:00:00Z',
        dataStartTime: '2026-10-05T00:00:00Z',
        dataEndTime: '2026-10-06T23:59:59Z',
      },
    );

    expect(dataset?.rows.map((row) => row['_source_position'])).toEqual(['2', '3']);
    expect(dataset?.rows[1]).toMatchObject({
      _report_id: '5001',
      _report_processed_at: String(Date.parse('2026-10-07T01:00:00Z')),
      _data_start_time: String(Date.parse('2026-10-05T00:00:00Z')),
      _data_end_time: String(Date.parse('2026-10-06T23:59:59Z')),
    });
    if (dataset === undefined) throw new Error('no dataset');
    expect(selectRows('t', dataset, '5001')).toContain('"_source_position"::VARCHAR');
    expect(expectedFileColumns(dataset)).toContain('_report_processed_at');
  });

  it('reads JSON leaves by source path and keeps the unknown ones in _extra_fields', () => {
    const salesAndTraffic = reportTypeDefinition('GET_SALES_AND_TRAFFIC_REPORT');
    const [byDate] = expectedDatasets(
      salesAndTraffic,
      groundTruthTables({
        format: 'json',
        tables: {
          sales_and_traffic_by_date: [
            {
              date: '2026-10-05',
              salesByDate: { unitsOrdered: 3, unitsOrderedB2B: 1 },
              trafficByDate: { brandNewMetric: 7 },
            },
          ],
        },
      }),
      placement,
    );

    expect(byDate?.rows[0]).toMatchObject({
      units_ordered: '3',
      units_ordered_b2b: '1',
      _extra_fields: { brand_new_metric: 7 },
      dt: '2026-10-05',
    });
    if (byDate === undefined) throw new Error('no dataset');
    expect(selectRows('t', byDate, '5001')).not.toContain('_source_position"::VARCHAR AS');
  });
});

describe('normaliseRead', () => {
  it('parses _extra_fields read back as JSON text', () => {
    expect(normaliseRead([{ _extra_fields: '{"a":"1"}' }, { _extra_fields: null }])).toEqual([
      { _extra_fields: { a: '1' } },
      { _extra_fields: null },
    ]);
  });
});

describe('groundTruthTables', () => {
  it('refuses a ground truth of another shape', () => {
    expect(() => groundTruthTables({ format: 'csv', tables: {} })).toThrow('unknown shape');
    expect(() => groundTruthTables(undefined)).toThrow('without tables');
  });
});
