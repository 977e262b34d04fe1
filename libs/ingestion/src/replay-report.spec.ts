import { Readable } from 'node:stream';
import {
  buildLedgerEntry,
  ledgerKey,
  manifestKey,
  parseLedgerEntry,
  parseReportManifest,
  serializeLedgerEntry,
  serializeReportManifest,
  type ReportManifest,
} from '@spapi-lake/lake';
import { ReplayNotPossibleError } from './errors';
import type { DocumentPort, ReportsPort } from './ports';
import { manifestedReports, replayReport } from './replay-report';
import { retrieveReport } from './retrieve-report';
import { InMemoryObjectStore, jsonLinesSink } from './test/in-memory-lake';

const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const document =
  'amazon-order-id\tpurchase-date\titem-price\tquantity\n' +
  '111-1\t2026-11-01T10:00:00+00:00\t19.99\t1\n' +
  '111-2\t2026-11-02T23:30:00+00:00\t5,50\t2\n' +
  '111-3\tnot-a-date\t1.00\t1\n';
const RAW_KEY = `reports/${ORDERS}/selling_partner_id=A1/dt=2026-11-01/R1.tsv`;
const DAY_1 =
  'orders_by_order_date/selling_partner_id=A1/marketplace_id=ATVPDKIKX0DER/dt=2026-11-01/R1.parquet';
const DAY_2 =
  'orders_by_order_date/selling_partner_id=A1/marketplace_id=ATVPDKIKX0DER/dt=2026-11-02/R1.parquet';
const MANIFEST = manifestKey({ sellingPartnerId: 'A1', reportId: 'R1' });

const reports: ReportsPort = {
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
  }),
  getReportDocument: async (reportDocumentId) => ({ reportDocumentId, url: 'http://127.0.0.1/' }),
  createRestrictedDataToken: async () => 'rdt',
};

const documents: DocumentPort = {
  open: async () => ({
    bytes: Readable.from([Buffer.from(document)]),
    compression: 'NONE',
    charset: 'utf-8',
  }),
  decode: (bytes) => bytes.setEncoding('utf8'),
  decompress: (bytes) => ({ chunks: bytes, text: { kind: 'utf-8' } }),
};

const openParquetSink = jsonLinesSink;

async function ingested(): Promise<InMemoryObjectStore> {
  const store = new InMemoryObjectStore();
  await retrieveReport(
    { reports, documents, store, openParquetSink, clock: { now: () => Date.UTC(2026, 10, 3, 1) } },
    { sellingPartnerId: 'A1', reportId: 'R1' },
  );
  return store;
}

// No ReportsPort: a replay cannot reach SP-API.
function replayDeps(store: InMemoryObjectStore) {
  return { documents, store, openParquetSink, clock: { now: () => Date.UTC(2026, 11, 1) } };
}

function snapshot(store: InMemoryObjectStore): Map<string, string> {
  return new Map([...store.objects].map(([key, bytes]) => [key, bytes.toString('base64')]));
}

function storedManifest(store: InMemoryObjectStore): ReportManifest {
  return parseReportManifest(store.objects.get(MANIFEST) ?? Buffer.alloc(0));
}

