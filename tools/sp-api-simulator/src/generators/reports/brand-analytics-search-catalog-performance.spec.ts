import { generateReport, groundTruth } from '../generate-report';
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

const REPORT_TYPE = 'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT';
const validate = reportSchemaValidator(REPORT_TYPE);
const spec = brandAnalyticsRequest(REPORT_TYPE, {
  start: '2026-10-04',
  end: '2026-10-10',
  marketplaceId: US,
});
const rowsOf = dataByAsin;
const ownAsins = sellerAsinsIn(US);

interface Row {
  asin: string;
  impressionData: Record<string, number>;
  clickData: Record<string, number | { amount: number; currencyCode: string }>;
  cartAddData: Record<string, number | { amount: number; currencyCode: string }>;
  purchaseData: Record<string, number | { amount: number; currencyCode: string }>;
}

describe('GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT', () => {
  it.each([
    ['WEEK', '2026-10-04T00:00:00Z', '2026-10-10T23:59:59Z', US],
    ['MONTH', '2026-09-01', '2026-09-30', DE],
    ['QUARTER', '2026-07-01', '2026-09-30', JP],
  ])('is valid against the official schema for one %s', (reportPeriod, start, end, marketplace) => {
    const report: unknown = JSON.parse(
      documentText(
        generateReport(spec({ reportPeriod }, start, end, { marketplaceIds: [marketplace] })),
      ),
    );
    expect(schemaErrors(validate, report)).toEqual([]);
    expect(report).toMatchObject({
      reportSpecification: {
        reportType: REPORT_TYPE,
        reportOptions: { reportPeriod },
        dataStartTime: start.slice(0, 10),
        dataEndTime: end.slice(0, 10),
      },
    });
  });

  it('covers every own ASIN by default, with a consistent search funnel', () => {
    const rows = rowsOf(spec({ reportPeriod: 'WEEK' })) as unknown as Row[];
    expect(rows.map((row) => row.asin)).toEqual(ownAsins);
    for (const { impressionData: i, clickData: c, cartAddData: a, purchaseData: p } of rows) {
      const clicks = Number(c['clickCount']);
      const cartAdds = Number(a['cartAddCount']);
      const purchases = Number(p['purchaseCount']);
      expect(clicks).toBeLessThanOrEqual(Number(i['impressionCount']));
      expect(cartAdds).toBeLessThanOrEqual(clicks);
      expect(purchases).toBeLessThanOrEqual(cartAdds);
      expect(c['clickRate']).toBe(Math.round((clicks / Number(i['impressionCount'])) * 1e4) / 1e4);
      expect(p['conversionRate']).toBe(
        clicks === 0 ? 0 : Math.round((purchases / clicks) * 1e4) / 1e4,
      );
      for (const kind of ['sameDay', 'oneDay', 'twoDay']) {
        expect(Number(c[`${kind}ShippingClickCount`])).toBeLessThanOrEqual(
          Number(i[`${kind}ShippingImpressionCount`]),
        );
        expect(Number(p[`${kind}ShippingPurchaseCount`])).toBeLessThanOrEqual(
          Number(a[`${kind}ShippingCartAddCount`]),
        );
      }
      const median = p['purchaseMedianPrice'] as { amount: number; currencyCode: string };
      expect(median.currencyCode).toBe('USD');
      expect(Math.round(median.amount * 100) / 100).toBe(median.amount);
      const sales = p['searchTrafficSales'] as { amount: number };
      expect(sales.amount).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps to the owned ASINs among `asins`, in request order, and echoes the option', () => {
    const [first = '', second = ''] = ownAsins;
    const asins = `${second} B0NOTOURS1 ${first} ${second}`;
    const request = spec({ reportPeriod: 'WEEK', asins });
    expect(rowsOf(request).map((row) => row['asin'])).toEqual([second, first]);
    expect(groundTruth(request).document).toMatchObject({
      reportSpecification: { reportOptions: { reportPeriod: 'WEEK', asins } },
    });
    expect(rowsOf(request)[1]).toEqual(rowsOf(spec({ reportPeriod: 'WEEK' }))[0]);
    expect(generateReport(spec({ reportPeriod: 'WEEK', asins: 'B0NOTOURS1' }))).toEqual({
      kind: 'no-data',
    });
  });

  it('is deterministic', () => {
    const request = spec({ reportPeriod: 'MONTH' }, '2026-09-01', '2026-09-30');
    const text = documentText(generateReport(request));
    expect(documentText(generateReport({ ...request }))).toBe(text);
    expect(documentText(generateReport({ ...request, seed: 8 }))).not.toBe(text);
  });

  it('fails on a window of two periods, a bad reportPeriod, long asins or two marketplaces', () => {
    expect(generateReport(spec({}))).toEqual({
      kind: 'fatal',
      errorDocument: JSON.stringify({
        errorDetails:
          'This report type requires the reportPeriod reportOption to be specified. Please review the document for this report type on GitHub, provide the required reportOption, and try again.',
      }),
    });
    expect(generateReport(spec({ reportPeriod: 'WEEK' }, '2026-10-04', '2026-10-17'))).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"dataStartTime and dataEndTime must cover exactly one WEEK reportPeriod (a Sunday to the following Saturday). Requests cannot span multiple periods."}',
    });
    expect(generateReport(spec({ reportPeriod: 'MONTH' }, '2026-09-02', '2026-09-30')).kind).toBe(
      'fatal',
    );
    expect(generateReport(spec({ reportPeriod: 'DAY' }, '2026-10-07', '2026-10-07')).kind).toBe(
      'fatal',
    );
    const tooLong = Array.from({ length: 19 }, () => 'B0AAAAAAAA').join(' ');
    expect(tooLong).toHaveLength(208);
    expect(generateReport(spec({ reportPeriod: 'WEEK', asins: tooLong }))).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"The asins reportOption is limited to 200 characters (208 given)."}',
    });
    expect(generateReport(spec({ reportPeriod: 'WEEK', asins: ' ' })).kind).toBe('fatal');
    expect(
      generateReport(
        spec({ reportPeriod: 'WEEK' }, undefined, undefined, { marketplaceIds: [US, DE] }),
      ).kind,
    ).toBe('fatal');
  });

  itHasNoDataBeforeHistoryAndServesVendors({
    spec,
    options: () => ({ reportPeriod: 'WEEK' }),
    beforeHistory: { reportPeriod: 'WEEK', start: '2024-12-22', end: '2024-12-28' },
  });

  it('gives exactly rowsOverride records with distinct ASINs', () => {
    const few = rowsOf(spec({ reportPeriod: 'WEEK' }, undefined, undefined, { rowsOverride: 3 }));
    expect(few.map((row) => row['asin'])).toEqual(ownAsins.slice(0, 3));
    const many = rowsOf(
      spec({ reportPeriod: 'WEEK' }, undefined, undefined, { rowsOverride: 500 }),
    );
    expect(new Set(many.map((row) => row['asin'])).size).toBe(500);
  });
});
