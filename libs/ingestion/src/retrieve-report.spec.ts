import { Readable } from 'node:stream';
import { parseReportManifest } from '@spapi-lake/lake';
import { ReportNotReadyError } from './errors';
import type { DocumentPort, ReportRecord, ReportsPort } from './ports';
import { retrieveReport } from './retrieve-report';
import { InMemoryObjectStore, jsonLinesSink } from './test/in-memory-lake';

const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const document =
  'amazon-order-id\tpurchase-date\titem-price\tquantity\tsurprise-column\n' +
  '111-1\t2026-11-01T10:00:00+00:00\t19.99\t1\tx\n' +
  '111-2\t2026-11-02T23:30:00-02:00\t5,50\t2\t\n' +
  '111-3\tnot-a-date\t1.00\t1\t\n';

function fakeReports(report: Partial<ReportRecord> = {}): ReportsPort & { rdtPaths: string[] } {
  const rdtPaths: string[] = [];
  return {
    rdtPaths,
    getReport: async (reportId) => ({
      reportId,
      reportType: ORDERS,
      processingStatus: 'DONE',
      marketplaceIds: ['ATVPDKIKX0DER'],
      dataStartTime: '2026-11-01T00:00:00Z',
      dataEndTime: '2026-11-02T23:59:59Z',
      createdTime: '2026-11-03T00:00:00Z',
      processingEndTime: '2026-11-03T00:01:00Z',
      reportDocumentId: 'doc-1',
      ...report,
    }),
    getReportDocument: async (reportDocumentId) => ({
      reportDocumentId,
      url: 'http://127.0.0.1/doc?X-Amz-Signature=secret',
    }),
    createRestrictedDataToken: async (path) => {
      rdtPaths.push(path);
      return 'rdt';
    },
  };
}

const documents: DocumentPort = {
  open: async () => ({
    bytes: Readable.from([Buffer.from(document)]),
    compression: 'NONE',
    charset: 'utf-8',
  }),
  decode: (bytes) => bytes.setEncoding('utf8'),
  decompress: (bytes) => ({ chunks: bytes, text: { kind: 'utf-8' } }),
};

function deps(store: InMemoryObjectStore, reports = fakeReports()) {
  return {
    reports,
    documents,
    store,
    openParquetSink: jsonLinesSink,
    clock: { now: () => Date.UTC(2026, 10, 3, 1) },
  };
}

function rowsOf(store: InMemoryObjectStore, key: string): Record<string, unknown>[] {
  const [, ...lines] = (store.objects.get(key)?.toString() ?? '').trim().split('\n');
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('retrieveReport', () => {
  it('keeps the raw bytes, curates rows by partition, quarantines bad rows and writes the manifest', async () => {
    const store = new InMemoryObjectStore();
    const manifest = await retrieveReport(deps(store), { sellingPartnerId: 'A1', reportId: 'R1' });

    const raw = `reports/${ORDERS}/selling_partner_id=A1/dt=2026-11-01/R1.tsv`;
    expect(store.objects.get(raw)?.toString()).toBe(document);
    const day1 =
      'orders_by_order_date/selling_partner_id=A1/marketplace_id=ATVPDKIKX0DER/dt=2026-11-01/R1.parquet';
    const day3 =
      'orders_by_order_date/selling_partner_id=A1/marketplace_id=ATVPDKIKX0DER/dt=2026-11-03/R1.parquet';
    expect(rowsOf(store, day1)).toEqual([
      expect.objectContaining({
        amazon_order_id: '111-1',
        item_price: 19.99,
        surprise_column: 'x',
        _report_id: 'R1',
        _source_position: 2,
      }),
    ]);
    expect(rowsOf(store, day3)).toEqual([
      expect.objectContaining({ amazon_order_id: '111-2', item_price: 5.5 }),
    ]);
    const [dataset] = manifest.datasets;
    expect(dataset).toMatchObject({
      dataset: 'orders_by_order_date',
      rows: 2,
      driftColumns: ['surprise_column'],
      quarantinedRows: 1,
    });
    expect(dataset?.partitions).toEqual([day1, day3]);
    const quarantined = store.objects.get(dataset?.quarantineKey ?? '')?.toString() ?? '';
    expect(JSON.parse(quarantined)).toMatchObject({
      position: 4,
      reason: 'column purchase_date: not a valid timestamp',
    });
    expect(
      parseReportManifest(
        store.objects.get('_manifests/reports/selling_partner_id=A1/R1.json') ?? '',
      ),
    ).toEqual(manifest);
  });

  it('writes the same objects when the same report is processed twice', async () => {
    const store = new InMemoryObjectStore();
    await retrieveReport(deps(store), { sellingPartnerId: 'A1', reportId: 'R1' });
    const first = new Map(store.objects);
    await retrieveReport(deps(store), { sellingPartnerId: 'A1', reportId: 'R1' });
    expect([...store.objects.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [key, bytes] of first) {
      if (!key.startsWith('_manifests/')) expect(store.objects.get(key)?.equals(bytes)).toBe(true);
    }
  });

  it('asks for a Restricted Data Token naming the document path for restricted types', async () => {
    const store = new InMemoryObjectStore();
    const reports = fakeReports({ reportType: 'GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING' });
    const manifest = await retrieveReport(deps(store, reports), {
      sellingPartnerId: 'A1',
      reportId: 'R2',
    });
    expect(reports.rdtPaths).toEqual(['/reports/2021-06-30/documents/doc-1']);
    expect(manifest.datasets).toEqual([]);
    expect(store.objects.has(manifest.rawKey)).toBe(true);
  });

  it('refuses a report that is not DONE', async () => {
    const store = new InMemoryObjectStore();
    const reports = fakeReports({ processingStatus: 'IN_PROGRESS', reportDocumentId: undefined });
    await expect(
      retrieveReport(deps(store, reports), { sellingPartnerId: 'A1', reportId: 'R3' }),
    ).rejects.toBeInstanceOf(ReportNotReadyError);
  });
});