describe('replayReport', () => {
  it('records in the manifest what a replay needs besides the raw document', async () => {
    const store = await ingested();
    expect(storedManifest(store).curationInputs).toEqual({
      windowStart: '2026-11-01T00:00:00Z',
      reportProcessedAt: '2026-11-03T00:01:00.000Z',
    });
  });

  it('leaves the lake byte for byte unchanged when the code has not changed', async () => {
    const store = await ingested();
    const before = snapshot(store);
    const result = await replayReport(replayDeps(store), {
      sellingPartnerId: 'A1',
      reportId: 'R1',
    });
    expect(snapshot(store)).toEqual(before);
    expect(result.removedKeys).toEqual([]);
    expect(result.manifestChanged).toBe(false);
    expect(result.ledgerKeysUpdated).toEqual([]);
    expect(result.manifest).toEqual(result.previous);
  });

  it('rebuilds lost curated and quarantine objects from the raw zone alone', async () => {
    const store = await ingested();
    const before = snapshot(store);
    const quarantineKey = storedManifest(store).datasets[0]?.quarantineKey ?? '';
    expect(quarantineKey).not.toBe('');
    await store.deleteObject(DAY_1);
    await store.deleteObject(quarantineKey);
    await replayReport(replayDeps(store), { sellingPartnerId: 'A1', reportId: 'R1' });
    expect(snapshot(store)).toEqual(before);
  });

  it('curates what the raw document holds and records it in a new manifest and the ledger', async () => {
    const store = await ingested();
    const window = {
      sellingPartnerId: 'A1',
      reportType: ORDERS,
      reportConfigId: 'orders-daily',
      marketplaceIds: ['ATVPDKIKX0DER'],
      windowStart: '2026-11-01T00:00:00Z',
      windowEnd: '2026-11-03T00:00:00Z',
    };
    const entry = (reportId: string, rows: number) =>
      buildLedgerEntry({
        ...window,
        outcome: 'DONE',
        rows,
        reportId,
        recordedAt: new Date('2026-11-03T01:00:00Z'),
      });
    const ledger = ledgerKey(window);
    const otherLedger = ledgerKey({ ...window, reportConfigId: 'orders-other' });
    await store.putObject(ledger, serializeLedgerEntry(entry('R1', 2)));
    await store.putObject(otherLedger, serializeLedgerEntry(entry('R7', 2)));
    // Stands for "today's parser makes more of the same bytes" (the raw copy is as it was kept).
    const withMore = (bytes: Readable) =>
      Readable.from(
        (async function* () {
          for await (const chunk of bytes) yield chunk as Buffer;
          yield Buffer.from('111-4\t2026-11-02T08:00:00+00:00\t3.00\t4\n');
        })(),
      );
    const todaysParser: DocumentPort = {
      ...documents,
      decode: (bytes) => withMore(bytes).setEncoding('utf8'),
      decompress: (bytes) => ({ chunks: withMore(bytes), text: { kind: 'utf-8' } }),
    };
    const result = await replayReport(
      { ...replayDeps(store), documents: todaysParser },
      { sellingPartnerId: 'A1', reportId: 'R1' },
    );
    expect(result.previous.datasets[0]?.rows).toBe(2);
    expect(result.manifest.datasets[0]?.rows).toBe(3);
    expect(result.manifestChanged).toBe(true);
    expect(result.manifest.ingestedAt).toBe('2026-12-01T00:00:00.000Z');
    expect(storedManifest(store)).toEqual(result.manifest);
    const day2 = (store.objects.get(DAY_2)?.toString() ?? '').trim().split('\n').slice(1);
    expect(day2.map((line) => JSON.parse(line).amazon_order_id)).toEqual(['111-2', '111-4']);
    expect(result.ledgerKeysUpdated).toEqual([ledger]);
    expect(parseLedgerEntry(store.objects.get(ledger) ?? '')).toMatchObject({
      rows: 3,
      recordedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(parseLedgerEntry(store.objects.get(otherLedger) ?? '')).toMatchObject({ rows: 2 });
  });

  it('refuses a raw copy that is not the one kept, leaving the lake as it is', async () => {
    const store = await ingested();
    for (const raw of [Buffer.from(document.slice(0, 60)), undefined]) {
      if (raw === undefined) store.objects.delete(RAW_KEY);
      else store.objects.set(RAW_KEY, raw);
      const now = snapshot(store);
      await expect(
        replayReport(replayDeps(store), { sellingPartnerId: 'A1', reportId: 'R1' }),
      ).rejects.toThrow(
        raw === undefined
          ? `the raw copy of report R1 is missing (${RAW_KEY})`
          : `the raw copy of report R1 holds 60 bytes where ${document.length} were kept`,
      );
      expect(snapshot(store)).toEqual(now);
    }
  });

  it('deletes curated objects the earlier manifest lists that the replay no longer writes', async () => {
    const store = await ingested();
    const stale =
      'orders_by_order_date/selling_partner_id=A1/marketplace_id=ATVPDKIKX0DER/dt=2026-10-31/R1.parquet';
    const manifest = storedManifest(store);
    const [dataset] = manifest.datasets;
    if (!dataset) throw new Error('no dataset in the manifest');
    const tampered = {
      ...manifest,
      datasets: [{ ...dataset, partitions: [stale, ...dataset.partitions] }],
    };
    await store.putObject(MANIFEST, serializeReportManifest(tampered));
    await store.putObject(stale, 'rows of an earlier parser');
    const result = await replayReport(replayDeps(store), {
      sellingPartnerId: 'A1',
      reportId: 'R1',
    });
    expect(result.removedKeys).toEqual([stale]);
    expect(store.objects.has(stale)).toBe(false);
    expect(storedManifest(store).datasets[0]?.partitions).toEqual([DAY_1, DAY_2]);
  });

  it('refuses a report without a manifest, or with one written before replay existed', async () => {
    const store = await ingested();
    await expect(
      replayReport(replayDeps(store), { sellingPartnerId: 'A1', reportId: 'R2' }),
    ).rejects.toBeInstanceOf(ReplayNotPossibleError);
    const { curationInputs: _dropped, ...older } = storedManifest(store);
    await store.putObject(MANIFEST, serializeReportManifest(older as ReportManifest));
    const before = snapshot(store);
    await expect(
      replayReport(replayDeps(store), { sellingPartnerId: 'A1', reportId: 'R1' }),
    ).rejects.toThrow(/predates replay/);
    expect(snapshot(store)).toEqual(before);
  });
});

describe('replayReport of a report type the registry no longer knows', () => {
  it('refuses, rather than deleting every curated object of the report', async () => {
    const store = await ingested();
    await store.putObject(
      MANIFEST,
      serializeReportManifest({ ...storedManifest(store), reportType: 'GET_RETIRED_REPORT' }),
    );
    const before = snapshot(store);
    await expect(
      replayReport(replayDeps(store), { sellingPartnerId: 'A1', reportId: 'R1' }),
    ).rejects.toThrow(/no longer in the registry/);
    expect(snapshot(store)).toEqual(before);
  });
});

describe('manifestedReports', () => {
  it("lists every report the lake has a manifest for, or one partner's", async () => {
    const store = await ingested();
    await store.putObject(
      manifestKey({ sellingPartnerId: 'A2', reportId: 'R9' }),
      serializeReportManifest({
        ...storedManifest(store),
        sellingPartnerId: 'A2',
        reportId: 'R9',
      }),
    );
    // Listed from its key although it does not parse: its replay fails on its own.
    await store.putObject(manifestKey({ sellingPartnerId: 'A3', reportId: 'R5' }), '{"torn');
    const all = [];
    for await (const report of manifestedReports(store)) all.push(report);
    expect(all).toEqual([
      { sellingPartnerId: 'A1', reportId: 'R1' },
      { sellingPartnerId: 'A2', reportId: 'R9' },
      { sellingPartnerId: 'A3', reportId: 'R5' },
    ]);
    await expect(
      replayReport(replayDeps(store), { sellingPartnerId: 'A3', reportId: 'R5' }),
    ).rejects.toThrow(/no readable manifest/);
    const one = [];
    for await (const report of manifestedReports(store, { sellingPartnerId: 'A2' })) {
      one.push(report);
    }
    expect(one).toEqual([{ sellingPartnerId: 'A2', reportId: 'R9' }]);
  });
});
