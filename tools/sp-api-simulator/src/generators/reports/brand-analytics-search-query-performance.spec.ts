import { generateReport } from '../generate-report';
import { productsFor } from '../listings';
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
import type { ReportRequestSpec } from '../types';

const REPORT_TYPE = 'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT';
const validate = reportSchemaValidator(REPORT_TYPE);
const ownAsins = sellerAsinsIn(US);
const twoAsins = ownAsins.slice(0, 2).join(' ');
const spec = brandAnalyticsRequest(REPORT_TYPE, {
  start: '2026-10-04',
  end: '2026-10-10',
  marketplaceId: US,
});
const rowsOf = (request: ReportRequestSpec) => dataByAsin(request) as unknown as Row[];

type Stage = Record<string, number | { amount: number; currencyCode: string }>;
interface Row {
  asin: string;
  searchQueryData: { searchQuery: string; searchQueryScore: number; searchQueryVolume: number };
  impressionData: Record<string, number>;
  clickData: Stage;
  cartAddData: Stage;
  purchaseData: Stage;
}

describe('GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT', () => {
  it.each([
    ['WEEK', '2026-10-04T00:00:00Z', '2026-10-10T23:59:59Z', US],
    ['MONTH', '2026-09-01', '2026-09-30', DE],
    ['QUARTER', '2026-07-01', '2026-09-30', JP],
  ])('is valid against the official schema for one %s', (reportPeriod, start, end, marketplace) => {
    const request = spec({ reportPeriod, asin: twoAsins }, start, end, {
      marketplaceIds: [marketplace],
    });
    const report: unknown = JSON.parse(documentText(generateReport(request)));
    expect(schemaErrors(validate, report)).toEqual([]);
    expect(report).toMatchObject({
      reportSpecification: {
        reportType: REPORT_TYPE,
        reportOptions: { reportPeriod, asin: twoAsins },
        dataStartTime: start.slice(0, 10),
        dataEndTime: end.slice(0, 10),
        marketplaceIds: [marketplace],
      },
    });
  });

  it('ranks twelve search queries per requested own ASIN, in the marketplace language', () => {
    const rows = rowsOf(spec({ reportPeriod: 'WEEK', asin: `${twoAsins} B0NOTOURS1` }));
    expect(rows).toHaveLength(24);
    expect(rows.map((row) => row.asin)).toEqual([
      ...Array(12).fill(ownAsins[0]),
      ...Array(12).fill(ownAsins[1]),
    ]);
    expect(rows.slice(0, 12).map((row) => row.searchQueryData.searchQueryScore)).toEqual(
      Array.from({ length: 12 }, (_, index) => index + 1),
    );
    expect(new Set(rows.slice(0, 12).map((row) => row.searchQueryData.searchQuery)).size).toBe(12);
    const german = rowsOf(
      spec({ reportPeriod: 'WEEK', asin: twoAsins }, undefined, undefined, {
        marketplaceIds: [DE],
      }),
    );
    expect(german.some((row) => /[äöüß]/.test(row.searchQueryData.searchQuery))).toBe(true);
    expect(generateReport(spec({ reportPeriod: 'WEEK', asin: 'B0NOTOURS1' }))).toEqual({
      kind: 'no-data',
    });
  });

  it("keeps each ASIN's counts within the query's, and query totals the same for every ASIN", () => {
    const rows = rowsOf(
      spec(
        { reportPeriod: 'MONTH', asin: ownAsins.slice(0, 18).join(' ') },
        '2026-09-01',
        '2026-09-30',
      ),
    );
    const totalsByQuery = new Map<string, string>();
    const asinSums = new Map<string, number[]>();
    for (const row of rows) {
      const { impressionData: i, clickData: c, cartAddData: a, purchaseData: p } = row;
      const totals = JSON.stringify([
        row.searchQueryData.searchQueryVolume,
        i['totalQueryImpressionCount'],
        c['totalClickCount'],
        a['totalCartAddCount'],
        p['totalPurchaseCount'],
        c['totalMedianClickPrice'],
      ]);
      const query = row.searchQueryData.searchQuery;
      expect(totalsByQuery.get(query) ?? totals).toBe(totals);
      totalsByQuery.set(query, totals);
      const counts = [
        Number(i['asinImpressionCount']),
        Number(c['asinClickCount']),
        Number(a['asinCartAddCount']),
        Number(p['asinPurchaseCount']),
      ];
      const [impressions = 0, clicks = 0, cartAdds = 0, purchases = 0] = counts;
      expect(clicks).toBeLessThanOrEqual(impressions);
      expect(cartAdds).toBeLessThanOrEqual(clicks);
      expect(purchases).toBeLessThanOrEqual(cartAdds);
      const sums = asinSums.get(query) ?? [0, 0, 0, 0];
      asinSums.set(
        query,
        sums.map((sum, index) => sum + (counts[index] ?? 0)),
      );
      for (const share of [
        i['asinImpressionShare'],
        c['asinClickShare'],
        a['asinCartAddShare'],
        p['asinPurchaseShare'],
        c['totalClickRate'],
        a['totalCartAddRate'],
        p['totalPurchaseRate'],
      ]) {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }
      expect(
        Number(c['totalSameDayShippingClickCount']) +
          Number(c['totalOneDayShippingClickCount']) +
          Number(c['totalTwoDayShippingClickCount']),
      ).toBeLessThanOrEqual(Number(c['totalClickCount']));
    }
    expect(rows.length).toBeGreaterThan(totalsByQuery.size);
    for (const [query, sums] of asinSums) {
      const totals = JSON.parse(totalsByQuery.get(query) ?? '[]') as number[];
      expect(sums[0]).toBeLessThanOrEqual(totals[1] ?? 0);
      expect(sums[1]).toBeLessThanOrEqual(totals[2] ?? 0);
      expect(sums[2]).toBeLessThanOrEqual(totals[3] ?? 0);
      expect(sums[3]).toBeLessThanOrEqual(totals[4] ?? 0);
    }
  });

  it('is deterministic, and shows the same query totals to every partner', () => {
    const request = spec({ reportPeriod: 'WEEK', asin: twoAsins });
    const text = documentText(generateReport(request));
    expect(documentText(generateReport({ ...request }))).toBe(text);
    const [mine] = productsFor(7, 'A3SELLER0EXAMPLE');
    const theirs = productsFor(7, 'A3OTHER').find((product) => product.kind.key === mine?.kind.key);
    expect(theirs).toBeDefined();
    const other = rowsOf({
      ...request,
      sellingPartnerId: 'A3OTHER',
      reportOptions: { reportPeriod: 'WEEK', asin: theirs?.asin ?? '' },
    });
    const own = rowsOf(request).slice(0, 12);
    expect(other.map((row) => row.searchQueryData)).toEqual(own.map((row) => row.searchQueryData));
    expect(other.map((row) => row.purchaseData['totalPurchaseCount'])).toEqual(
      own.map((row) => row.purchaseData['totalPurchaseCount']),
    );
    expect(other.map((row) => row.impressionData['asinImpressionCount'])).not.toEqual(
      own.map((row) => row.impressionData['asinImpressionCount']),
    );
  });

  it('requires reportPeriod and asin, one period, at most 200 characters and one marketplace', () => {
    const missing = {
      kind: 'fatal',
      errorDocument: JSON.stringify({
        errorDetails:
          'This report type requires the reportPeriod, asin reportOption to be specified. Please review the document for this report type on GitHub, provide the required reportOption, and try again.',
      }),
    };
    expect(generateReport(spec({ reportPeriod: 'WEEK' }))).toEqual(missing);
    expect(generateReport(spec({ asin: twoAsins }))).toEqual(missing);
    expect(
      generateReport(spec({ reportPeriod: 'DAY', asin: twoAsins }, '2026-10-07', '2026-10-07')),
    ).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"Invalid reportPeriod: DAY. Valid values are: WEEK, MONTH, QUARTER."}',
    });
    expect(
      generateReport(spec({ reportPeriod: 'MONTH', asin: twoAsins }, '2026-08-01', '2026-09-30')),
    ).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"dataStartTime and dataEndTime must cover exactly one MONTH reportPeriod (the first to the last day of a month). Requests cannot span multiple periods."}',
    });
    expect(
      generateReport(spec({ reportPeriod: 'WEEK', asin: twoAsins }, '2026-10-05', '2026-10-11'))
        .kind,
    ).toBe('fatal');
    const longest = Array.from({ length: 18 }, () => 'B0AAAAAAAA').join(' ') + ' B0A';
    expect(longest).toHaveLength(201);
    expect(generateReport(spec({ reportPeriod: 'WEEK', asin: longest }))).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"The asin reportOption is limited to 200 characters (201 given)."}',
    });
    expect(
      generateReport(spec({ reportPeriod: 'WEEK', asin: longest.slice(0, 200) })).kind,
    ).not.toBe('fatal');
    expect(
      generateReport(
        spec({ reportPeriod: 'WEEK', asin: twoAsins }, undefined, undefined, {
          marketplaceIds: [US, DE],
        }),
      ),
    ).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"This report type supports exactly one marketplaceId per request."}',
    });
  });

  itHasNoDataBeforeHistoryAndServesVendors({
    spec,
    options: (asin) => ({ reportPeriod: 'WEEK', asin }),
    beforeHistory: { reportPeriod: 'QUARTER', start: '2024-10-01', end: '2024-12-31' },
  });

  it('gives exactly rowsOverride records by ranking more queries per ASIN', () => {
    const outcome = generateReport(
      spec({ reportPeriod: 'WEEK', asin: twoAsins }, undefined, undefined, {
        rowsOverride: 50_001,
      }),
    );
    expect(outcome).toMatchObject({ kind: 'document', rowCount: 50_001 });
    const rows = rowsOf(
      spec({ reportPeriod: 'WEEK', asin: twoAsins }, undefined, undefined, { rowsOverride: 301 }),
    );
    expect(rows).toHaveLength(301);
    expect(new Set(rows.map((row) => `${row.asin} ${row.searchQueryData.searchQuery}`)).size).toBe(
      301,
    );
    expect(rows.at(-1)).toMatchObject({ asin: ownAsins[1] });
  });
});
