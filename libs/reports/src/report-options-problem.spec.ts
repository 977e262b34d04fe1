import { reportOptionsProblem } from './report-options-problem';
import { reportTypeDefinition, reportTypeDefinitions } from './report-type-registry';

const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const SALES_AND_TRAFFIC = 'GET_SALES_AND_TRAFFIC_REPORT';
const LISTINGS = 'GET_MERCHANT_LISTINGS_ALL_DATA';
const SEARCH_TERMS = 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT';
const VENDOR_SALES = 'GET_VENDOR_SALES_REPORT';

const problem = (reportType: string, reportOptions: Record<string, string>) =>
  reportOptionsProblem(reportTypeDefinition(reportType), reportOptions);

describe('reportOptionsProblem', () => {
  it('refuses a reportPeriod for a type that takes none', () => {
    for (const reportType of [ORDERS, SALES_AND_TRAFFIC, LISTINGS]) {
      expect(problem(reportType, { reportPeriod: 'MONTH' })).toBe(
        `${reportType} takes no reportPeriod: use windowDays, not period or reportOptions.reportPeriod`,
      );
    }
  });

  it('accepts a reportPeriod for Brand Analytics and vendor reports, and no options at all', () => {
    expect(problem(SEARCH_TERMS, { reportPeriod: 'WEEK' })).toBeUndefined();
    expect(problem(VENDOR_SALES, { reportPeriod: 'YEAR' })).toBeUndefined();
    expect(problem(ORDERS, {})).toBeUndefined();
  });

  it("refuses a value the type's report schema does not list", () => {
    expect(problem(SEARCH_TERMS, { reportPeriod: 'YEAR' })).toBe(
      `${SEARCH_TERMS} takes reportOptions.reportPeriod DAY, WEEK, MONTH, QUARTER, not "YEAR"`,
    );
    const vendorWeek = {
      reportPeriod: 'WEEK',
      distributorView: 'SOURCING',
      sellingProgram: 'FRESH',
    };
    expect(problem(VENDOR_SALES, vendorWeek)).toBeUndefined();
    expect(problem(VENDOR_SALES, { ...vendorWeek, distributorView: 'RETAIL' })).toBe(
      `${VENDOR_SALES} takes reportOptions.distributorView MANUFACTURING, SOURCING, not "RETAIL"`,
    );
    expect(problem(VENDOR_SALES, { ...vendorWeek, sellingProgram: 'retail' })).toContain(
      'takes reportOptions.sellingProgram RETAIL, BUSINESS, FRESH, not "retail"',
    );
    expect(problem(SALES_AND_TRAFFIC, { dateGranularity: 'WEEK', asinGranularity: 'SKU' })).toBe(
      undefined,
    );
    expect(problem(SALES_AND_TRAFFIC, { dateGranularity: 'YEAR' })).toContain(
      'takes reportOptions.dateGranularity DAY, WEEK, MONTH, not "YEAR"',
    );
  });

  it('leaves options the report schema does not restrict alone', () => {
    expect(problem(ORDERS, { someFutureOption: 'x' })).toBeUndefined();
    expect(problem(LISTINGS, { custom: 'true' })).toBeUndefined();
  });

  it('refuses an option a JSON report schema does not name (a typo Amazon would ignore)', () => {
    expect(problem(SALES_AND_TRAFFIC, { asinGranularty: 'CHILD' })).toBe(
      `${SALES_AND_TRAFFIC} takes no reportOptions.asinGranularty (its report schema names dateGranularity, asinGranularity)`,
    );
    expect(problem(SEARCH_TERMS, { reportPeriod: 'WEEK', asin: 'B000000001' })).toContain(
      'takes no reportOptions.asin',
    );
    for (const definition of reportTypeDefinitions) {
      expect([definition.reportType, definition.onlyListedOptions === true]).toEqual([
        definition.reportType,
        definition.format === 'json',
      ]);
    }
  });

  it('knows a reportPeriod for exactly the period-aligned types', () => {
    for (const definition of reportTypeDefinitions) {
      expect({
        reportType: definition.reportType,
        takesPeriod: definition.optionValues['reportPeriod'] !== undefined,
      }).toEqual({
        reportType: definition.reportType,
        takesPeriod: definition.window.periodAligned,
      });
    }
  });
});
