import { generateReport, groundTruth } from '../generate-report';
import {
  DE,
  JP,
  US,
  documentText,
  reportSchemaValidator,
  schemaErrors,
  sellerSpec,
} from '../test-support';

const validate = reportSchemaValidator('GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT');
const spec = (reportPeriod: string | undefined, start: string, end: string, marketplaceId = DE) =>
  sellerSpec({
    reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
    reportOptions: reportPeriod === undefined ? {} : { reportPeriod },
    dataStartTime: start,
    dataEndTime: end,
    marketplaceIds: [marketplaceId],
  });

describe('GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT', () => {
  it.each([
    ['DAY', '2026-10-07', '2026-10-07'],
    ['WEEK', '2026-10-04T00:00:00Z', '2026-10-10T23:59:59Z'],
    ['MONTH', '2026-09-01', '2026-09-30'],
    ['QUARTER', '2026-07-01', '2026-09-30'],
  ])('is valid against the official schema for one %s period', (period, start, end) => {
    const report: unknown = JSON.parse(documentText(generateReport(spec(period, start, end))));
    expect(schemaErrors(validate, report)).toEqual([]);
    expect(report).toMatchObject({
      reportSpecification: { reportOptions: { reportPeriod: period } },
    });
  });

  it('ranks three clicked ASINs per search term and department, with non-ASCII terms', () => {
    const [records = []] = Object.values(
      groundTruth(spec('WEEK', '2026-10-04', '2026-10-10')).tables,
    );
    const rows = [...records];
    expect(rows).toHaveLength(360);
    expect(rows[0]).toMatchObject({
      departmentName: 'Amazon.de',
      searchFrequencyRank: 1,
      clickShareRank: 1,
    });
    expect(rows.map((row) => row['clickShareRank']).slice(0, 6)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(rows.some((row) => /[äöüß]/.test(String(row['searchTerm'])))).toBe(true);
    const jp = JSON.parse(
      documentText(generateReport(spec('DAY', '2026-10-07', '2026-10-07', JP))),
    ) as {
      dataByDepartmentAndSearchTerm: { searchTerm: string }[];
    };
    expect(jp.dataByDepartmentAndSearchTerm[0]?.searchTerm).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('fails when reportPeriod is missing or the window is not exactly one period', () => {
    expect(generateReport(spec(undefined, '2026-10-04', '2026-10-10'))).toEqual({
      kind: 'fatal',
      errorDocument: JSON.stringify({
        errorDetails:
          'This report type requires the reportPeriod reportOption to be specified. Please review the document for this report type on GitHub, provide the required reportOption, and try again.',
      }),
    });
    for (const [period, start, end] of [
      ['WEEK', '2026-10-05', '2026-10-11'],
      ['WEEK', '2026-10-04', '2026-10-17'],
      ['MONTH', '2026-09-01', '2026-09-29'],
      ['DAY', '2026-10-04', '2026-10-05'],
      ['YEAR', '2026-01-01', '2026-12-31'],
    ] as const) {
      const outcome = generateReport(spec(period, start, end));
      expect(outcome.kind).toBe('fatal');
      if (outcome.kind === 'fatal')
        expect(JSON.parse(outcome.errorDocument)).toHaveProperty('errorDetails');
    }
  });

  it('serves sellers and vendors alike, and streams a requested number of records', () => {
    const vendor = generateReport({
      ...spec('WEEK', '2026-10-04', '2026-10-10', US),
      accountType: 'vendor',
    });
    expect(vendor.kind).toBe('document');
    const large = generateReport({
      ...spec('WEEK', '2026-10-04', '2026-10-10'),
      rowsOverride: 150_001,
    });
    expect(large).toMatchObject({ kind: 'document', rowCount: 150_001 });
    const parsed = JSON.parse(documentText(large)) as { dataByDepartmentAndSearchTerm: unknown[] };
    expect(parsed.dataByDepartmentAndSearchTerm).toHaveLength(150_001);
  });
});
