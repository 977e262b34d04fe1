import { REPORT_SPECIFICATION } from '../column-builders';
import { parseReport } from '../parse-report';
import type { ParsedRecord } from '../parsed-record';
import { reportOptionsProblem } from '../report-options-problem';
import type { ReportTypeDefinition } from '../report-type-definition';
import {
  type ReportSchema,
  type SchemaNode,
  arrayLeaves,
  leafNodes,
  leafPaths,
  readReportSchema,
  reportOptionsOf,
} from '../test/report-schema';
import {
  brandAnalyticsMarketBasket,
  brandAnalyticsRepeatPurchase,
  brandAnalyticsSearchCatalogPerformance,
  brandAnalyticsSearchQueryPerformance,
} from './brand-analytics';
import { brandAnalyticsSearchTerms } from './brand-analytics-and-vendor';

// The official report schemas (models/spapi) are the reference: every leaf of a row is a column,
// the options are the schema's, and the schema's own example lands whole, without drift.

const definitions = [
  brandAnalyticsSearchTerms,
  brandAnalyticsMarketBasket,
  brandAnalyticsRepeatPurchase,
  brandAnalyticsSearchCatalogPerformance,
  brandAnalyticsSearchQueryPerformance,
];
const cases = definitions.map((definition) => [definition.reportType, definition] as const);

function schemaOf(definition: ReportTypeDefinition): ReportSchema {
  return readReportSchema(definition.reportType);
}

async function parsedExample(definition: ReportTypeDefinition): Promise<ParsedRecord[]> {
  const example = schemaOf(definition).examples?.[0];
  if (example === undefined) throw new Error(`${definition.reportType}: no example`);
  async function* chunks(): AsyncGenerator<string> {
    yield JSON.stringify(example);
  }
  const records: ParsedRecord[] = [];
  for await (const record of parseReport(definition, chunks(), {
    windowStart: '2025-01-05T00:00:00Z',
  }).records) {
    records.push(record);
  }
  return records;
}

describe('Brand Analytics report definitions', () => {
  it.each(cases)('%s reads exactly the leaf paths of its schema', (_, definition) => {
    const schema = schemaOf(definition);
    for (const dataset of definition.datasets) {
      const sources = dataset.columns
        .map((column) => column.source)
        .filter((source) => !source.startsWith(`${REPORT_SPECIFICATION}.`))
        .sort();
      expect(sources).toEqual(arrayLeaves(schema, dataset.jsonArray ?? ''));
    }
  });

  it.each(cases)('%s types every column as its schema does', (_, definition) => {
    const schema = schemaOf(definition);
    const typeOf = ({ type, format }: SchemaNode) =>
      type === 'integer'
        ? 'integer'
        : type === 'number'
          ? 'double'
          : format === 'date'
            ? 'date'
            : type;
    for (const dataset of definition.datasets) {
      const array = schema.properties?.[dataset.jsonArray ?? '']?.items ?? {};
      const schemaTypes = new Map(
        leafNodes(schema, array).map(([leaf, node]) => [leaf, typeOf(node)]),
      );
      for (const column of dataset.columns) {
        if (column.source.startsWith(`${REPORT_SPECIFICATION}.`)) continue;
        expect([column.source, column.type]).toEqual([
          column.source,
          schemaTypes.get(column.source),
        ]);
      }
    }
  });

  it.each(cases)(
    "%s carries reportPeriod from the schema's reportSpecification",
    (_, definition) => {
      const schema = schemaOf(definition);
      const specification = schema.properties?.[REPORT_SPECIFICATION] ?? {};
      const leaves = leafPaths(schema, specification, REPORT_SPECIFICATION);
      for (const dataset of definition.datasets) {
        const optionSources = dataset.columns
          .map((column) => column.source)
          .filter((source) => source.startsWith(`${REPORT_SPECIFICATION}.`));
        expect(optionSources).toEqual(['reportSpecification.reportOptions.reportPeriod']);
        for (const source of optionSources) expect(leaves).toContain(source);
      }
    },
  );

  it.each(cases)('%s takes exactly the options its schema names', (_, definition) => {
    const schema = schemaOf(definition);
    const options = reportOptionsOf(schema);
    expect(definition.optionValues['reportPeriod']).toEqual(options['reportPeriod']?.enum);
    expect(
      [...Object.keys(definition.optionValues), ...(definition.asinListOptions ?? [])].sort(),
    ).toEqual(Object.keys(options).sort());
    const required =
      schema.properties?.[REPORT_SPECIFICATION]?.properties?.['reportOptions']?.required ?? [];
    expect([...definition.requiredOptions].sort()).toEqual([...required].sort());
  });

  it.each(cases)('%s names every column once', (_, definition) => {
    for (const dataset of definition.datasets) {
      const names = dataset.columns.map((column) => column.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it.each(cases.slice(1))(
    "%s lands its schema's example whole, in the days its rows name",
    async (_, definition) => {
      const example = schemaOf(definition).examples?.[0] as { dataByAsin: unknown[] };
      const records = await parsedExample(definition);

      expect(records).toHaveLength(example.dataByAsin.length);
      for (const record of records) {
        expect(record).toMatchObject({ kind: 'row', drift: {} });
        if (record.kind !== 'row') continue;
        expect(record.partitionDate).toBe(record.values['start_date']);
        expect(Object.values(record.values)).not.toContain(null);
      }
    },
  );

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
