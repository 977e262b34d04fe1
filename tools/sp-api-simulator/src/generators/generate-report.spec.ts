import iconv from 'iconv-lite';
import { generateReport, groundTruth } from './generate-report';
import { amazonGeneratedReportTypes, requestableReportTypes } from './registry';
import { CA, DE, FR, JP, US, documentText, parseTsv, sellerSpec } from './test-support';
import type { ReportRequestSpec } from './types';

const week = { dataStartTime: '2026-10-01T00:00:00Z', dataEndTime: '2026-10-08T00:00:00Z' };
const flatFiles = [
  'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
  'GET_MERCHANT_LISTINGS_ALL_DATA',
  'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
];

const roundTrips = (text: string, charset: string): boolean =>
  iconv.decode(iconv.encode(text, charset), charset) === text;

describe('generateReport', () => {
  it('offers every supported type to createReport except the Amazon-generated settlement', () => {
    expect([...requestableReportTypes].sort()).toEqual(
      [
        ...flatFiles,
        'GET_SALES_AND_TRAFFIC_REPORT',
        'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
        'GET_BRAND_ANALYTICS_MARKET_BASKET_REPORT',
        'GET_BRAND_ANALYTICS_REPEAT_PURCHASE_REPORT',
        'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT',
        'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT',
        'GET_VENDOR_SALES_REPORT',
        'GET_VENDOR_TRAFFIC_REPORT',
        'GET_VENDOR_INVENTORY_REPORT',
        'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT',
        'GET_VENDOR_FORECASTING_REPORT',
      ].sort(),
    );
    expect(amazonGeneratedReportTypes).toEqual(['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2']);
  });

  it.each(flatFiles)(
    'produces identical text for the same spec, on every call of text() (%s)',
    (reportType) => {
      const spec = sellerSpec({ reportType, marketplaceIds: [US, CA], ...week });
      const outcome = generateReport(spec);
      expect(outcome).toMatchObject({ kind: 'document', format: 'tsv', flatFile: true });
      const first = documentText(outcome);
      expect(documentText(outcome)).toBe(first);
      expect(documentText(generateReport({ ...spec }))).toBe(first);
      expect(documentText(generateReport({ ...spec, seed: 8 }))).not.toBe(first);
      expect(documentText(generateReport({ ...spec, sellingPartnerId: 'A3OTHER' }))).not.toBe(
        first,
      );
    },
  );

  it.each(flatFiles)(
    'never puts a tab or line break inside a cell, and counts its rows (%s)',
    (reportType) => {
      const outcome = generateReport(sellerSpec({ reportType, marketplaceIds: [DE, FR], ...week }));
      const { header, rows } = parseTsv(documentText(outcome));
      expect(outcome).toMatchObject({ rowCount: rows.length });
      expect(rows.filter((row) => row.length !== header.length)).toEqual([]);
    },
  );

  it('keeps EU flat files within Cp1252 while using its typographic characters', () => {
    const texts = flatFiles.map((reportType) =>
      documentText(generateReport(sellerSpec({ reportType, marketplaceIds: [DE, FR], ...week }))),
    );
    const all = texts.join('');
    for (const text of texts) expect(roundTrips(text, 'windows-1252')).toBe(true);
    for (const character of ['é', 'ü', 'ß', '€', '™', '–', '“', '„', '’', '«'])
      expect(all).toContain(character);
  });

  it('writes NA text as ASCII plus accented letters, and JP text that fits Shift_JIS', () => {
    const na = flatFiles
      .map((reportType) =>
        documentText(generateReport(sellerSpec({ reportType, marketplaceIds: [US, CA], ...week }))),
      )
      .join('');
    expect(na).toMatch(/[éñ]/);
    expect([...na].filter((character) => character.charCodeAt(0) > 0xff)).toEqual([]);
    const jp = flatFiles
      .filter((reportType) => reportType !== 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA')
      .map((reportType) =>
        documentText(generateReport(sellerSpec({ reportType, marketplaceIds: [JP], ...week }))),
      )
      .join('');
    expect(jp).toMatch(/[\u3040-\u30ff]/);
    expect(roundTrips(jp, 'Shift_JIS')).toBe(true);
  });

  it('turns the text of a TSV document into its ground truth, cell for cell', () => {
    for (const reportType of flatFiles) {
      const spec = sellerSpec({ reportType, marketplaceIds: [DE], ...week });
      const { header, rows } = parseTsv(documentText(generateReport(spec)));
      const truth = groundTruth(spec);
      expect(truth.format).toBe('tsv');
      expect(truth.tables['rows']).toEqual(
        rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index]]))),
      );
    }
  });

  it.each<[string, Partial<ReportRequestSpec>, string]>([
    [
      'an unknown report type',
      { reportType: 'GET_NOTHING' },
      'Report type GET_NOTHING is not supported.',
    ],
    ['an unknown marketplace', { marketplaceIds: ['XX'] }, 'Invalid marketplaceId: XX.'],
    ['no marketplace', { marketplaceIds: [] }, 'At least one marketplaceId is required.'],
    [
      'a malformed date',
      { dataStartTime: 'yesterday' },
      'dataStartTime and dataEndTime must be ISO 8601 date-times.',
    ],
  ])('fails on %s with an error document', (_, overrides, errorDetails) => {
    expect(generateReport(sellerSpec(overrides))).toEqual({
      kind: 'fatal',
      errorDocument: JSON.stringify({ errorDetails }),
    });
    expect(groundTruth(sellerSpec(overrides)).tables).toEqual({});
  });

  it('gives empty ground truth for a report without data', () => {
    const spec = sellerSpec({
      marketplaceIds: [CA],
      dataStartTime: '2026-10-04T00:00:00Z',
      dataEndTime: '2026-10-05T00:00:00Z',
    });
    expect(generateReport(spec)).toEqual({ kind: 'no-data' });
    expect(groundTruth(spec)).toEqual({ format: 'tsv', tables: { rows: [] } });
  });
});

