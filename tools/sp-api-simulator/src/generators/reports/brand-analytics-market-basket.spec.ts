import { generateReport } from '../generate-report';
import {
  DE,
  US,
  documentText,
  reportSchemaValidator,
  schemaErrors,
  brandAnalyticsRequest,
  dataByAsin,
  sellerAsinsIn,
} from '../test-support';
import { itHasNoDataBeforeHistoryAndServesVendors } from '../brand-analytics-rules';

const REPORT_TYPE = 'GET_BRAND_ANALYTICS_MARKET_BASKET_REPORT';
const validate = reportSchemaValidator(REPORT_TYPE);
const spec = brandAnalyticsRequest(REPORT_TYPE, {
  start: '2026-10-04',
  end: '2026-10-17',
  marketplaceId: US,
});
const rowsOf = dataByAsin;
const ownAsins = sellerAsinsIn(US);

describe('GET_BRAND_ANALYTICS_MARKET_BASKET_REPORT', () => {
  it.each([
    ['DAY', '2026-10-07', '2026-10-08'],
    ['WEEK', '2026-10-04T00:00:00Z', '2026-10-17T23:59:59Z'],
    ['MONTH', '2026-09-01', '2026-10-31'],
    ['QUARTER', '2026-07-01', '2026-09-30'],
  ])('is valid against the official schema for %s periods', (reportPeriod, start, end) => {
    const report: unknown = JSON.parse(
      documentText(generateReport(spec({ reportPeriod }, start, end, { marketplaceIds: [DE] }))),
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

  it('ranks three distinct ASINs bought with each own ASIN, per period of the window', () => {
    const rows = rowsOf(spec({ reportPeriod: 'WEEK' }));
    expect(rows).toHaveLength(2 * 3 * ownAsins.length);
    expect(new Set(rows.map((row) => `${row['startDate']}..${row['endDate']}`))).toEqual(
      new Set(['2026-10-04..2026-10-10', '2026-10-11..2026-10-17']),
    );
    expect(new Set(rows.map((row) => row['asin']))).toEqual(new Set(ownAsins));
    for (let at = 0; at < rows.length; at += 3) {
      const group = rows.slice(at, at + 3);
      expect(group.map((row) => row['purchasedWithRank'])).toEqual([1, 2, 3]);
      expect(new Set(group.map((row) => row['asin'])).size).toBe(1);
      const partners = group.map((row) => row['purchasedWithAsin']);
      expect(new Set(partners).size).toBe(3);
      expect(partners).not.toContain(group[0]?.['asin']);
      const shares = group.map((row) => Number(row['combinationPct']));
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
      for (const share of shares) {
        expect(share).toBeGreaterThan(0);
        expect(share).toBeLessThanOrEqual(1);
        expect(Math.round(share * 10_000) / 10_000).toBe(share);
      }
    }
    expect(rows.some((row) => ownAsins.includes(String(row['purchasedWithAsin'])))).toBe(true);
  });

  it('is deterministic and keyed by period: a two-week window holds both one-week reports', () => {
    const twoWeeks = spec({ reportPeriod: 'WEEK' });
    const text = documentText(generateReport(twoWeeks));
    expect(documentText(generateReport({ ...twoWeeks }))).toBe(text);
    expect(documentText(generateReport({ ...twoWeeks, seed: 8 }))).not.toBe(text);
    expect(rowsOf(twoWeeks)).toEqual([
      ...rowsOf(spec({ reportPeriod: 'WEEK' }, '2026-10-04', '2026-10-10')),
      ...rowsOf(spec({ reportPeriod: 'WEEK' }, '2026-10-11', '2026-10-17')),
    ]);
  });

  it('fails without reportPeriod, with an invalid one, off period boundaries or in two marketplaces', () => {
    expect(generateReport(spec({}))).toEqual({
      kind: 'fatal',
      errorDocument: JSON.stringify({
        errorDetails:
          'This report type requires the reportPeriod reportOption to be specified. Please review the document for this report type on GitHub, provide the required reportOption, and try again.',
      }),
    });
    expect(generateReport(spec({ reportPeriod: 'YEAR' }, '2026-01-01', '2026-12-31'))).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"Invalid reportPeriod: YEAR. Valid values are: DAY, WEEK, MONTH, QUARTER."}',
    });
    expect(generateReport(spec({ reportPeriod: 'WEEK' }, '2026-10-05', '2026-10-17'))).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"dataStartTime must be the first day and dataEndTime the last day of a WEEK reportPeriod (a Sunday to the following Saturday)."}',
    });
    for (const [reportPeriod, start, end] of [
      ['WEEK', '2026-10-04', '2026-10-16'],
      ['MONTH', '2026-09-01', '2026-10-30'],
      ['QUARTER', '2026-07-01', '2026-08-31'],
      ['DAY', '2026-10-08', '2026-10-07'],
    ] as const) {
      expect(generateReport(spec({ reportPeriod }, start, end)).kind).toBe('fatal');
    }
    expect(
      generateReport(
        spec({ reportPeriod: 'WEEK' }, undefined, undefined, { marketplaceIds: [US, DE] }),
      ),
    ).toEqual({
      kind: 'fatal',
      errorDocument:
        '{"errorDetails":"This report type supports exactly one marketplaceId per request."}',
    });
  });

  itHasNoDataBeforeHistoryAndServesVendors({
    spec,
    options: () => ({ reportPeriod: 'WEEK' }),
    beforeHistory: { reportPeriod: 'MONTH', start: '2024-11-01', end: '2024-12-31' },
  });

  it('gives exactly rowsOverride records, fewer or more than the normal size', () => {
    const few = rowsOf(spec({ reportPeriod: 'WEEK' }, undefined, undefined, { rowsOverride: 7 }));
    expect(few).toHaveLength(7);
    expect(few.slice(0, 6).map((row) => row['startDate'])).toEqual(Array(6).fill('2026-10-04'));
    const many = generateReport(
      spec({ reportPeriod: 'WEEK' }, undefined, undefined, { rowsOverride: 60_001 }),
    );
    expect(many).toMatchObject({ kind: 'document', rowCount: 60_001 });
    const parsed = JSON.parse(documentText(many)) as { dataByAsin: unknown[] };
    expect(parsed.dataByAsin).toHaveLength(60_001);
    expect(schemaErrors(validate, parsed)).toEqual([]);
  });
});
