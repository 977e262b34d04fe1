import { generateReport } from '../generate-report';
import {
  JP,
  documentText,
  reportSchemaValidator,
  schemaErrors,
  tableOf,
  vendorRequest,
} from '../test-support';
import { itFollowsVendorPeriodRules } from '../vendor-period-rules';

const REPORT_TYPE = 'GET_VENDOR_INVENTORY_REPORT';
const validate = reportSchemaValidator(REPORT_TYPE);
const spec = vendorRequest(REPORT_TYPE, { start: '2026-10-04', end: '2026-10-17' });
const weekly = { reportPeriod: 'WEEK', distributorView: 'MANUFACTURING', sellingProgram: 'RETAIL' };
const FIELDS = [
  'vendorConfirmationRate',
  'netReceivedInventoryCost',
  'netReceivedInventoryUnits',
  'openPurchaseOrderUnits',
  'averageVendorLeadTimeDays',
  'sellThroughRate',
  'unfilledCustomerOrderedUnits',
  'sellableOnHandInventoryCost',
  'sellableOnHandInventoryUnits',
  'unsellableOnHandInventoryCost',
  'unsellableOnHandInventoryUnits',
  'aged90PlusDaysSellableInventoryCost',
  'aged90PlusDaysSellableInventoryUnits',
  'unhealthyInventoryCost',
  'unhealthyInventoryUnits',
];
// InventoryAggregate has these catalog-wide rates besides; InventoryByAsin does not.
const AGGREGATE_RATES = ['procurableProductOutOfStockRate', 'uft', 'receiveFillRate'];
const UNITS = FIELDS.filter((field) => field.endsWith('Units'));
const isRound4 = (value: unknown) =>
  typeof value === 'number' && Math.round(value * 1e4) / 1e4 === value;
const amount = (row: Record<string, unknown>, field: string) =>
  (row[field] as { amount: number }).amount;

describe(REPORT_TYPE, () => {
  itFollowsVendorPeriodRules({ reportType: REPORT_TYPE, arrayName: 'inventory', options: weekly });

  it.each([
    [weekly, '2026-10-04', '2026-10-17'],
    [
      { ...weekly, distributorView: 'SOURCING', sellingProgram: 'FRESH' },
      '2026-10-04',
      '2026-10-17',
    ],
    [{ ...weekly, reportPeriod: 'DAY' }, '2026-10-05', '2026-10-06'],
    [{ ...weekly, reportPeriod: 'QUARTER', sellingProgram: 'FRESH' }, '2026-01-01', '2026-06-30'],
  ])('is valid against the official schema for %j', (options, start, end) => {
    const report: unknown = JSON.parse(documentText(generateReport(spec(options, start, end))));
    expect(schemaErrors(validate, report)).toEqual([]);
  });

  it('shows every field of the schema for every view and program', () => {
    for (const options of [
      weekly,
      { ...weekly, distributorView: 'SOURCING', sellingProgram: 'FRESH' },
    ]) {
      for (const row of tableOf(spec(options), 'inventory_by_asin')) {
        expect(Object.keys(row)).toEqual(['startDate', 'endDate', 'asin', ...FIELDS]);
      }
      for (const row of tableOf(spec(options), 'inventory_aggregate')) {
        expect(Object.keys(row)).toEqual(['startDate', 'endDate', ...FIELDS, ...AGGREGATE_RATES]);
      }
    }
  });

  it("rates the catalog's stock and receipts in the aggregate, between 0 and 1", () => {
    const rows = tableOf(spec(weekly), 'inventory_aggregate');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const field of AGGREGATE_RATES) {
        expect(isRound4(row[field])).toBe(true);
        expect(Number(row[field])).toBeGreaterThanOrEqual(0);
        expect(Number(row[field])).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps units, costs and rates consistent', () => {
    const rows = tableOf(spec(weekly), 'inventory_by_asin');
    for (const row of rows) {
      for (const field of UNITS) expect(Number.isInteger(row[field])).toBe(true);
      for (const field of ['vendorConfirmationRate', 'sellThroughRate']) {
        expect(isRound4(row[field])).toBe(true);
      }
      expect(Number(row['vendorConfirmationRate'])).toBeGreaterThanOrEqual(0);
      expect(Number(row['averageVendorLeadTimeDays'])).toBeGreaterThanOrEqual(3);
      expect(Number(row['averageVendorLeadTimeDays'])).toBeLessThanOrEqual(21);
      const sellable = Number(row['sellableOnHandInventoryUnits']);
      expect(Number(row['aged90PlusDaysSellableInventoryUnits'])).toBeLessThanOrEqual(
        Math.max(0, sellable),
      );
      expect(Number(row['unhealthyInventoryUnits'])).toBeLessThanOrEqual(Math.max(0, sellable));
      expect(Math.sign(amount(row, 'sellableOnHandInventoryCost'))).toBe(Math.sign(sellable));
      expect(amount(row, 'unsellableOnHandInventoryCost')).toBeGreaterThanOrEqual(0);
      expect(row['netReceivedInventoryCost']).toMatchObject({ currencyCode: 'USD' });
    }
    expect(rows.some((row) => Number(row['vendorConfirmationRate']) > 1)).toBe(true);
    const yen = tableOf(
      spec(weekly, undefined, undefined, { marketplaceIds: [JP] }),
      'inventory_by_asin',
    );
    expect(yen.every((row) => Number.isInteger(amount(row, 'sellableOnHandInventoryCost')))).toBe(
      true,
    );
  });

  it('sums flows over days and ASINs; stock is that of the last day', () => {
    const sum = (rows: Record<string, unknown>[], field: string) =>
      rows.reduce((total, row) => total + Number(row[field]), 0);
    const weeks = tableOf(spec(weekly), 'inventory_aggregate');
    const days = tableOf(spec({ ...weekly, reportPeriod: 'DAY' }), 'inventory_aggregate');
    const byAsin = tableOf(spec(weekly), 'inventory_by_asin');
    expect(sum(weeks, 'netReceivedInventoryUnits')).toBe(sum(days, 'netReceivedInventoryUnits'));
    const lastWeek = weeks[1] ?? {};
    const lastWeekRows = byAsin.filter((row) => row['startDate'] === lastWeek['startDate']);
    for (const field of UNITS) expect(lastWeek[field]).toBe(sum(lastWeekRows, field));
    expect(lastWeek['sellableOnHandInventoryUnits']).toBe(
      days[days.length - 1]?.['sellableOnHandInventoryUnits'],
    );
  });

  it('is the same inventory for every view and program (only the echoed options differ)', () => {
    const fresh = { ...weekly, distributorView: 'SOURCING', sellingProgram: 'FRESH' };
    expect(tableOf(spec(fresh), 'inventory_by_asin')).toEqual(
      tableOf(spec(weekly), 'inventory_by_asin'),
    );
  });
});
