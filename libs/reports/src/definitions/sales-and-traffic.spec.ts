import { parseWhole } from '../test/parse-whole';
import { salesAndTraffic } from './sales-and-traffic';

// B2B twins and period averages (json-report-schemas.spec.ts holds every column to the schema).

function dataset(name: string) {
  const found = salesAndTraffic.datasets.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no dataset ${name}`);
  return found;
}

/** The records of a whole document, as the parser gives them. */
const parsed = (document: string) => parseWhole(salesAndTraffic, document, '2026-11-01T00:00:00Z');

describe('GET_SALES_AND_TRAFFIC_REPORT definition', () => {
  it('reads B2B metrics from the metric suffixed B2B inside its group', () => {
    const sourceOf = (datasetName: string, column: string) =>
      dataset(datasetName).columns.find((candidate) => candidate.name === column)?.source;

    expect(sourceOf('sales_and_traffic_by_date', 'units_ordered_b2b')).toBe(
      'salesByDate.unitsOrderedB2B',
    );
    expect(sourceOf('sales_and_traffic_by_date', 'ordered_product_sales_b2b_amount')).toBe(
      'salesByDate.orderedProductSalesB2B.amount',
    );
    expect(sourceOf('sales_and_traffic_by_date', 'page_views_b2b')).toBe(
      'trafficByDate.pageViewsB2B',
    );
    expect(sourceOf('sales_and_traffic_by_asin', 'ordered_product_sales_b2b_currency_code')).toBe(
      'salesByAsin.orderedProductSalesB2B.currencyCode',
    );
    expect(sourceOf('sales_and_traffic_by_asin', 'unit_session_percentage_b2b')).toBe(
      'trafficByAsin.unitSessionPercentageB2B',
    );
  });

  it('lands B2B values in their typed columns, not in drift', async () => {
    const document = JSON.stringify({
      reportSpecification: { reportType: 'GET_SALES_AND_TRAFFIC_REPORT' },
      salesAndTrafficByDate: [
        {
          date: '2026-11-01',
          salesByDate: {
            orderedProductSales: { amount: 120.5, currencyCode: 'EUR' },
            orderedProductSalesB2B: { amount: 30.25, currencyCode: 'EUR' },
            unitsOrdered: 4,
            unitsOrderedB2B: 1,
          },
          trafficByDate: { pageViews: 90, pageViewsB2B: 12, buyBoxPercentageB2B: 87.5 },
        },
      ],
      salesAndTrafficByAsin: [
        {
          parentAsin: 'B000000001',
          salesByAsin: { unitsOrdered: 2, unitsOrderedB2B: 1 },
          trafficByAsin: { sessionsB2B: 3 },
        },
      ],
    });
    const records = await parsed(document);

    const [byDate, byAsin] = records;
    expect(byDate).toMatchObject({
      kind: 'row',
      values: {
        ordered_product_sales_b2b_amount: 30.25,
        ordered_product_sales_b2b_currency_code: 'EUR',
        units_ordered_b2b: 1,
        page_views_b2b: 12,
        buy_box_percentage_b2b: 87.5,
      },
      drift: {},
    });
    expect(byAsin).toMatchObject({
      kind: 'row',
      values: { units_ordered_b2b: 1, sessions_b2b: 3 },
      drift: {},
    });
  });

  it("lands a period's fractional averages rather than quarantining the row", async () => {
    const document = JSON.stringify({
      reportSpecification: {
        reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
        reportOptions: { dateGranularity: 'WEEK' },
      },
      salesAndTrafficByDate: [
        {
          date: '2026-11-01',
          trafficByDate: { averageOfferCount: 12.43, averageParentItems: 3.5, sessions: 40 },
        },
      ],
      salesAndTrafficByAsin: [],
    });
    const records = await parsed(document);

    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'row',
      values: { average_offer_count: 12.43, average_parent_items: 3.5, sessions: 40 },
    });
  });
});
