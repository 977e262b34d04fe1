import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import {
  ObjectStoreRequestError,
  ObjectStoreUnavailableError,
  curatedKey,
  manifestKey,
  parseReportManifest,
  parseUncuratedReport,
  quarantineKey,
  rawReportKey,
  serializeReportManifest,
  uncuratedReportKey,
} from '@spapi-lake/lake';
import {
  CurationOutOfTimeError,
  ReportMarketplaceUnknownError,
  ReportNotReadyError,
} from './errors';
import type { ReportRecord } from './ports';
import { replayReport } from './replay-report';
import { type RetrieveReportDeps, retrieveReport } from './retrieve-report';
import {
  type FakeDocument,
  FakeReportsPort,
  fakeDocumentPort,
  recordingSinks,
} from './test/fake-ports';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';

const SELLER = 'A1B2C3D4E5F6G7';
const DE = 'A1PA6795UKMFR9';
const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';

const header = [
  'amazon-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'product-name',
  'sku',
  'quantity',
  'currency',
  'item-price',
  'ship-city',
  'is-business-order',
  'gift-message',
];
const lines = [
  [
    '302-1',
    '2026-10-01T10:00:00+00:00',
    '2026-10-02T08:00:00+00:00',
    'Shipped',
    'Kaffeemühle – Größe M',
    'SKU-1',
    '2',
    'EUR',
    '19.99',
    'München',
    'false',
    'Alles Gute',
  ],
  [
    '302-2',
    '2026-10-01T23:30:00-01:00',
    '2026-10-03T08:00:00+00:00',
    'Shipped',
    'Crème brûlée „Förmchen“',
    'SKU-2',
    '1',
    'EUR',
    '5.00',
    'Köln ',
    'true',
    '',
  ],
  [
    '302-3',
    'not a date',
    '2026-10-03T08:00:00+00:00',
    'Shipped',
    'Broken',
    'SKU-3',
    '1',
    'EUR',
    '1.00',
    'Berlin',
    'false',
    '',
  ],
  ['302-4', '2026-10-01T12:00:00+00:00', '2026-10-01T12:00:00+00:00', 'Pending', 'Too few fields'],
  [
    '302-5',
    '2026-10-01T13:00:00+00:00',
    '2026-10-01T13:00:00+00:00',
    'Pending',
    'Fußball € 5',
    'SKU-5',
    '3',
    'EUR',
    '',
    'Düsseldorf',
    'false',
    '',
  ],
];
const ordersText = `${header.join('\t')}\r\n${lines.map((l) => l.join('\t')).join('\r\n')}\r\n`;

const doneReport: ReportRecord = {
  reportId: '50000012345',
  reportType: ORDERS,
  processingStatus: 'DONE',
  marketplaceIds: [DE],
  dataStartTime: '2026-10-01T00:00:00+00:00',
  dataEndTime: '2026-10-01T23:59:59+00:00',
  createdTime: '2026-10-02T01:00:00+00:00',
  processingEndTime: '2026-10-02T01:00:40+00:00',
  reportDocumentId: 'amzn1.spdoc.1.4.eu.doc-1',
};

// WHATWG's `latin1` decoder is windows-1252 (what Amazon's Cp1252 flat files are).
function cp1252Document(text: string): FakeDocument {
  return { bytes: iconv.encode(text, 'windows-1252'), compression: 'NONE', charset: 'latin1' };
}

function setUp(
  report: ReportRecord = doneReport,
  document: FakeDocument = cp1252Document(ordersText),
  options: Parameters<typeof fakeDocumentPort>[1] & {
    rejects?: Parameters<typeof recordingSinks>[0];
  } = {},
) {
  const reports = new FakeReportsPort(report, document);
  const documents = fakeDocumentPort(reports, options);
  const store = new InMemoryObjectStore();
  const sinks = recordingSinks(options.rejects);
  let now = Date.parse('2026-10-02T02:00:00Z');
  const deps: RetrieveReportDeps = {
    reports,
    documents,
    store,
    openParquetSink: sinks,
    clock: { now: () => now },
  };
  return { deps, reports, documents, store, sinks, later: () => (now += 3_600_000) };
}

