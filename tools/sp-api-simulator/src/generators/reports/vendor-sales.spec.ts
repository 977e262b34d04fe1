import { generateReport, groundTruth } from '../generate-report';
import { US, documentText, reportSchemaValidator, schemaErrors, sellerSpec } from '../test-support';

const validate = reportSchemaValidator('GET_VENDOR_SALES_REPORT');
const spec = (reportOptions: Record<string, string>, start = '2026-10-04', end = '2026-10-17') =>
  sellerSpec({
    reportType: 'GET_VENDOR_SALES_REPORT',
    sellingPartnerId: 'amzn1.vg.5550001',
    accountType: 'vendor',
    reportOptions,
    dataStartTime: start,
    dataEndTime: end,
    marketplaceIds: [US],
  });
const weekly = { reportPeriod: 'WEEK', distributorView: 'MANUFACTURING', sellingProgram: 'RETAIL' };

describe('GET_VENDOR_SALES_REPORT', () => {
  it.each([
    [weekly],
    [{ ...weekly, sellingProgram: 'FRESH' }],
    [{ ...weekly, distributorView: 'SOURCING' }],
    [{ ...weekly, reportPeriod: 'DAY', sellingProgram: 'BUSINESS' }],
  ])('is valid against the official schema for %j', (options) => {
    const report: unknown = JSON.parse(documentText(generateReport(spec(options))));
    expect(schemaErrors(validate, report)).toEqual([]);
  });

  it('has one aggregate per period, per-ASIN rows, and the fields of the view and program', () => {
    const report = JSON.parse(documentText(generateReport(spec(weekly)))) as {
      reportSpecification: Record<string, unknown>;
      salesAggregate: Record<string, unknown>[];
      salesByAsin: Record<string, unknown>[];
    };
    expect(report.reportSpecification).toMatchObject({
      lastUpdatedDate: '2026-10-18',
      dataEndTime: '2026-10-17',
    });
    expect(report.salesAggregate.map((entry) => [entry['startDate'], entry['endDate']])).toEqual([
      ['2026-10-04', '2026-10-10'],
      ['2026-10-11', '2026-10-17'],
    ]);
    expect(report.salesByAsin.length).toBeGreaterThan(2 * 20);
    const sourcing = [
      ...(groundTruth(spec({ ...weekly, distributorView: 'SOURCING' })).tables['sales_aggregate'] ??
        []),
    ];
    expect(sourcing[0]).not.toHaveProperty('orderedUnits');
    const fresh = [
      ...(groundTruth(spec({ ...weekly, sellingProgram: 'FRESH' })).tables['sales_by_asin'] ?? []),
    ];
    expect(fresh[0]).not.toHaveProperty('customerReturns');
  });

  it('agrees across granularities: weekly units are the sum of daily units', () => {
    const units = (options: Record<string, string>) =>
      [...(groundTruth(spec(options)).tables['sales_aggregate'] ?? [])].reduce(
        (sum, entry) => sum + Number(entry['shippedUnits']),
        0,
      );
    expect(units(weekly)).toBe(units({ ...weekly, reportPeriod: 'DAY' }));
  });

  it("fails with Amazon's error document when a required option is missing", () => {
    const expected = {
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"This report type requires the reportPeriod, distributorView, sellingProgram reportOption to be specified. Please review the document for this report type on GitHub, provide the required reportOption, and try again."}',
    };
    expect(generateReport(spec({}))).toEqual(expected);
    expect(
      generateReport(spec({ reportPeriod: 'WEEK', distributorView: 'MANUFACTURING' })),
    ).toEqual(expected);
  });

  it('fails on misaligned periods, invalid values and seller accounts', () => {
    expect(generateReport(spec(weekly, '2026-10-05', '2026-10-17')).kind).toBe('fatal');
    expect(generateReport(spec({ ...weekly, reportPeriod: 'MONTH' })).kind).toBe('fatal');
    expect(generateReport(spec({ ...weekly, sellingProgram: 'WHOLESALE' })).kind).toBe('fatal');
    expect(generateReport({ ...spec(weekly), accountType: 'seller' })).toEqual({
      kind: 'fatal',
      errorDocument: '{"errorDetails":"This report type is not available for seller accounts."}',
    });
  });
});