describe('rowsOverride', () => {
  const sized = (rowsOverride: number, overrides: Partial<ReportRequestSpec> = {}) =>
    sellerSpec({ rowsOverride, marketplaceIds: [US, DE], ...week, ...overrides });

  it('produces exactly that many order rows, re-iterably, with every row inside the window', () => {
    for (const reportType of [
      'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
    ]) {
      const outcome = generateReport(sized(5_003, { reportType }));
      const text = documentText(outcome);
      expect(documentText(outcome)).toBe(text);
      const { header, rows } = parseTsv(text);
      expect(rows).toHaveLength(5_003);
      expect(outcome).toMatchObject({ rowCount: 5_003 });
      const column = header.indexOf(
        reportType.includes('ORDER_DATE') ? 'purchase-date' : 'last-updated-date',
      );
      const outside = rows.filter((row) => {
        const at = Date.parse(row[column] ?? '');
        return !(at >= Date.parse(week.dataStartTime) && at < Date.parse(week.dataEndTime));
      });
      expect(outside).toEqual([]);
    }
    expect(generateReport(sized(0))).toEqual({ kind: 'no-data' });
  });

  it('streams 300,000 rows in chunks of about 64 KiB without holding the document', () => {
    const outcome = generateReport(sized(300_000));
    if (outcome.kind !== 'document') throw new Error('expected a document');
    const heapBefore = process.memoryUsage().heapUsed;
    let lines = 0;
    let chunks = 0;
    let largest = 0;
    let peak = 0;
    for (const chunk of outcome.text()) {
      chunks += 1;
      largest = Math.max(largest, chunk.length);
      for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) lines += 1;
      if (chunks % 200 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore);
    }
    expect(lines).toBe(300_001);
    expect(chunks).toBeGreaterThan(1_000);
    expect(largest).toBeLessThan(70_000);
    // The document is ~80 MB of text; a bounded generator stays far below that.
    expect(peak).toBeLessThan(40_000_000);
  });

  it('gives a lazy ground truth for large sizes', () => {
    const rows = groundTruth(sized(50_001)).tables['rows'];
    expect(Array.isArray(rows)).toBe(false);
    let count = 0;
    for (const row of rows ?? []) {
      if (count === 0) expect(Object.keys(row)).toContain('amazon-order-id');
      count += 1;
    }
    expect(count).toBe(50_001);
  });
});
