import { reportOptionsProblem } from '../report-options-problem';
import type { ReportTypeDefinition } from '../report-type-definition';
import { parseWhole } from '../test/parse-whole';
import { readReportSchema } from '../test/report-schema';
import {
  brandAnalyticsSearchCatalogPerformance,
  brandAnalyticsSearchQueryPerformance,
} from './brand-analytics';

// What the schemas leave to names: the funnel's columns say which step they count. (Every JSON
// type is held to its schema in json-report-schemas.spec.ts.)

function parsedExample(definition: ReportTypeDefinition) {
  const example = readReportSchema(definition.reportType).examples?.[0];
  if (example === undefined) throw new Error(`${definition.reportType}: no example`);
  return parseWhole(definition, JSON.stringify(example));
}

describe('Brand Analytics search query performance', () => {
  it('lands the funnel of a search query with the names of its metrics', async () => {
    const [first] = await parsedExample(brandAnalyticsSearchQueryPerformance);

    expect(first).toMatchObject({
      kind: 'row',
      values: {
        start_date: '2025-01-05',
        end_date: '2025-01-11',
        asin: 'B123456789',
        search_query: 'wireless headphones',
        search_query_volume: 15000,
        asin_impression_share: 0.0765,
        total_click_rate: 0.1,
        asin_median_click_price_amount: 19.99,
        asin_median_click_price_currency_code: 'USD',
        total_same_day_shipping_cart_add_count: 40,
        total_two_day_shipping_purchase_count: 50,
        report_period: 'WEEK',
      },
    });
  });
});

describe('ASIN list options', () => {
  const SQP = brandAnalyticsSearchQueryPerformance;
  const asins = (count: number) =>
    Array.from({ length: count }, (_, i) => `B0${String(i).padStart(8, '0')}`).join(' ');

  it('takes ten-character ASINs separated by single spaces, up to 200 characters', () => {
    expect(reportOptionsProblem(SQP, { reportPeriod: 'WEEK', asin: 'B123456789' })).toBe(undefined);
    expect(asins(18)).toHaveLength(197);
    expect(reportOptionsProblem(SQP, { reportPeriod: 'MONTH', asin: asins(18) })).toBe(undefined);
    expect(
      reportOptionsProblem(brandAnalyticsSearchCatalogPerformance, {
        reportPeriod: 'WEEK',
        asins: 'B123456789 B987654321',
      }),
    ).toBeUndefined();
  });

  it('refuses a longer list, naming how to split it', () => {
    expect(reportOptionsProblem(SQP, { reportPeriod: 'WEEK', asin: asins(19) })).toBe(
      'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT reportOptions.asin is 208 characters long; Amazon takes at most 200 (18 ASINs): split the ASINs over several report configs',
    );
  });

  it.each([
    ['a comma-separated list', 'B123456789,B987654321'],
    ['two spaces', 'B123456789  B987654321'],
    ['a lower-case ASIN', 'b123456789'],
    ['a short ASIN', 'B12345678'],
    ['a trailing space', 'B123456789 '],
    ['nothing', ''],
  ])('refuses %s', (_, asin) => {
    expect(reportOptionsProblem(SQP, { reportPeriod: 'WEEK', asin })).toBe(
      'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT reportOptions.asin must be ASINs (10 upper-case letters or digits) separated by single spaces',
    );
  });

  it('refuses an ASIN named twice', () => {
    expect(
      reportOptionsProblem(SQP, { reportPeriod: 'WEEK', asin: 'B123456789 B000000001 B123456789' }),
    ).toBe(
      'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT reportOptions.asin names B123456789 twice',
    );
  });

  it('names the ASIN list among the options when refusing an unknown one', () => {
    expect(
      reportOptionsProblem(brandAnalyticsSearchCatalogPerformance, {
        reportPeriod: 'WEEK',
        asin: 'B123456789',
      }),
    ).toBe(
      'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT takes no reportOptions.asin (its report schema names reportPeriod, asins)',
    );
  });
});