const input = { sellingPartnerId: SELLER, reportId: doneReport.reportId };
const ORDERS_RAW_KEY = rawReportKey({
  reportType: ORDERS,
  sellingPartnerId: SELLER,
  dt: '2026-10-01',
  reportId: doneReport.reportId,
  format: 'tsv',
  compression: 'NONE',
});

// The raw bucket fails once the whole document has streamed through; the curated one works.
function failRawUploads(store: InMemoryObjectStore): void {
  const putStream = store.putStream.bind(store);
  store.putStream = async (key, body, options) => {
    if (!key.startsWith('reports/')) return putStream(key, body, options);
    for await (const _chunk of body) {
      // drained
    }
    throw new Error('raw bucket unavailable');
  };
}

describe('retrieveReport', () => {
  it('keeps the raw bytes and writes one Parquet file per (dataset, marketplace, dt)', async () => {
    const { deps, store, sinks } = setUp();

    const manifest = await retrieveReport(deps, input);

    const rawKey = ORDERS_RAW_KEY;
    expect(store.objects.get(rawKey)).toEqual(iconv.encode(ordersText, 'windows-1252'));
    const day = (dt: string) =>
      curatedKey({
        dataset: 'orders_by_order_date',
        sellingPartnerId: SELLER,
        marketplaceId: DE,
        dt,
        reportId: doneReport.reportId,
      });
    // 23:30 at -01:00 is 00:30 UTC the next day.
    expect(manifest.datasets[0]?.partitions).toEqual([day('2026-10-01'), day('2026-10-02')]);
    expect(store.objects.has(day('2026-10-01'))).toBe(true);
    expect(manifest).toMatchObject({
      rawKey,
      rawBytes: iconv.encode(ordersText, 'windows-1252').length,
      charset: 'latin1',
      compression: 'NONE',
    });
    expect(manifest.datasets[0]).toMatchObject({ rows: 3, driftColumns: ['gift_message'] });

    const rows = sinks.files.flatMap((file) => file.rows);
    expect(rows.map((row) => row['amazon_order_id'])).toEqual(['302-1', '302-5', '302-2']);
    expect(rows[0]).toMatchObject({
      product_name: 'Kaffeemühle – Größe M',
      purchase_date: Date.parse('2026-10-01T10:00:00Z'),
      quantity: 2,
      item_price: 19.99,
      is_business_order: false,
      gift_message: 'Alles Gute',
      _report_id: doneReport.reportId,
      _report_processed_at: Date.parse('2026-10-02T01:00:40Z'),
      _data_start_time: Date.parse('2026-10-01T00:00:00Z'),
      _data_end_time: Date.parse('2026-10-01T23:59:59Z'),
      _source_position: 2,
    });
    expect(rows[2]).toMatchObject({
      ship_city: 'Köln ',
      product_name: 'Crème brûlée „Förmchen“',
      gift_message: null,
    });
    expect(rows[1]).toMatchObject({ item_price: null, product_name: 'Fußball € 5' });
  });

  it("lands a snapshot in the day its window names, even when Amazon took it after that day's end", async () => {
    // Asked for on 2026-10-01's window, taken five minutes after midnight: Amazon dates it the 2nd.
    const snapshot: ReportRecord = {
      ...doneReport,
      reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
      dataStartTime: '2026-10-02T00:05:00+00:00',
      dataEndTime: '2026-10-02T00:05:00+00:00',
      createdTime: '2026-10-02T00:05:00+00:00',
    };
    const text = 'sku\tasin\tafn-total-quantity\r\nSKU-1\tB000000001\t7\r\n';
    const { deps, store } = setUp(snapshot, {
      bytes: Buffer.from(text, 'latin1'),
      compression: 'NONE',
      charset: 'latin1',
    });
    const ledgerUnit = {
      reportConfigId: 'fba-inventory-daily',
      marketplaceIds: [DE],
      windowStart: '2026-10-01T00:00:00.000Z',
      windowEnd: '2026-10-02T00:00:00.000Z',
    };

    const manifest = await retrieveReport(deps, { ...input, ledgerUnit });

    const onTheFirst = curatedKey({
      dataset: 'fba_inventory',
      sellingPartnerId: SELLER,
      marketplaceId: DE,
      dt: '2026-10-01',
      reportId: doneReport.reportId,
    });
    expect(manifest.datasets[0]?.partitions).toEqual([onTheFirst]);
    expect(store.objects.has(onTheFirst)).toBe(true);
    // Without the window (a report no fan-out window asked for), Amazon's date still decides.
    const alone = setUp(snapshot, {
      bytes: Buffer.from(text, 'latin1'),
      compression: 'NONE',
      charset: 'latin1',
    });
    const unplaced = await retrieveReport(alone.deps, input);
    expect(unplaced.datasets[0]?.partitions[0]).toContain('dt=2026-10-02');
    // One taken minutes before its window (a recovery adopts it): the window still holds.
    const early = setUp(
      {
        ...snapshot,
        dataStartTime: '2026-09-30T23:58:00+00:00',
        dataEndTime: '2026-09-30T23:58:00+00:00',
        createdTime: '2026-09-30T23:58:00+00:00',
      },
      { bytes: Buffer.from(text, 'latin1'), compression: 'NONE', charset: 'latin1' },
    );
    const adopted = await retrieveReport(early.deps, { ...input, ledgerUnit });
    expect(adopted.datasets[0]?.partitions).toEqual([onTheFirst]);
  });

  it('quarantines rows it cannot curate, with their reason, and counts them', async () => {
    const { deps, store } = setUp();

    const manifest = await retrieveReport(deps, input);

    const key = quarantineKey({
      dataset: 'orders_by_order_date',
      sellingPartnerId: SELLER,
      dt: '2026-10-01',
      reportId: doneReport.reportId,
    });
    const quarantined = (store.objects.get(key)?.toString() ?? '')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(quarantined.map((row) => [row['position'], row['raw']])).toEqual([
      [4, lines[2]?.join('\t')],
      [5, lines[3]?.join('\t')],
    ]);
    expect(String(quarantined[1]?.['reason'])).toContain('expected 12 fields, found 5');
    expect(manifest.quarantinedRows).toBe(2);
    expect(manifest.datasets[0]).toMatchObject({ quarantinedRows: 2, quarantineKey: key });
  });

  it('quarantines a row the Parquet schema rejects instead of failing the report', async () => {
    const { deps, store } = setUp(undefined, undefined, {
      rejects: (row) => row['amazon_order_id'] === '302-2',
    });

    const manifest = await retrieveReport(deps, input);

    expect(manifest.datasets[0]).toMatchObject({ rows: 2, quarantinedRows: 3 });
    const key = quarantineKey({
      dataset: 'orders_by_order_date',
      sellingPartnerId: SELLER,
      dt: '2026-10-01',
      reportId: doneReport.reportId,
    });
    const rejected = (store.objects.get(key)?.toString() ?? '')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((row) => row['position'] === 3);
    const last = rejected ?? {};
    expect(last).toMatchObject({ position: 3, reason: 'value out of range' });
    expect(JSON.parse(String(last['raw']))).toMatchObject({
      amazon_order_id: '302-2',
      gift_message: null,
    });
  });

  it('keeps drift headers from overwriting typed or lineage columns, and from each other', async () => {
    const text =
      'amazon-order-id\tpurchase-date\tPurchase Date\t_report_id\t2nd-gift\tgift-note\tgift note\n' +
      '302-9\t2026-10-01T10:00:00+00:00\tyesterday\tforged\tx\tfor you\tdup\n';
    const { deps, sinks } = setUp(undefined, {
      bytes: Buffer.from(text),
      compression: 'NONE',
      charset: 'utf-8',
    });

    const manifest = await retrieveReport(deps, input);

    expect(manifest.datasets[0]).toMatchObject({ rows: 1, quarantinedRows: 0 });
    const [file] = sinks.files;
    expect(
      file?.columns.filter((column) => column.type === 'string' && column.name.startsWith('gift')),
    ).toEqual([
      { name: 'gift_note_3d50bea2', type: 'string', nullable: true },
      { name: 'gift_note_9db96215', type: 'string', nullable: true },
    ]);
    // Two headers with one snake_case name, or one a schema column has, keep their values apart.
    expect(file?.rows[0]).toMatchObject({
      purchase_date: Date.parse('2026-10-01T10:00:00Z'),
      purchase_date_793d8b72: 'yesterday',
      _report_id: doneReport.reportId,
      report_id: 'forged',
      column_2nd_gift: 'x',
      gift_note_3d50bea2: 'for you',
      gift_note_9db96215: 'dup',
    });
    expect(manifest.datasets[0]?.driftColumns).toEqual([
      'column_2nd_gift',
      'gift_note_3d50bea2',
      'gift_note_9db96215',
      'purchase_date_793d8b72',
      'report_id',
    ]);
  });

  it('writes the manifest last, as the lake reads it back', async () => {
    const { deps, store } = setUp();

    const manifest = await retrieveReport(deps, input);

    const keys = [...store.objects.keys()];
    const key = manifestKey({ sellingPartnerId: SELLER, reportId: doneReport.reportId });
    expect(keys.at(-1)).toBe(key);
    expect(parseReportManifest(store.objects.get(key) ?? '')).toEqual(manifest);
    expect(manifest.ingestedAt).toBe('2026-10-02T02:00:00.000Z');
  });

  it('leaves every object byte for byte as it was when the same report is processed again', async () => {
    const { deps, store, later } = setUp();
    await retrieveReport(deps, input);
    const before = store.snapshot();

    later();
    const again = await retrieveReport(deps, input);

    expect(store.snapshot()).toEqual(before);
    expect(again.ingestedAt).toBe('2026-10-02T02:00:00.000Z');
  });

  it('refreshes an expired document URL through getReportDocument', async () => {
    const { deps, reports, documents } = setUp(undefined, undefined, { expiredTries: 1 });

    await retrieveReport(deps, input);

    expect(reports.calls.filter((call) => call.startsWith('getReportDocument'))).toHaveLength(2);
    expect(documents.opened).toEqual([
      `https://documents.example/${doneReport.reportDocumentId}?try=2`,
    ]);
  });

  it('asks for a Restricted Data Token naming the document path for restricted types', async () => {
    const restricted = { ...doneReport, reportType: 'GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING' };
    const { deps, reports, store } = setUp(restricted);

    const manifest = await retrieveReport(deps, input);

    expect(reports.calls).toEqual([
      `getReport ${doneReport.reportId}`,
      `createRestrictedDataToken GET /reports/2021-06-30/documents/${doneReport.reportDocumentId}`,
      `getReportDocument ${doneReport.reportDocumentId} rdt=Atza|rdt-for-test`,
    ]);
    // No curated schema for it: the raw document is kept, nothing is curated.
    expect(manifest.datasets).toEqual([]);
    expect(store.objects.get(manifest.rawKey)).toEqual(iconv.encode(ordersText, 'windows-1252'));
  });

  it('curates a GZIP JSON document into one dataset per array, drift kept as _extra_fields', async () => {
    const report: ReportRecord = {
      ...doneReport,
      reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
      dataStartTime: '2026-10-18T00:00:00Z',
      dataEndTime: '2026-10-24T23:59:59Z',
    };
    const json = JSON.stringify({
      reportSpecification: { reportType: report.reportType },
      dataByDepartmentAndSearchTerm: [
        {
          departmentName: 'Amazon.de',
          searchTerm: 'kaffee',
          searchFrequencyRank: 1,
          clickedAsin: 'B0A',
          clickShareRank: 1,
          clickShare: 0.25,
          conversionShare: 0.5,
        },
        {
          departmentName: 'Amazon.de',
          searchTerm: 'tee',
          searchFrequencyRank: 2,
          clickedAsin: 'B0B',
          clickShareRank: 1,
          clickShare: 0.1,
          conversionShare: 0.2,
          newField: { a: 1 },
        },
      ],
    });
    const { deps, store, sinks } = setUp(report, {
      bytes: gzipSync(json),
      compression: 'GZIP',
      charset: 'utf-8',
    });
    const formats: unknown[] = [];
    const open = deps.documents.open.bind(deps.documents);
    const documents = {
      ...deps.documents,
      open: (...args: Parameters<typeof open>) => {
        formats.push(args[3]?.format);
        return open(...args);
      },
    };

    const manifest = await retrieveReport({ ...deps, documents }, input);

    // The port reads JSON as UTF-8 whatever the marketplace or Content-Type says.
    expect(formats).toEqual(['json']);
    expect(manifest.rawKey.endsWith('.json.gz')).toBe(true);
    expect(store.objects.get(manifest.rawKey)).toEqual(gzipSync(json));
    expect(manifest.datasets[0]).toMatchObject({
      dataset: 'brand_analytics_search_terms',
      rows: 2,
      driftColumns: ['new_field_a'],
    });
    // The reportSpecification is read (for the rows' options), not skipped.
    expect(manifest).not.toHaveProperty('skippedTopLevelKeys');
    expect(
      sinks.files[0]?.rows.map((row) => [
        row['search_term'],
        row['search_frequency_rank'],
        row['_extra_fields'],
        row['_source_position'],
      ]),
    ).toEqual([
      ['kaffee', 1, null, 1],
      ['tee', 2, '{"new_field_a":1}', 2],
    ]);
  });

  it('records the top-level JSON keys no dataset reads in the manifest, as replay does', async () => {
    const report: ReportRecord = { ...doneReport, reportType: 'GET_SALES_AND_TRAFFIC_REPORT' };
    const json = JSON.stringify({
      reportSpecification: {
        reportType: report.reportType,
        reportOptions: { dateGranularity: 'DAY', asinGranularity: 'PARENT' },
      },
      salesAndTrafficByDate: [{ date: '2026-10-01', salesByDate: { unitsOrdered: 3 } }],
      salesByWeek: [
        { week: '2026-W40', unitsOrdered: 21 },
        { week: '2026-W41', unitsOrdered: 19 },
      ],
      salesAndTrafficByAsin: [{ parentAsin: 'B000000001', salesByAsin: { unitsOrdered: 3 } }],
      notice: 'weekly totals are new',
    });
    const { deps, store } = setUp(report, {
      bytes: gzipSync(json),
      compression: 'GZIP',
      charset: 'utf-8',
    });

    const manifest = await retrieveReport(deps, input);

    expect(manifest.skippedTopLevelKeys).toEqual([
      { key: 'notice' },
      { key: 'salesByWeek', elements: 2 },
    ]);
    expect(manifest.datasets.map((dataset) => [dataset.dataset, dataset.rows])).toEqual([
      ['sales_and_traffic_by_asin', 1],
      ['sales_and_traffic_by_date', 1],
    ]);
    const key = manifestKey(manifest);
    expect(parseReportManifest(store.objects.get(key) ?? '')).toEqual(manifest);

    // A manifest written before skipped keys were recorded gets them from the raw copy.
    const { skippedTopLevelKeys: _skipped, ...older } = manifest;
    await store.putObject(key, serializeReportManifest(older));
    const replayed = await replayReport(deps, input);
    expect(replayed.previous).not.toHaveProperty('skippedTopLevelKeys');
    expect(replayed.manifestChanged).toBe(true);
    expect(replayed.manifest).toEqual(manifest);
    expect(parseReportManifest(store.objects.get(key) ?? '')).toEqual(manifest);
    await expect(replayReport(deps, input)).resolves.toMatchObject({ manifestChanged: false });
  });

  it('refuses a report that is not DONE', async () => {
    const { deps } = setUp({ ...doneReport, processingStatus: 'IN_PROGRESS' });

    await expect(retrieveReport(deps, input)).rejects.toBeInstanceOf(ReportNotReadyError);
  });

  it('needs the marketplace from the caller when the report names several', async () => {
    const { deps } = setUp({ ...doneReport, marketplaceIds: [DE, 'A13V1IB3VIYZZH'] });

    await expect(retrieveReport(deps, input)).rejects.toBeInstanceOf(ReportMarketplaceUnknownError);
    const { deps: withMarketplace } = setUp({
      ...doneReport,
      marketplaceIds: [DE, 'A13V1IB3VIYZZH'],
    });
    await expect(
      retrieveReport(withMarketplace, { ...input, marketplaceId: DE }),
    ).resolves.toMatchObject({ marketplaceIds: [DE] });
  });

  it('lands nothing and leaves no upload running when the download breaks off', async () => {
    const { deps, store } = setUp(undefined, undefined, { failAfterBytes: 200 });

    await expect(retrieveReport(deps, input)).rejects.toThrow('connection reset');

    expect(store.inFlight).toBe(0);
    expect([...store.objects.keys()]).toEqual([]);
  });

  it('keeps the raw document and a record of why, but no curated object or manifest, when parsing fails', async () => {
    const report = { ...doneReport, reportType: 'GET_SALES_AND_TRAFFIC_REPORT' };
    // The parser fails at once; megabytes still follow, which the raw copy must take in whole.
    const broken = Buffer.concat([
      Buffer.from('{"salesAndTrafficByDate":[{"date":"2026-10-01"},]'),
      Buffer.alloc(4 << 20, 0x20),
    ]);
    const { deps, store } = setUp(
      report,
      { bytes: broken, compression: 'NONE', charset: 'utf-8' },
      { chunkBytes: 16 * 1024 },
    );

    await expect(retrieveReport(deps, input)).rejects.toThrow('not valid JSON');

    expect(store.inFlight).toBe(0);
    const rawKey = rawReportKey({
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      sellingPartnerId: SELLER,
      dt: '2026-10-01',
      reportId: doneReport.reportId,
      format: 'json',
      compression: 'NONE',
    });
    const record = uncuratedReportKey(input);
    expect([...store.objects.keys()].sort()).toEqual([record, rawKey].sort());
    expect(store.objects.get(rawKey)?.equals(broken)).toBe(true);
    expect(parseUncuratedReport(store.objects.get(record) ?? '')).toMatchObject({
      rawKey,
      rawBytes: broken.length,
      failure: { error: 'MalformedReportDocumentError' },
    });
  });

  it('stops curating when its time is up, and keeps the whole raw copy with a record of why', async () => {
    const timeLimit = new AbortController();
    const document = cp1252Document(ordersText);
    const { deps, store } = setUp(undefined, document, {
      holdAfterBytes: 300,
      resumeWhen: new Promise((resolve) => timeLimit.signal.addEventListener('abort', resolve)),
    });
    const retrieval = retrieveReport(deps, { ...input, timeLimit: timeLimit.signal });
    // The first lines are being curated when the invocation's time runs out.
    await new Promise((resolve) => setTimeout(resolve, 20));
    timeLimit.abort();

    await expect(retrieval).rejects.toBeInstanceOf(CurationOutOfTimeError);
    expect(store.inFlight).toBe(0);
    const record = uncuratedReportKey(input);
    expect([...store.objects.keys()].sort()).toEqual([ORDERS_RAW_KEY, record].sort());
    expect(store.objects.get(ORDERS_RAW_KEY)?.equals(document.bytes)).toBe(true);
    expect(parseUncuratedReport(store.objects.get(record) ?? '')).toMatchObject({
      rawKey: ORDERS_RAW_KEY,
      rawBytes: document.bytes.length,
      failure: { error: 'CurationOutOfTimeError' },
    });
  });

  it('takes the curated objects back, and keeps the raw copy with a record, when no manifest can be built', async () => {
    // Amazon never sends such an interval; it stands for any fact the manifest cannot hold.
    const { deps, store } = setUp({ ...doneReport, dataEndTime: '2026-09-30T00:00:00+00:00' });

    await expect(retrieveReport(deps, input)).rejects.toThrow(/dataEndTime: is before/);

    expect(store.inFlight).toBe(0);
    const record = uncuratedReportKey(input);
    const rawKey = ORDERS_RAW_KEY;
    expect([...store.objects.keys()].sort()).toEqual([record, rawKey].sort());
    expect(store.objects.get(rawKey)?.toString('latin1')).toBe(
      iconv.encode(ordersText, 'windows-1252').toString('latin1'),
    );
    expect(parseUncuratedReport(store.objects.get(record) ?? '')).toMatchObject({
      failure: { error: 'ManifestInvalidError' },
    });
  });

  it('takes the curated objects back when the raw copy fails after them', async () => {
    const { deps, store } = setUp();
    failRawUploads(store);

    await expect(retrieveReport(deps, input)).rejects.toThrow('raw bucket unavailable');

    expect(store.inFlight).toBe(0);
    expect([...store.objects.keys()]).toEqual([]);
  });

  it('takes the curated objects back when the manifest cannot be stored, and blames no document', async () => {
    const { deps, store } = setUp();
    const putObject = store.putObject.bind(store);
    const manifest = manifestKey({ sellingPartnerId: SELLER, reportId: doneReport.reportId });
    store.putObject = async (key, body, options) => {
      if (key === manifest) throw new ObjectStoreRequestError('PutObject denied (AccessDenied)');
      return putObject(key, body, options);
    };

    await expect(retrieveReport(deps, input)).rejects.toThrow('PutObject denied');

    expect(store.inFlight).toBe(0);
    // The raw copy stays (the next try overwrites it); no curated row is left without a manifest.
    expect([...store.objects.keys()]).toEqual([ORDERS_RAW_KEY]);
  });

  it('keeps no record blaming the document when the store refuses a curated object', async () => {
    const { deps, store } = setUp();
    const putStream = store.putStream.bind(store);
    store.putStream = async (key, body, options) => {
      if (key.startsWith('reports/')) return putStream(key, body, options);
      body.resume();
      throw new ObjectStoreRequestError('Upload denied (KMS.AccessDeniedException)');
    };

    await expect(retrieveReport(deps, input)).rejects.toThrow('Upload denied');

    expect(store.inFlight).toBe(0);
    expect(store.objects.has(uncuratedReportKey(input))).toBe(false);
  });

  it("reports the store's own error when it gives up on an upload it stopped reading, as S3 does", async () => {
    // Many quarantined rows: their writer waits on a stream the store closes without an error.
    const bad = Array.from({ length: 400 }, (_, i) => `302-9${i}\tnot a date\t${'x'.repeat(200)}`);
    const { deps, store } = setUp(
      undefined,
      cp1252Document(`${header.join('\t')}\r\n${bad.join('\r\n')}\r\n`),
    );
    const putStream = store.putStream.bind(store);
    store.putStream = async (key, body, options) => {
      if (key.startsWith('reports/')) return putStream(key, body, options);
      await new Promise((resolve) => setTimeout(resolve, 5));
      body.destroy();
      throw new ObjectStoreRequestError('Upload denied (KMS.AccessDeniedException)');
    };

    const failure = await retrieveReport(deps, input).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ObjectStoreRequestError);
    expect(store.inFlight).toBe(0);
    expect(store.objects.has(uncuratedReportKey(input))).toBe(false);
  });

  it('takes back the files that landed when another file of the document fails to land', async () => {
    const { deps, store } = setUp();
    const putStream = store.putStream.bind(store);
    const secondDay = curatedKey({
      dataset: 'orders_by_order_date',
      sellingPartnerId: SELLER,
      marketplaceId: DE,
      dt: '2026-10-02',
      reportId: doneReport.reportId,
    });
    store.putStream = async (key, body, options) => {
      if (key !== secondDay) return putStream(key, body, options);
      for await (const _chunk of body) {
        // drained
      }
      throw new ObjectStoreUnavailableError('Upload failed (SlowDown)');
    };

    await expect(retrieveReport(deps, input)).rejects.toThrow('SlowDown');

    expect(store.inFlight).toBe(0);
    // 2026-10-01's file had landed; without a manifest it would be a duplicate-in-waiting.
    expect([...store.objects.keys()].filter((key) => key.endsWith('.parquet'))).toEqual([]);
  });

  it('keeps the curated objects a finished retrieval of the same report lists', async () => {
    const { deps, store } = setUp();
    await retrieveReport(deps, input);
    const landed = [...store.objects.keys()].sort();
    // A second retrieval (a duplicate notification) whose raw upload fails at the end.
    failRawUploads(store);

    await expect(retrieveReport(deps, input)).rejects.toThrow('raw bucket unavailable');

    expect([...store.objects.keys()].sort()).toEqual(landed);
  });
});
