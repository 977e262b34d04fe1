import { generateReport } from '../generate-report';
import {
  DE,
  documentText,
  reportSchemaValidator,
  schemaErrors,
  tableOf,
  vendorRequest,
} from '../test-support';
import { itFollowsVendorPeriodRules } from '../vendor-period-rules';

const REPORT_TYPE = 'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT';
const validate = reportSchemaValidator(REPORT_TYPE);
const spec = vendorRequest(REPORT_TYPE, { start: '2026-10-04', end: '2026-10-17' });
const weekly = { reportPeriod: 'WEEK' };
const margins = (rows: Record<string, unknown>[]) =>
  rows.map((row) => Number(row['netPureProductMargin']));

describe(REPORT_TYPE, () => {
  itFollowsVendorPeriodRules({
    reportType: REPORT_TYPE,
    arrayName: 'netPureProductMargin',
    options: weekly,
  });

  it.each([
    ['DAY', '2026-10-05', '2026-10-11'],
    ['WEEK', '2026-10-04', '2026-10-17'],
    ['MONTH', '2026-07-01', '2026-09-30'],
    ['QUARTER', '2025-10-01', '2025-12-31'],
  ])('is valid against the official schema for %s periods', (reportPeriod, start, end) => {
    const report: unknown = JSON.parse(
      documentText(generateReport(spec({ reportPeriod }, start, end, { marketplaceIds: [DE] }))),
    );
    expect(schemaErrors(validate, report)).toEqual([]);
  });

  it('is a fraction between 0 and 1, rounded to four decimals; the aggregate lies among its ASINs', () => {
    const byAsin = tableOf(spec(weekly), 'net_pure_product_margin_by_asin');
    for (const margin of margins(byAsin)) {
      expect(margin).toBeGreaterThanOrEqual(0);
      expect(margin).toBeLessThanOrEqual(1);
      expect(Math.round(margin * 1e4) / 1e4).toBe(margin);
    }
    for (const entry of tableOf(spec(weekly), 'net_pure_product_margin_aggregate')) {
      const ofPeriod = margins(
        byAsin.filter(
          (row) => row['startDate'] === entry['startDate'] && row['netPureProductMargin'] !== 0,
        ),
      );
      const margin = Number(entry['netPureProductMargin']);
      expect(margin).toBeGreaterThan(0.1);
      expect(margin).toBeGreaterThanOrEqual(Math.min(...ofPeriod));
      expect(margin).toBeLessThanOrEqual(Math.max(...ofPeriod));
    }
  });

  it('is 0 on days without shipments (no revenue)', () => {
    const daily = margins(
      tableOf(
        spec({ reportPeriod: 'DAY' }, '2026-10-04', '2026-10-10'),
        'net_pure_product_margin_by_asin',
      ),
    );
    expect(daily.some((margin) => margin === 0)).toBe(true);
    expect(daily.some((margin) => margin > 0)).toBe(true);
  });
});
