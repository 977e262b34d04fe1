import { generateReport } from '../generate-report';
import {
  DE,
  JP,
  US,
  documentText,
  reportSchemaValidator,
  schemaErrors,
  brandAnalyticsRequest,
  dataByAsin,
  sellerAsinsIn,
} from '../test-support';
import { itHasNoDataBeforeHistoryAndServesVendors } from '../brand-analytics-rules';

const REPORT_TYPE = 'GET_BRAND_ANALYTICS_REPEAT_PURCHASE_REPORT';
const validate = reportSchemaValidator(REPORT_TYPE);
const spec = brandAnalyticsRequest(REPORT_TYPE, {
  start: '2026-07-01',
  end: '2026-09-30',
  marketplaceId: DE,
});
const rowsOf = dataByAsin;
const ownAsins = sellerAsinsIn(DE);
const isShare = (value: unknown) =>
  typeof value === 'number' && value >= 0 && value <= 1 && Math.round(value * 1e4) / 1e4 === value;

describe('GET_BRAND_ANALYTICS_REPEAT_PURCHASE_REPORT', () => {
  it.each([
    ['WEEK', '2026-10-04T00:00:00Z', '2026-10-17T23:59:59Z'],
    ['MONTH', '2026-07-01', '2026-09-30'],
    ['QUARTER', '2026-01-01', '2026-06-30'],
  ])('is valid against the official schema for %s periods', (reportPeriod, start, end) => {
    const report: unknown = JSON.parse(
      documentText(generateReport(spec({ reportPeriod }, start, end))),
    );
    expect(schemaErrors(validate, report)).toEqual([]);
    expect(report).toMatchObject({
      reportSpecification: {
        reportType: REPORT_TYPE,
        reportOptions: { reportPeriod },
        dataStartTime: start.slice(0, 10),
        dataEndTime: end.slice(0, 10),
        marketplaceIds: [DE],
      },
    });
  });

  it('has one consistent row per own ASIN and period', () => {
    const rows = rowsOf(spec({ reportPeriod: 'MONTH' }));
    expect(rows).toHaveLength(3 * ownAsins.length);
    expect(rows.map((row) => row['asin'])).toEqual([...ownAsins, ...ownAsins, ...ownAsins]);
    expect([...new Set(rows.map((row) => `${row['startDate']}..${row['endDate']}`))]).toEqual([
      '2026-07-01..2026-07-31',
      '2026-08-01..2026-08-31',
      '2026-09-01..2026-09-30',
    ]);
    for (const row of rows) {
      const orders = Number(row['orders']);
      const customers = Number(row['uniqueCustomers']);
      expect(Number.isInteger(orders) && Number.isInteger(customers)).toBe(true);
      expect(customers).toBeGreaterThan(0);
      expect(customers).toBeLessThanOrEqual(orders);
      expect(isShare(row['repeatCustomersPctTotal'])).toBe(true);
      expect(isShare(row['repeatPurchaseRevenuePctTotal'])).toBe(true);
      expect(row['repeatPurchaseRevenue']).toEqual({
        amount: expect.any(Number),
        currencyCode: 'EUR',
      });
    }
    expect(rows.some((row) => Number(row['repeatCustomersPctTotal']) > 0)).toBe(true);
    const yen = rowsOf(
      spec({ reportPeriod: 'MONTH' }, undefined, undefined, { marketplaceIds: [JP] }),
    );
    for (const row of yen) {
      expect(row['repeatPurchaseRevenue']).toMatchObject({ currencyCode: 'JPY' });
      expect(Number.isInteger((row['repeatPurchaseRevenue'] as { amount: number }).amount)).toBe(
        true,
      );
    }
  });

  it('is deterministic and keyed by period: a quarter of months holds each month report', () => {
    const quarter = spec({ reportPeriod: 'MONTH' });
    const text = documentText(generateReport(quarter));
    expect(documentText(generateReport({ ...quarter }))).toBe(text);
    expect(documentText(generateReport({ ...quarter, sellingPartnerId: 'A3OTHER' }))).not.toBe(
      text,
    );
    expect(rowsOf(quarter).slice(ownAsins.length, 2 * ownAsins.length)).toEqual(
      rowsOf(spec({ reportPeriod: 'MONTH' }, '2026-08-01', '2026-08-31')),
    );
  });

  it('fails without reportPeriod, for DAY, off period boundaries or in two marketplaces', () => {
    expect(generateReport(spec({}))).toEqual({
      kind: 'fatal',
      errorDocument: JSON.stringify({
        errorDetails:
          'This report type requires the reportPeriod reportOption to be specified. Please review the document for this report type on GitHub, provide the required reportOption, and try again.',
      }),
    });
    expect(generateReport(spec({ reportPeriod: 'DAY' }, '2026-10-07', '2026-10-07'))).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"Invalid reportPeriod: DAY. Valid values are: WEEK, MONTH, QUARTER."}',
    });
    expect(generateReport(spec({ reportPeriod: 'QUARTER' }, '2026-07-01', '2026-10-31'))).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"dataStartTime must be the first day and dataEndTime the last day of a QUARTER reportPeriod (the first to the last day of a calendar quarter)."}',
    });
    expect(generateReport(spec({ reportPeriod: 'WEEK' }, '2026-10-03', '2026-10-17')).kind).toBe(
      'fatal',
    );
    expect(
      generateReport(
        spec({ reportPeriod: 'MONTH' }, undefined, undefined, { marketplaceIds: [DE, US] }),
      ).kind,
    ).toBe('fatal');
  });

  itHasNoDataBeforeHistoryAndServesVendors({
    spec,
    options: () => ({ reportPeriod: 'MONTH' }),
    beforeHistory: { reportPeriod: 'QUARTER', start: '2024-10-01', end: '2024-12-31' },
  });

  it('gives exactly rowsOverride records, with ASINs unique within each period', () => {
    for (const rowsOverride of [5, 1_000]) {
      const rows = rowsOf(spec({ reportPeriod: 'MONTH' }, undefined, undefined, { rowsOverride }));
      expect(rows).toHaveLength(rowsOverride);
      const keys = rows.map((row) => `${row['startDate']} ${row['asin']}`);
      expect(new Set(keys).size).toBe(rowsOverride);
    }
  });
});
