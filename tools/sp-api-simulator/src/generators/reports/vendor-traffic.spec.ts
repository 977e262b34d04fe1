import { generateReport } from '../generate-report';
import {
  JP,
  US,
  documentText,
  reportSchemaValidator,
  schemaErrors,
  tableOf,
  vendorRequest,
} from '../test-support';
import { itFollowsVendorPeriodRules } from '../vendor-period-rules';

const REPORT_TYPE = 'GET_VENDOR_TRAFFIC_REPORT';
const validate = reportSchemaValidator(REPORT_TYPE);
const spec = vendorRequest(REPORT_TYPE, { start: '2026-10-04', end: '2026-10-17' });
const weekly = { reportPeriod: 'WEEK' };
const sales = vendorRequest('GET_VENDOR_SALES_REPORT', { start: '2026-10-04', end: '2026-10-17' });
const views = (rows: Record<string, unknown>[]) =>
  rows.reduce((sum, row) => sum + Number(row['glanceViews']), 0);

describe(REPORT_TYPE, () => {
  itFollowsVendorPeriodRules({ reportType: REPORT_TYPE, arrayName: 'traffic', options: weekly });

  it.each([
    ['DAY', '2026-10-05', '2026-10-06', US],
    ['WEEK', '2026-10-04', '2026-10-17', US],
    ['MONTH', '2026-01-01', '2026-02-28', JP],
    ['YEAR', '2025-01-01', '2025-12-31', US],
  ])('is valid against the official schema for %s periods', (reportPeriod, start, end, market) => {
    const request = spec({ reportPeriod }, start, end, { marketplaceIds: [market] });
    const report: unknown = JSON.parse(documentText(generateReport(request)));
    expect(schemaErrors(validate, report)).toEqual([]);
  });

  it('sums daily views: the aggregate is the sum of its ASINs and of its days', () => {
    const rows = tableOf(spec(weekly), 'traffic_by_asin');
    const aggregate = tableOf(spec(weekly), 'traffic_aggregate');
    for (const entry of aggregate) {
      const ofPeriod = rows.filter((row) => row['startDate'] === entry['startDate']);
      expect(entry['glanceViews']).toBe(views(ofPeriod));
    }
    const daily = tableOf(spec({ reportPeriod: 'DAY' }), 'traffic_aggregate');
    expect(daily).toHaveLength(14);
    expect(views(daily)).toBe(views(aggregate));
  });

  it('shows more views of each ASIN than the sales report shows ordered units', () => {
    const options = {
      reportPeriod: 'WEEK',
      distributorView: 'MANUFACTURING',
      sellingProgram: 'RETAIL',
    };
    const ordered = tableOf(sales(options), 'sales_by_asin');
    const traffic = tableOf(spec(weekly), 'traffic_by_asin');
    expect(traffic).toHaveLength(ordered.length);
    traffic.forEach((row, index) => {
      const sold = ordered[index] ?? {};
      expect([row['asin'], row['startDate']]).toEqual([sold['asin'], sold['startDate']]);
      expect(Number.isInteger(row['glanceViews'])).toBe(true);
      expect(Number(row['glanceViews'])).toBeGreaterThan(Number(sold['orderedUnits']));
    });
  });
});
