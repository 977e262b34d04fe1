import { generateReport, groundTruth } from './generate-report';
import { missingOptionsDetails } from './report-definition';
import { snakeCase } from './reports/vendor-period-report';
import { DE, US, documentText, tableOf, vendorAsinsIn, vendorRequest } from './test-support';

/** What `itFollowsVendorPeriodRules` needs to know about a vendor report with a reportPeriod. */
export interface VendorPeriodReportCase {
  readonly reportType: string;
  /** Prefix of the document's arrays, e.g. `traffic` for `trafficAggregate` / `trafficByAsin`. */
  readonly arrayName: string;
  /** Valid options with reportPeriod WEEK. */
  readonly options: Readonly<Record<string, string>>;
}

const fatalDocument = (errorDetails: string) => ({
  kind: 'fatal',
  errorDocument: JSON.stringify({ errorDetails }),
});

/**
 * The rules every vendor report with a reportPeriod shares (as GET_VENDOR_SALES_REPORT): required
 * options, one marketplace, windows on period boundaries spanning several periods, no data before
 * the world's history, determinism and rowsOverride. Call inside `describe`.
 */
export function itFollowsVendorPeriodRules({
  reportType,
  arrayName,
  options,
}: VendorPeriodReportCase): void {
  const spec = vendorRequest(reportType, { start: '2026-10-04', end: '2026-10-17' });
  const aggregateTable = `${snakeCase(arrayName)}_aggregate`;
  const byAsinTable = `${snakeCase(arrayName)}_by_asin`;
  const required = Object.keys(options);

  it('has one aggregate per period and one row per listed ASIN and period', () => {
    const report = JSON.parse(documentText(generateReport(spec(options)))) as Record<
      string,
      Record<string, unknown>[]
    >;
    const periods = [
      ['2026-10-04', '2026-10-10'],
      ['2026-10-11', '2026-10-17'],
    ];
    expect(report['reportSpecification']).toEqual({
      reportType,
      reportOptions: options,
      lastUpdatedDate: '2026-10-18',
      dataStartTime: '2026-10-04',
      dataEndTime: '2026-10-17',
      marketplaceIds: [US],
    });
    const dates = (entry: Record<string, unknown>) => [entry['startDate'], entry['endDate']];
    expect(report[`${arrayName}Aggregate`]?.map(dates)).toEqual(periods);
    const asins = vendorAsinsIn(US);
    const byAsin = report[`${arrayName}ByAsin`] ?? [];
    expect(byAsin.map((entry) => entry['asin'])).toEqual([...asins, ...asins]);
    expect(byAsin.map(dates)).toEqual(periods.flatMap((period) => asins.map(() => period)));
    expect(groundTruth(spec(options)).tables).toEqual({
      [aggregateTable]: report[`${arrayName}Aggregate`],
      [byAsinTable]: byAsin,
    });
  });

  it('accepts every reportPeriod on period boundaries, spanning several periods', () => {
    const windows = [
      ['DAY', '2026-10-05', '2026-10-07', 3],
      ['MONTH', '2026-07-01', '2026-09-30', 3],
      ['QUARTER', '2026-01-01', '2026-06-30', 2],
      ['YEAR', '2025-01-01', '2025-12-31', 1],
    ] as const;
    for (const [reportPeriod, start, end, periods] of windows) {
      const aggregate = tableOf(spec({ ...options, reportPeriod }, start, end), aggregateTable);
      expect(aggregate).toHaveLength(periods);
      expect(aggregate[0]?.['startDate']).toBe(start);
      expect(aggregate[periods - 1]?.['endDate']).toBe(end);
    }
  });

  it('produces the same text for the same request, another for another seed', () => {
    const text = documentText(generateReport(spec(options)));
    expect(documentText(generateReport(spec(options)))).toBe(text);
    expect(documentText(generateReport(spec(options, undefined, undefined, { seed: 8 })))).not.toBe(
      text,
    );
  });

  it("fails with Amazon's message when a required option is missing", () => {
    const expected = fatalDocument(missingOptionsDetails(required));
    expect(generateReport(spec({}))).toEqual(expected);
    for (const name of required) {
      const others = Object.fromEntries(Object.entries(options).filter(([key]) => key !== name));
      expect(generateReport(spec(others))).toEqual(expected);
    }
  });

  it('fails on invalid values, misaligned windows, several marketplaces and sellers', () => {
    for (const name of required) {
      expect(generateReport(spec({ ...options, [name]: 'BUSINESS_WEEK' }))).toMatchObject({
        kind: 'fatal',
        errorDocument: expect.stringContaining('Invalid reportOption value. Valid values: '),
      });
    }
    expect(generateReport(spec(options, '2026-10-05', '2026-10-17'))).toEqual(
      fatalDocument(
        'dataStartTime must be the first day and dataEndTime the last day of a WEEK reportPeriod.',
      ),
    );
    expect(generateReport(spec({ ...options, reportPeriod: 'MONTH' })).kind).toBe('fatal');
    expect(
      generateReport(spec(options, undefined, undefined, { marketplaceIds: [US, DE] })),
    ).toEqual(fatalDocument('This report type supports exactly one marketplaceId per request.'));
    expect(generateReport({ ...spec(options), accountType: 'seller' })).toEqual(
      fatalDocument('This report type is not available for seller accounts.'),
    );
  });

  it("has no data for windows ending before the world's history, or rowsOverride 0", () => {
    expect(generateReport(spec(options, '2024-12-22', '2024-12-28'))).toEqual({ kind: 'no-data' });
    expect(generateReport(spec(options, undefined, undefined, { rowsOverride: 0 }))).toEqual({
      kind: 'no-data',
    });
    expect(groundTruth(spec(options, '2024-12-22', '2024-12-28')).tables).toEqual({});
  });

  it('takes rowsOverride as the number of per-ASIN rows, beyond the listed ASINs', () => {
    const listed = vendorAsinsIn(US);
    const rowsOverride = 2 * listed.length + 11;
    const sized = spec(options, undefined, undefined, { rowsOverride });
    const outcome = generateReport(sized);
    expect(outcome).toMatchObject({ kind: 'document', rowCount: rowsOverride + 2 });
    const byAsin = tableOf(sized, byAsinTable);
    expect(byAsin).toHaveLength(rowsOverride);
    const firstWeek = byAsin.filter((row) => row['startDate'] === '2026-10-04');
    expect(firstWeek.map((row) => row['asin']).slice(0, listed.length)).toEqual(listed);
    expect(new Set(firstWeek.map((row) => row['asin'])).size).toBe(firstWeek.length);
    expect(byAsin.length - firstWeek.length).toBeLessThan(firstWeek.length);
    expect(tableOf(sized, aggregateTable)).toHaveLength(2);
  });
}
