import { REPORT_SPECIFICATION } from './column-builders';
import type { ReportTypeDefinition } from './report-type-definition';
import { reportTypeDefinitions } from './report-type-registry';
import { parseWhole } from './test/parse-whole';
import {
  type ReportSchema,
  type SchemaNode,
  arrayLeaves,
  leafNodes,
  leafPaths,
  readReportSchema,
  reportOptionsOf,
} from './test/report-schema';

// Every JSON report type is held to its official report schema (models/spapi): every leaf of a
// row is a column of the schema's type, the options are the schema's, the options and the update
// date of `reportSpecification` ride along in every row, and the schema's own example lands whole,
// without drift.

const jsonTypes = reportTypeDefinitions.filter((definition) => definition.format === 'json');
const cases = jsonTypes.map((definition) => [definition.reportType, definition] as const);

/** Where a definition types a leaf otherwise than its schema, and why. */
const TYPED_OTHERWISE: Readonly<Record<string, readonly string[]>> = {
  // Averages over a period's days, though the schema says integer (sales-and-traffic.ts).
  GET_SALES_AND_TRAFFIC_REPORT: [
    'trafficByDate.averageOfferCount',
    'trafficByDate.averageParentItems',
  ],
  // trafficByAsin's dates lack the `format: date` trafficAggregate's have; the example is a date.
  GET_VENDOR_TRAFFIC_REPORT: ['startDate', 'endDate'],
};

/** Leaves a definition reads beyond its schema's, in one of its arrays, and why. */
const READ_BEYOND_SCHEMA: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // The schema's example has the aggregate's rates in every ASIN's row too.
  GET_VENDOR_INVENTORY_REPORT: {
    inventoryByAsin: ['procurableProductOutOfStockRate', 'receiveFillRate', 'uft'],
  },
};

/** Leaves of a schema's own example that are not in the schema (drift), and why. */
const EXAMPLE_DRIFT: Readonly<Record<string, readonly string[]>> = {
  // A typo of browserPageViews in the example.
  GET_SALES_AND_TRAFFIC_REPORT: ['brower_page_views'],
};

const schemaOf = (definition: ReportTypeDefinition): ReportSchema =>
  readReportSchema(definition.reportType);

const isSpecification = (source: string) => source.startsWith(`${REPORT_SPECIFICATION}.`);

function columnTypeOf({ type, format }: SchemaNode): string | undefined {
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'double';
  return format === 'date' ? 'date' : type;
}

describe.each(cases)('%s', (reportType, definition) => {
  const schema = schemaOf(definition);

  it('reads exactly the leaf paths of its schema', () => {
    for (const dataset of definition.datasets) {
      const sources = dataset.columns
        .map((column) => column.source)
        .filter((source) => !isSpecification(source))
        .sort();
      const array = dataset.jsonArray ?? '';
      const beyond = READ_BEYOND_SCHEMA[reportType]?.[array] ?? [];
      expect(sources).toEqual([...arrayLeaves(schema, array), ...beyond].sort());
    }
  });

  it('types every column as its schema does', () => {
    const otherwise = TYPED_OTHERWISE[reportType] ?? [];
    for (const dataset of definition.datasets) {
      const items = schema.properties?.[dataset.jsonArray ?? '']?.items ?? {};
      const schemaTypes = new Map(
        leafNodes(schema, items).map(([leaf, node]) => [leaf, columnTypeOf(node)]),
      );
      for (const column of dataset.columns) {
        const beyond = READ_BEYOND_SCHEMA[reportType]?.[dataset.jsonArray ?? ''] ?? [];
        if (isSpecification(column.source) || otherwise.includes(column.source)) continue;
        if (beyond.includes(column.source)) continue;
        expect([column.source, column.type]).toEqual([
          column.source,
          schemaTypes.get(column.source),
        ]);
      }
    }
  });

  it('takes exactly the options its schema names, with its values, requiring its required', () => {
    const options = reportOptionsOf(schema);
    const named = [...Object.keys(definition.optionValues), ...(definition.asinListOptions ?? [])];
    expect(named.sort()).toEqual(Object.keys(options).sort());
    for (const [key, values] of Object.entries(definition.optionValues)) {
      expect([key, values]).toEqual([key, options[key]?.enum]);
    }
    const required =
      schema.properties?.[REPORT_SPECIFICATION]?.properties?.['reportOptions']?.required ?? [];
    expect([...definition.requiredOptions].sort()).toEqual([...required].sort());
  });

  it("carries the options and the update date of the schema's reportSpecification in every row", () => {
    const specification = schema.properties?.[REPORT_SPECIFICATION] ?? {};
    const carried = [
      ...Object.keys(definition.optionValues).map(
        (option) => `${REPORT_SPECIFICATION}.reportOptions.${option}`,
      ),
      ...(specification.properties?.['lastUpdatedDate'] === undefined
        ? []
        : [`${REPORT_SPECIFICATION}.lastUpdatedDate`]),
    ];
    const leaves = leafPaths(schema, specification, REPORT_SPECIFICATION);
    for (const dataset of definition.datasets) {
      const sources = dataset.columns.map((column) => column.source).filter(isSpecification);
      expect(sources.sort()).toEqual([...carried].sort());
      for (const source of sources) expect(leaves).toContain(source);
    }
  });

  it('names every column once', () => {
    for (const dataset of definition.datasets) {
      const names = dataset.columns.map((column) => column.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  const example = schema.examples?.[0] as Record<string, unknown> | undefined;
  it("lands its schema's example whole, without drift, in the days its rows name", async () => {
    if (example === undefined) throw new Error(`the schema of ${reportType} has no example`);
    const records = await parseWhole(definition, JSON.stringify(example));

    const expected = definition.datasets.reduce(
      (sum, dataset) => sum + ((example[dataset.jsonArray ?? ''] as unknown[]) ?? []).length,
      0,
    );
    expect(records).toHaveLength(expected);
    for (const record of records) {
      expect(record.kind).toBe('row');
      if (record.kind !== 'row') continue;
      expect(Object.keys(record.drift)).toEqual(
        Object.keys(record.drift).length === 0 ? [] : (EXAMPLE_DRIFT[reportType] ?? []),
      );
      const dataset = definition.datasets.find((candidate) => candidate.name === record.dataset);
      const partition = dataset?.partitionDate;
      if (partition !== undefined && 'column' in partition) {
        expect(record.partitionDate).toBe(record.values[partition.column]);
      }
    }
  });
});
