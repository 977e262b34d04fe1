import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MalformedReportDocumentError } from './errors';
import { parseReport } from './parse-report';
import type { ParsedRecord } from './parsed-record';
import { reportTypeDefinition, reportTypeDefinitions } from './report-type-registry';
import { seededRandom } from './test/seeded-random';

async function* chunked(text: string, size = 5): AsyncGenerator<string> {
  for (let index = 0; index < text.length; index += size) yield text.slice(index, index + size);
}

async function collect(records: AsyncIterable<ParsedRecord>): Promise<ParsedRecord[]> {
  const all: ParsedRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

const context = { windowStart: '2026-11-01T00:00:00Z' };

async function* randomlyCut(text: string, next: () => number): AsyncGenerator<string> {
  const cuts = Array.from({ length: Math.floor(next() * 12) }, () =>
    Math.floor(next() * text.length),
  ).sort((a, b) => a - b);
  let from = 0;
  for (const to of [...cuts, text.length]) {
    yield text.slice(from, to);
    from = to;
  }
}

// Text that a scan following only strings and brackets could take for structure.
const tricky = ['salesByWeek', ']', '[{', '"}', '\\', 'ä€😀', ',:', 'reportSpecification'];

function trickyElement(next: () => number): unknown {
  const text = tricky[Math.floor(next() * tricky.length)] ?? '';
  switch (Math.floor(next() * 4)) {
    case 0:
      return text;
    case 1:
      return { [text]: [text, { nested: [[], {}] }], n: next() };
    case 2:
      return [text, null, true, [[text]]];
    default:
      return Math.round(next() * 1000);
  }
}

describe('JSON reports', () => {
  const salesAndTraffic = reportTypeDefinition('GET_SALES_AND_TRAFFIC_REPORT');
  const document = JSON.stringify({
    reportSpecification: { reportType: 'GET_SALES_AND_TRAFFIC_REPORT' },
    salesAndTrafficByDate: [
      {
        date: '2026-11-01',
        salesByDate: {
          orderedProductSales: { amount: 120.5, currencyCode: 'EUR' },
          unitsOrdered: 4,
        },
        trafficByDate: { sessions: 40, brandNewMetric: 7 },
      },
    ],
    salesAndTrafficByAsin: [
      { parentAsin: 'B000000001', salesByAsin: { unitsOrdered: 2 } },
      { parentAsin: 'B000000002', salesByAsin: { unitsOrdered: 'two' } },
    ],
  });

  it('flattens each top-level array into its own dataset', async () => {
    const records = await collect(parseReport(salesAndTraffic, chunked(document), context).records);
    const byDate = records.find((record) => record.dataset === 'sales_and_traffic_by_date');
    expect(byDate).toMatchObject({
      kind: 'row',
      partitionDate: '2026-11-01',
      values: {
        date: '2026-11-01',
        ordered_product_sales_amount: 120.5,
        ordered_product_sales_currency_code: 'EUR',
        units_ordered: 4,
        sessions: 40,
      },
      drift: { brand_new_metric: 7 },
    });
    const byAsin = records.filter((record) => record.dataset === 'sales_and_traffic_by_asin');
    expect(byAsin.map((record) => record.kind)).toEqual(['row', 'quarantine']);
    expect(byAsin[1]).toMatchObject({
      position: 2,
      reason: 'column units_ordered: not a valid integer',
    });
  });

  it('reports drift once the document is consumed', async () => {
    const parse = parseReport(salesAndTraffic, chunked(document), context);
    await collect(parse.records);
    const [byDate] = parse.schema();
    expect(byDate?.driftColumns).toEqual(['brand_new_metric']);
    expect(byDate?.missingColumns).toContain('units_refunded');
  });

  it('names unknown paths that strip to one name apart, so no value replaces another', async () => {
    const both = JSON.stringify({
      reportSpecification: {},
      salesAndTrafficByDate: [
        { date: '2026-11-01', salesByDate: { newMetric: 1 }, trafficByDate: { newMetric: 2 } },
      ],
      salesAndTrafficByAsin: [],
    });
    const parse = parseReport(salesAndTraffic, chunked(both, 7), context);
    const [row] = await collect(parse.records);
    expect(row).toMatchObject({
      kind: 'row',
      drift: { new_metric: 1, traffic_by_date_new_metric: 2 },
    });
    expect(parse.schema()[0]?.driftColumns).toEqual(['new_metric', 'traffic_by_date_new_metric']);
  });

  it('keeps unknown values as the document types them: numbers, booleans, strings, arrays', async () => {
    const typed = JSON.stringify({
      reportSpecification: {},
      salesAndTrafficByDate: [
        {
          date: '2026-11-01',
          salesByDate: { share: 93.5, flagged: true, note: 'x', parts: [1, { a: 2 }], gone: null },
        },
      ],
      salesAndTrafficByAsin: [],
    });
    const [row] = await collect(parseReport(salesAndTraffic, chunked(typed, 9), context).records);
    expect(row).toMatchObject({
      kind: 'row',
      drift: { share: 93.5, flagged: true, note: 'x', parts: [1, { a: 2 }], gone: null },
    });
  });

  it('keeps both granularities in both Sales and Traffic tables', async () => {
    const withOptions = JSON.stringify({
      reportSpecification: { reportOptions: { dateGranularity: 'DAY', asinGranularity: 'CHILD' } },
      salesAndTrafficByDate: [{ date: '2026-11-01' }],
      salesAndTrafficByAsin: [{ childAsin: 'B000000001' }],
    });
    const records = await collect(
      parseReport(salesAndTraffic, chunked(withOptions), context).records,
    );
    for (const record of records) {
      expect(record).toMatchObject({
        values: { date_granularity: 'DAY', asin_granularity: 'CHILD' },
      });
    }
    expect(records).toHaveLength(2);
  });

  it('gives Sales and Traffic rows the documented granularities when the document omits them', async () => {
    const withoutOptions = JSON.stringify({
      reportSpecification: { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', reportOptions: {} },
      salesAndTrafficByDate: [{ date: '2026-11-01' }],
      salesAndTrafficByAsin: [{ parentAsin: 'B000000001' }],
    });
    const parse = parseReport(salesAndTraffic, chunked(withoutOptions), context);
    const records = await collect(parse.records);
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record).toMatchObject({
        kind: 'row',
        values: { date_granularity: 'DAY', asin_granularity: 'PARENT' },
      });
    }
    // The manifest still says what the document itself lacked.
    expect(parse.schema()[0]?.missingColumns).toEqual(
      expect.arrayContaining(['date_granularity', 'asin_granularity']),
    );
  });

  it("gives every row the options the document's reportSpecification names", async () => {
    const vendorSales = reportTypeDefinition('GET_VENDOR_SALES_REPORT');
    const vendorDocument = JSON.stringify({
      reportSpecification: {
        reportType: 'GET_VENDOR_SALES_REPORT',
        reportOptions: {
          reportPeriod: 'WEEK',
          distributorView: 'SOURCING',
          sellingProgram: 'FRESH',
        },
        dataStartTime: '2026-10-18',
      },
      salesAggregate: [{ startDate: '2026-10-18', endDate: '2026-10-24', orderedUnits: 3 }],
      salesByAsin: [
        { startDate: '2026-10-18', endDate: '2026-10-24', asin: 'B0A' },
        { startDate: '2026-10-18', endDate: '2026-10-24', asin: 'B0B' },
      ],
    });
    const parse = parseReport(vendorSales, chunked(vendorDocument, 7), context);
    const records = await collect(parse.records);
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record).toMatchObject({
        kind: 'row',
        values: { report_period: 'WEEK', distributor_view: 'SOURCING', selling_program: 'FRESH' },
        drift: {},
      });
    }
    expect(parse.schema().flatMap((dataset) => dataset.missingColumns)).not.toContain(
      'selling_program',
    );
  });

  it('fails rather than leave options empty when the reportSpecification follows the rows', async () => {
    const vendorSales = reportTypeDefinition('GET_VENDOR_SALES_REPORT');
    const late = JSON.stringify({
      salesAggregate: [{ startDate: '2026-10-18', endDate: '2026-10-24' }],
      salesByAsin: [],
      reportSpecification: { reportOptions: { reportPeriod: 'WEEK' } },
    });
    await expect(collect(parseReport(vendorSales, chunked(late), context).records)).rejects.toThrow(
      new MalformedReportDocumentError(
        'the reportSpecification follows rows that read its reportOptions',
      ),
    );
  });

  it('fails with a typed error on broken JSON', async () => {
    const parse = parseReport(
      salesAndTraffic,
      chunked('{"salesAndTrafficByDate": [ {"date": '),
      context,
    );
    await expect(collect(parse.records)).rejects.toBeInstanceOf(MalformedReportDocumentError);
  });

  it('says where JSON breaks without quoting the value there', async () => {
    const parse = parseReport(
      salesAndTraffic,
      chunked('{"salesAndTrafficByDate": [ {"date": "2026-11-01" "buyer@example.com"} ]}', 100),
      context,
    );
    const failure = await collect(parse.records).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(MalformedReportDocumentError);
    expect(failure?.message).toBe(
      'the document is not valid JSON: element 1 of salesAndTrafficByDate is not valid JSON',
    );
    expect(failure?.message).not.toContain('buyer@example.com');
    expect(failure?.cause).toBeUndefined();
  });

  it('fails with a typed error quoting errorDetails when a document has none of its arrays', async () => {
    const vendorSales = reportTypeDefinition('GET_VENDOR_SALES_REPORT');
    const parse = parseReport(
      vendorSales,
      chunked(
        '{"errorDetails":"Report requires reportPeriod.\\nSee https://s3.example/x?X-Amz-Signature=abc"}',
      ),
      context,
    );

    const error = await collect(parse.records).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MalformedReportDocumentError);
    expect((error as Error).message).toBe(
      'the document has no top-level salesAggregate, salesByAsin array (required by its schema); ' +
        'errorDetails: "Report requires reportPeriod. See https://s3.example/x?…"',
    );
  });

  it('fails when one required array is missing, after the rows of the others', async () => {
    const records: ParsedRecord[] = [];
    const parse = parseReport(
      salesAndTraffic,
      chunked('{"reportSpecification":{},"salesAndTrafficByDate":[{"date":"2026-11-01"}]}'),
      context,
    );

    const error = await (async () => {
      for await (const record of parse.records) records.push(record);
    })().catch((e: unknown) => e);

    expect(records).toHaveLength(1);
    expect(error).toBeInstanceOf(MalformedReportDocumentError);
    expect((error as Error).message).toBe(
      'the document has no top-level salesAndTrafficByAsin array (required by its schema)',
    );
  });

  it.each([
    ['null', '{"dataByDepartmentAndSearchTerm":null}'],
    ['an object', '{"dataByDepartmentAndSearchTerm":{}}'],
    ['nested only', '{"reportSpecification":{"dataByDepartmentAndSearchTerm":[]}}'],
    ['a key as a value', '{"x":"dataByDepartmentAndSearchTerm","y":[]}'],
    ['a top-level array', '[{"dataByDepartmentAndSearchTerm":[]}]'],
  ])('does not take %s for the required array', async (_, text) => {
    const parse = parseReport(
      reportTypeDefinition('GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT'),
      chunked(text),
      context,
    );
    await expect(collect(parse.records)).rejects.toThrow(
      'the document has no top-level dataByDepartmentAndSearchTerm array',
    );
  });

  it('lists the top-level keys it skips and their elements, not the metadata it reads', async () => {
    const withNews = JSON.stringify({
      reportSpecification: { reportOptions: { dateGranularity: 'DAY' } },
      notice: 'Amazon added weekly totals',
      salesAndTrafficByDate: [{ date: '2026-11-01' }],
      salesByWeek: [{ week: '2026-W44', units: [1, 2] }, { week: '2026-W45' }, {}],
      salesAndTrafficByAsin: [],
      emptyNews: [],
      errorDetails: 'none',
    });
    const parse = parseReport(salesAndTraffic, chunked(withNews), context);

    const records = await collect(parse.records);

    expect(records).toHaveLength(1);
    expect(parse.skippedTopLevelKeys()).toEqual([
      { key: 'notice' },
      { key: 'salesByWeek', elements: 3 },
      { key: 'emptyNews', elements: 0 },
    ]);
  });

  it('lists no skipped key for a document that holds only what it reads', async () => {
    const parse = parseReport(salesAndTraffic, chunked(document), context);
    await collect(parse.records);
    expect(parse.skippedTopLevelKeys()).toEqual([]);
  });

  it('lists a repeated skipped key once, with the elements of all its arrays', async () => {
    const repeated =
      '{"reportSpecification":{},"salesByWeek":[1,2],"salesAndTrafficByDate":[],' +
      '"salesAndTrafficByAsin":[],"salesByWeek":[3]}';
    const parse = parseReport(salesAndTraffic, chunked(repeated), context);
    await collect(parse.records);
    expect(parse.skippedTopLevelKeys()).toEqual([{ key: 'salesByWeek', elements: 3 }]);
  });

  it('lists the same skipped keys and rows however the document is cut', async () => {
    const next = seededRandom(20_261_128);
    const pick = () => tricky[Math.floor(next() * tricky.length)] ?? '';
    for (let round = 0; round < 100; round++) {
      const entries: [string, unknown][] = [
        ['salesAndTrafficByDate', [{ date: '2026-11-01', salesByDate: { unitsOrdered: round } }]],
        ['salesAndTrafficByAsin', [{ parentAsin: 'B000000001' }]],
      ];
      const unread = new Set<string>();
      const unreadKeys = 1 + Math.floor(next() * 3);
      for (let index = 0; index < unreadKeys; index++) {
        const value =
          next() < 0.3
            ? pick()
            : Array.from({ length: Math.floor(next() * 6) }, () => trickyElement(next));
        const key = `${pick()}${index}`;
        unread.add(key);
        entries.splice(Math.floor(next() * (entries.length + 1)), 0, [key, value]);
      }
      // The specification first: the rows read its options.
      entries.unshift(['reportSpecification', { reportOptions: { asinGranularity: 'PARENT' } }]);
      const text = JSON.stringify(Object.fromEntries(entries));
      const whole = parseReport(salesAndTraffic, chunked(text, text.length), context);
      const cut = parseReport(salesAndTraffic, randomlyCut(text, next), context);

      const records = await collect(cut.records);

      expect(records).toEqual(await collect(whole.records));
      expect(records).toHaveLength(2);
      expect(cut.skippedTopLevelKeys()).toEqual(whole.skippedTopLevelKeys());
      expect(cut.skippedTopLevelKeys()).toEqual(
        entries
          .filter(([key]) => unread.has(key))
          .map(([key, value]) =>
            Array.isArray(value) ? { key, elements: value.length } : { key },
          ),
      );
    }
  });

  it('accepts empty required arrays as a report with no rows', async () => {
    const parse = parseReport(
      salesAndTraffic,
      chunked('{"reportSpecification":{},"salesAndTrafficByDate":[],"salesAndTrafficByAsin":[ ]}'),
      context,
    );
    await expect(collect(parse.records)).resolves.toEqual([]);
  });
});

describe('the JSON report definitions', () => {
  // The official report schemas (models/spapi) list the top-level keys a document must carry.
  const required = (reportType: string): readonly string[] =>
    (
      JSON.parse(
        readFileSync(
          path.join(__dirname, `../../../models/spapi/report-schema_${reportType}.json`),
          'utf8',
        ),
      ) as { required: string[] }
    ).required;

  it.each(
    reportTypeDefinitions
      .filter((definition) => definition.format === 'json')
      .map((definition) => [definition.reportType, definition] as const),
  )('%s reads only arrays its schema requires', (reportType, definition) => {
    for (const dataset of definition.datasets) {
      expect(required(reportType)).toContain(dataset.jsonArray);
    }
  });
});
