import { generateReport, groundTruth } from '../generate-report';
import {
  CA,
  DE,
  US,
  documentText,
  reportSchemaValidator,
  schemaErrors,
  sellerSpec,
} from '../test-support';

const validate = reportSchemaValidator('GET_SALES_AND_TRAFFIC_REPORT');
const spec = (reportOptions: Record<string, string> = {}, marketplaceIds = [US]) =>
  sellerSpec({
    reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
    dataStartTime: '2026-10-01T00:00:00Z',
    dataEndTime: '2026-10-14T23:59:59Z',
    reportOptions,
    marketplaceIds,
  });
const parse = (reportOptions: Record<string, string> = {}, marketplaceIds = [US]) =>
  JSON.parse(documentText(generateReport(spec(reportOptions, marketplaceIds)))) as {
    reportSpecification: Record<string, unknown>;
    salesAndTrafficByDate: {
      date: string;
      salesByDate: Record<string, { amount: number } | number>;
    }[];
    salesAndTrafficByAsin: Record<string, unknown>[];
  };
const amount = (value: { amount: number } | number | undefined): number =>
  typeof value === 'object' ? value.amount : Number.NaN;

describe('GET_SALES_AND_TRAFFIC_REPORT', () => {
  it.each([
    [{}, [US]],
    [{ dateGranularity: 'WEEK', asinGranularity: 'CHILD' }, [DE]],
    [{ dateGranularity: 'MONTH', asinGranularity: 'SKU' }, [CA]],
  ])('is valid against the official schema for options %j', (options, marketplaceIds) => {
    const report = parse(options, marketplaceIds);
    expect(schemaErrors(validate, report)).toEqual([]);
  });

  it('is checked by a validator that rejects a broken document', () => {
    const report = parse();
    const [first] = report.salesAndTrafficByDate;
    if (first) first.salesByDate['refundRate'] = 150;
    expect(schemaErrors(validate, report)).not.toEqual([]);
    expect(
      schemaErrors(validate, { ...report, date: undefined, salesAndTrafficByAsin: undefined }),
    ).not.toEqual([]);
  });

  it('has one entry per day of the window (inclusive dates) by default, with the defaults echoed', () => {
    const report = parse();
    expect(report.reportSpecification).toEqual({
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      reportOptions: { dateGranularity: 'DAY', asinGranularity: 'PARENT' },
      dataStartTime: '2026-10-01',
      dataEndTime: '2026-10-14',
      marketplaceIds: [US],
    });
    expect(report.salesAndTrafficByDate.map((entry) => entry.date)).toEqual(
      Array.from({ length: 14 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`),
    );
  });

  it("reports ordered product sales equal to the item-price sum of that day's order rows", () => {
    const report = parse();
    for (const entry of report.salesAndTrafficByDate) {
      const rows = [
        ...(groundTruth(
          sellerSpec({
            dataStartTime: `${entry.date}T00:00:00Z`,
            dataEndTime: `${entry.date}T23:59:59Z`,
          }),
        ).tables['rows'] ?? []),
      ];
      const cents = rows.reduce(
        (sum, row) => sum + Math.round(Number(row['item-price'] || 0) * 100),
        0,
      );
      const units = rows.reduce((sum, row) => sum + Number(row['quantity']), 0);
      expect(Math.round(amount(entry.salesByDate['orderedProductSales']) * 100)).toBe(cents);
      expect(entry.salesByDate['unitsOrdered']).toBe(units);
    }
  });

  it('groups weeks Sunday to Saturday and agrees with the daily totals', () => {
    const daily = parse();
    const weekly = parse({ dateGranularity: 'WEEK' });
    expect(weekly.salesAndTrafficByDate.map((entry) => entry.date)).toEqual([
      '2026-10-01',
      '2026-10-04',
      '2026-10-11',
    ]);
    const sum = (entries: typeof daily.salesAndTrafficByDate) =>
      entries.reduce(
        (total, entry) =>
          total + Math.round(amount(entry.salesByDate['orderedProductSales']) * 100),
        0,
      );
    expect(sum(weekly.salesAndTrafficByDate)).toBe(sum(daily.salesAndTrafficByDate));
  });

  it('covers every listed ASIN at each granularity, adding up to the daily totals', () => {
    const total = (report: ReturnType<typeof parse>) =>
      report.salesAndTrafficByAsin.reduce(
        (sum, entry) =>
          sum +
          Math.round(
            amount(
              (entry['salesByAsin'] as Record<string, { amount: number }>)['orderedProductSales'],
            ) * 100,
          ),
        0,
      );
    const parent = parse();
    const child = parse({ asinGranularity: 'CHILD' });
    const sku = parse({ asinGranularity: 'SKU' });
    const daily = parent.salesAndTrafficByDate.reduce(
      (sum, entry) => sum + Math.round(amount(entry.salesByDate['orderedProductSales']) * 100),
      0,
    );
    expect(total(parent)).toBe(daily);
    expect(total(child)).toBe(daily);
    expect(total(sku)).toBe(daily);
    expect(parent.salesAndTrafficByAsin.length).toBeLessThan(child.salesAndTrafficByAsin.length);
    expect(Object.keys(parent.salesAndTrafficByAsin[0] ?? {})).toEqual([
      'parentAsin',
      'salesByAsin',
      'trafficByAsin',
    ]);
    expect(Object.keys(sku.salesAndTrafficByAsin[0] ?? {})).toEqual([
      'parentAsin',
      'childAsin',
      'sku',
      'salesByAsin',
      'trafficByAsin',
    ]);
  });

  it('lands one ground-truth record per array entry, as in the document', () => {
    const truth = groundTruth(spec());
    const report = parse();
    expect(truth.format).toBe('json');
    expect(truth.tables['sales_and_traffic_by_date']).toEqual(report.salesAndTrafficByDate);
    expect(truth.tables['sales_and_traffic_by_asin']).toEqual(report.salesAndTrafficByAsin);
  });

  it('fails on invalid options or several marketplaces, and has no data before 2025', () => {
    expect(generateReport(spec({ dateGranularity: 'YEAR' }))).toMatchObject({ kind: 'fatal' });
    expect(generateReport(spec({ asinGranularity: 'ASIN' }))).toMatchObject({ kind: 'fatal' });
    expect(generateReport(spec({}, [US, CA]))).toMatchObject({ kind: 'fatal' });
    expect(
      generateReport({
        ...spec(),
        dataStartTime: '2024-01-01T00:00:00Z',
        dataEndTime: '2024-01-31T00:00:00Z',
      }),
    ).toEqual({ kind: 'no-data' });
  });
});
