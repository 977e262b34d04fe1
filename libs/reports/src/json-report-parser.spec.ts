import { MalformedReportDocumentError } from './errors';
import { parseReport } from './parse-report';
import type { ParsedRecord } from './parsed-record';
import { reportTypeDefinition } from './report-type-registry';

async function* chunked(text: string, size = 5): AsyncGenerator<string> {
  for (let index = 0; index < text.length; index += size) yield text.slice(index, index + size);
}

async function collect(records: AsyncIterable<ParsedRecord>): Promise<ParsedRecord[]> {
  const all: ParsedRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

const context = { windowStart: '2026-11-01T00:00:00Z' };

describe('JSON reports', () => {
  const salesAndTraffic = reportTypeDefinition('GET_SALES_AND_TRAFFIC_REPORT');
  const document = JSON.stringify({
    reportSpecification: { reportType: 'GET_SALES_AND_TRAFFIC_REPORT' },
    salesAndTrafficByDate: [
      {
        date: '2026-11-01',
        salesByDate: {
          orderedProductSales: { amount: 120.5, currencyCode: 'EUR' },
          unitsOrdered: 4,
        },
        trafficByDate: { sessions: 40, brandNewMetric: 7 },
      },
    ],
    salesAndTrafficByAsin: [
      { parentAsin: 'B000000001', salesByAsin: { unitsOrdered: 2 } },
      { parentAsin: 'B000000002', salesByAsin: { unitsOrdered: 'two' } },
    ],
  });

  it('flattens each top-level array into its own dataset', async () => {
    const records = await collect(parseReport(salesAndTraffic, chunked(document), context).records);
    const byDate = records.find((record) => record.dataset === 'sales_and_traffic_by_date');
    expect(byDate).toMatchObject({
      kind: 'row',
      partitionDate: '2026-11-01',
      values: {
        date: '2026-11-01',
        ordered_product_sales_amount: 120.5,
        ordered_product_sales_currency_code: 'EUR',
        units_ordered: 4,
        sessions: 40,
      },
      drift: { brand_new_metric: '7' },
    });
    const byAsin = records.filter((record) => record.dataset === 'sales_and_traffic_by_asin');
    expect(byAsin.map((record) => record.kind)).toEqual(['row', 'quarantine']);
    expect(byAsin[1]).toMatchObject({
      position: 2,
      reason: 'column units_ordered: not a valid integer',
    });
  });

  it('reports drift once the document is consumed', async () => {
    const parse = parseReport(salesAndTraffic, chunked(document), context);
    await collect(parse.records);
    const [byDate] = parse.schema();
    expect(byDate?.driftColumns).toEqual(['brand_new_metric']);
    expect(byDate?.missingColumns).toContain('units_refunded');
  });

  it('fails with a typed error on broken JSON', async () => {
    const parse = parseReport(
      salesAndTraffic,
      chunked('{"salesAndTrafficByDate": [ {"date": '),
      context,
    );
    await expect(collect(parse.records)).rejects.toBeInstanceOf(MalformedReportDocumentError);
  });
});
