import { Readable } from 'node:stream';
import { TypedError } from '@spapi-lake/core';
import {
  buildLedgerEntry,
  ledgerKey,
  manifestKey,
  parseLedgerEntry,
  parseReportManifest,
  parseUncuratedReport,
  serializeLedgerEntry,
  serializeUncuratedReport,
  uncuratedReportKey,
} from '@spapi-lake/lake';
import { ReplayNotPossibleError } from './errors';
import type { DocumentPort, ReportsPort } from './ports';
import { replayUncuratedReport, uncuratedReports } from './replay-uncurated-report';
import { retrieveReport } from './retrieve-report';
import { InMemoryObjectStore, jsonLinesSink } from './test/in-memory-lake';

const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const document =
  'amazon-order-id\tpurchase-date\titem-price\tquantity\n' +
  '111-1\t2026-11-01T10:00:00+00:00\t19.99\t1\n' +
  '111-2\t2026-11-02T23:30:00+00:00\t5,50\t2\n';
const RAW_KEY = `reports/${ORDERS}/selling_partner_id=A1/dt=2026-11-01/R1.tsv`;
const MANIFEST = manifestKey({ sellingPartnerId: 'A1', reportId: 'R1' });
const RECORD = uncuratedReportKey({ sellingPartnerId: 'A1', reportId: 'R1' });
const R1 = { sellingPartnerId: 'A1', reportId: 'R1' };
const unit = {
  reportConfigId: 'orders-daily',
  marketplaceIds: ['ATVPDKIKX0DER'],
  windowStart: '2026-11-01T00:00:00Z',
  windowEnd: '2026-11-03T00:00:00Z',
};
const LEDGER = ledgerKey({ sellingPartnerId: 'A1', reportType: ORDERS, ...unit });

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

/** Stands for a parser that does not fit the document yet: curation fails for good. */
class DocumentShapeError extends TypedError {
  override readonly name = 'DocumentShapeError';
  readonly retryable = false;
}

function documentsPort(fits: boolean): DocumentPort {
  const failing = () =>
    new Readable({
      read() {
        this.destroy(new DocumentShapeError('line 2 has a shape the parser does not know'));
      },
    });
  return {
    open: async () => ({
      bytes: Readable.from([Buffer.from(document)]),
      compression: 'NONE',
      charset: 'utf-8',
    }),
    decode: (bytes) => (fits ? bytes.setEncoding('utf8') : (bytes.resume(), failing())),
    decompress: (bytes) =>
      fits
        ? { chunks: bytes, text: { kind: 'utf-8' } }
        : (bytes.resume(), { chunks: failing(), text: { kind: 'utf-8' } }),
  };
}

const retrievedAt = () => Date.UTC(2026, 10, 3, 1);

function retrieve(
  store: InMemoryObjectStore,
  fits: boolean,
  reportId = 'R1',
  ledgerUnit: { reportConfigId?: string } & Omit<typeof unit, 'reportConfigId'> = unit,
) {
  return retrieveReport(
    {
      reports,
      documents: documentsPort(fits),
      store,
      openParquetSink: jsonLinesSink,
      clock: { now: retrievedAt },
    },
    { sellingPartnerId: 'A1', reportId, ledgerUnit },
  );
}

// What the workflow's RecordFailure leaves in the ledger after the failed retrieval.
async function recordFatal(store: InMemoryObjectStore, reportId = 'R1'): Promise<void> {
  await store.putObject(
    LEDGER,
    serializeLedgerEntry(
      buildLedgerEntry({
        sellingPartnerId: 'A1',
        reportType: ORDERS,
        ...unit,
        outcome: 'FATAL',
        reason:
          'ingestion failed (DocumentShapeError): line 2 has a shape the parser does not know',
        reportId,
        recordedAt: new Date(retrievedAt()),
      }),
    ),
  );
}

function doneEntry(reportId: string) {
  return buildLedgerEntry({
    sellingPartnerId: 'A1',
    reportType: ORDERS,
    ...unit,
    outcome: 'DONE',
    rows: 2,
    reportId,
    recordedAt: new Date(retrievedAt()),
  });
}

function objectsBut2(objects: Map<string, string>, ...keys: string[]): Map<string, string> {
  return new Map([...objects].filter(([key]) => !keys.includes(key)));
}

async function failedRetrieval(): Promise<InMemoryObjectStore> {
  const store = new InMemoryObjectStore();
  await expect(retrieve(store, false)).rejects.toBeInstanceOf(DocumentShapeError);
  await recordFatal(store);
  return store;
}

function replayDeps(store: InMemoryObjectStore, fits = true) {
  return {
    documents: documentsPort(fits),
    store,
    openParquetSink: jsonLinesSink,
    clock: { now: () => Date.UTC(2026, 11, 1) },
  };
}

function objectsBut(store: InMemoryObjectStore, ...keys: string[]): Map<string, string> {
  return new Map(
    [...store.objects]
      .filter(([key]) => !keys.includes(key))
      .map(([key, bytes]) => [key, bytes.toString('base64')]),
  );
}

describe('retrieveReport of a document it cannot curate', () => {
  it('keeps the raw copy with a record of why and of what a replay needs', async () => {
    const store = await failedRetrieval();
    expect([...store.objects.keys()].sort()).toEqual([RECORD, LEDGER, RAW_KEY].sort());
    expect(store.objects.get(RAW_KEY)?.toString()).toBe(document);
    expect(parseUncuratedReport(store.objects.get(RECORD) ?? '')).toEqual({
      recordVersion: 1,
      reportId: 'R1',
      reportType: ORDERS,
      sellingPartnerId: 'A1',
      marketplaceIds: ['ATVPDKIKX0DER'],
      dataStartTime: '2026-11-01T00:00:00.000Z',
      dataEndTime: '2026-11-02T23:59:59.000Z',
      documentId: 'doc-1',
      compression: 'NONE',
      charset: 'utf-8',
      rawKey: RAW_KEY,
      rawBytes: Buffer.byteLength(document),
      curationInputs: {
        windowStart: '2026-11-01T00:00:00Z',
        reportProcessedAt: '2026-11-03T00:01:00.000Z',
      },
      ledgerUnit: {
        reportConfigId: 'orders-daily',
        marketplaceIds: ['ATVPDKIKX0DER'],
        windowStart: '2026-11-01T00:00:00.000Z',
        windowEnd: '2026-11-03T00:00:00.000Z',
      },
      failure: {
        error: 'DocumentShapeError',
        message: 'line 2 has a shape the parser does not know',
      },
      failedAt: '2026-11-03T01:00:00.000Z',
    });
  });

  it('removes the record once a later retrieval of the report curates it', async () => {
    const store = await failedRetrieval();
    await retrieve(store, true);
    expect(store.objects.has(RECORD)).toBe(false);
    expect(store.objects.has(MANIFEST)).toBe(true);
  });
});

describe('replayUncuratedReport', () => {
  it('curates the raw copy as a retrieval would have, records the window DONE, drops the record', async () => {
    const store = await failedRetrieval();
    const result = await replayUncuratedReport(replayDeps(store), R1);

    // The lake a successful retrieval would have left, byte for byte but for the manifest's time.
    const retrieved = new InMemoryObjectStore();
    await retrieve(retrieved, true);
    expect(objectsBut(store, MANIFEST, LEDGER)).toEqual(objectsBut(retrieved, MANIFEST));
    const manifest = parseReportManifest(store.objects.get(MANIFEST) ?? '');
    expect({ ...manifest, ingestedAt: 'x' }).toEqual({
      ...parseReportManifest(retrieved.objects.get(MANIFEST) ?? ''),
      ingestedAt: 'x',
    });
    expect(result).toEqual({ kind: 'curated', manifest, ledgerKey: LEDGER });
    expect(manifest.datasets[0]?.rows).toBe(2);
    expect(parseLedgerEntry(store.objects.get(LEDGER) ?? '')).toEqual(
      expect.objectContaining({ outcome: 'DONE', rows: 2, reportId: 'R1' }),
    );
    expect(store.objects.has(RECORD)).toBe(false);
  });

  it('keeps the record, with the latest reason, when the document still cannot be curated', async () => {
    const store = await failedRetrieval();
    const before = objectsBut(store, RECORD);
    const result = await replayUncuratedReport(replayDeps(store, false), R1);
    expect(result.kind).toBe('still-failing');
    expect(objectsBut(store, RECORD)).toEqual(before);
    const record = parseUncuratedReport(store.objects.get(RECORD) ?? '');
    expect(record.failedAt).toBe('2026-12-01T00:00:00.000Z');
    expect(record.failure.error).toBe('DocumentShapeError');
    expect(result).toEqual({ kind: 'still-failing', record });
  });

  it('leaves a report uncurated when its window has landed through another report', async () => {
    const store = await failedRetrieval();
    // A later try of the window created report R2, which landed.
    await store.putObject(LEDGER, serializeLedgerEntry(doneEntry('R2')));
    const before = objectsBut(store, RECORD);
    expect(await replayUncuratedReport(replayDeps(store), R1)).toEqual({
      kind: 'superseded',
      ledgerKey: LEDGER,
      byReportId: 'R2',
    });
    expect(objectsBut(store, RECORD)).toEqual(before);
    expect(store.objects.has(RECORD)).toBe(false);
    expect(store.objects.has(RAW_KEY)).toBe(true);
  });

  it('lands an Amazon-generated report beside another of its interval, as retrieval does', async () => {
    // No report config: two settlements of one interval are both data, not one window twice.
    const { reportConfigId: _config, ...interval } = unit;
    const intervalLedger = ledgerKey({ sellingPartnerId: 'A1', reportType: ORDERS, ...interval });
    const store = new InMemoryObjectStore();
    await expect(retrieve(store, false, 'R1', interval)).rejects.toBeInstanceOf(DocumentShapeError);
    const other = buildLedgerEntry({
      sellingPartnerId: 'A1',
      reportType: ORDERS,
      ...interval,
      outcome: 'DONE',
      rows: 3,
      reportId: 'R0',
      recordedAt: new Date(retrievedAt()),
    });
    await store.putObject(intervalLedger, serializeLedgerEntry(other));

    const result = await replayUncuratedReport(replayDeps(store), R1);

    expect(result).toMatchObject({ kind: 'curated', ledgerKey: intervalLedger });
    expect(store.objects.has(MANIFEST)).toBe(true);
    expect(store.objects.has(RECORD)).toBe(false);
    expect(parseLedgerEntry(store.objects.get(intervalLedger) ?? '')).toEqual(
      expect.objectContaining({ outcome: 'DONE', rows: 2, reportId: 'R1' }),
    );
  });

  it('takes its curated objects back when the window lands through another report meanwhile', async () => {
    const store = await failedRetrieval();
    const before = objectsBut(store, RECORD);
    const deps = replayDeps(store);
    const decode = deps.documents.decode;
    // Report R2 of the window lands while the replay curates.
    deps.documents.decode = (bytes, encoding) => {
      void store.putObject(LEDGER, serializeLedgerEntry(doneEntry('R2')));
      return decode(bytes, encoding);
    };
    expect(await replayUncuratedReport(deps, R1)).toEqual({
      kind: 'superseded',
      ledgerKey: LEDGER,
      byReportId: 'R2',
    });
    expect(objectsBut(store, RECORD, LEDGER)).toEqual(objectsBut2(before, LEDGER));
    expect(store.objects.has(RECORD)).toBe(false);
  });

  it('finishes a take-back that was cut short on the next replay', async () => {
    const store = await failedRetrieval();
    const before = objectsBut(store, RECORD);
    const deps = replayDeps(store);
    const decode = deps.documents.decode;
    deps.documents.decode = (bytes, encoding) => {
      void store.putObject(LEDGER, serializeLedgerEntry(doneEntry('R2')));
      return decode(bytes, encoding);
    };
    const deleteObject = store.deleteObject.bind(store);
    let failures = 1;
    store.deleteObject = async (key) => {
      if (key.endsWith('.parquet') && failures-- > 0) throw new Error('the store is unavailable');
      return deleteObject(key);
    };
    await expect(replayUncuratedReport(deps, R1)).rejects.toThrow('the store is unavailable');
    expect(store.objects.has(RECORD)).toBe(true);
    expect(store.objects.has(MANIFEST)).toBe(true);

    expect(await replayUncuratedReport(replayDeps(store), R1)).toEqual({
      kind: 'superseded',
      ledgerKey: LEDGER,
      byReportId: 'R2',
    });
    expect(objectsBut(store, RECORD, LEDGER)).toEqual(objectsBut2(before, LEDGER));
    expect(store.objects.has(RECORD)).toBe(false);
  });

  it('leaves no curated object when the manifest still cannot be built', async () => {
    const store = new InMemoryObjectStore();
    // A fact the manifest cannot hold (an interval that ends before it starts).
    const reversed: ReportsPort = {
      ...reports,
      getReport: async (reportId) => ({
        ...(await reports.getReport(reportId)),
        dataEndTime: '2026-10-31T00:00:00Z',
      }),
    };
    await expect(
      retrieveReport(
        {
          reports: reversed,
          documents: documentsPort(true),
          store,
          openParquetSink: jsonLinesSink,
          clock: { now: retrievedAt },
        },
        { ...R1, ledgerUnit: unit },
      ),
    ).rejects.toThrow(/dataEndTime: is before/);
    const before = objectsBut(store, RECORD);
    expect([...before.keys()]).toEqual([RAW_KEY]);

    const result = await replayUncuratedReport(replayDeps(store), R1);

    expect(result.kind).toBe('still-failing');
    expect(objectsBut(store, RECORD)).toEqual(before);
  });

  it('takes its curated objects back when its manifest cannot be stored', async () => {
    const store = await failedRetrieval();
    const before = objectsBut(store);
    const putObject = store.putObject.bind(store);
    store.putObject = async (key, body, options) => {
      if (key === MANIFEST) throw new Error('the store is unavailable');
      return putObject(key, body, options);
    };

    await expect(replayUncuratedReport(replayDeps(store), R1)).rejects.toThrow(
      'the store is unavailable',
    );

    // No curated row without its manifest; the record stays for the next replay.
    expect(objectsBut(store)).toEqual(before);
  });

  it('refuses a report whose type the registry no longer knows', async () => {
    const store = await failedRetrieval();
    const record = parseUncuratedReport(store.objects.get(RECORD) ?? '');
    await store.putObject(
      RECORD,
      serializeUncuratedReport({ ...record, reportType: 'GET_A_RETIRED_REPORT' }),
    );
    await expect(replayUncuratedReport(replayDeps(store), R1)).rejects.toThrow(
      /GET_A_RETIRED_REPORT of report R1 is not in the registry/,
    );
  });

  it('only completes the ledger and drops the record when the report has landed since', async () => {
    const store = await failedRetrieval();
    const record = store.objects.get(RECORD) ?? Buffer.alloc(0);
    await retrieve(store, true);
    // A replay cut short after storing the manifest: the record and the FATAL entry are left.
    await store.putObject(RECORD, record);
    await recordFatal(store);
    const manifest = parseReportManifest(store.objects.get(MANIFEST) ?? '');
    const curated = objectsBut(store, RECORD, LEDGER);

    expect(await replayUncuratedReport(replayDeps(store), R1)).toEqual({
      kind: 'already-curated',
      manifest,
    });
    expect(objectsBut(store, LEDGER)).toEqual(curated);
    expect(parseLedgerEntry(store.objects.get(LEDGER) ?? '')).toEqual(
      expect.objectContaining({ outcome: 'DONE', rows: 2, reportId: 'R1' }),
    );
  });

  it('refuses a report without a record', async () => {
    const store = new InMemoryObjectStore();
    await expect(replayUncuratedReport(replayDeps(store), R1)).rejects.toBeInstanceOf(
      ReplayNotPossibleError,
    );
  });

  it('lists the uncurated reports of the lake, or of one partner, from their keys', async () => {
    const store = await failedRetrieval();
    await store.putObject(uncuratedReportKey({ sellingPartnerId: 'A2', reportId: 'R9' }), '{');
    const listed = async (filter = {}) => {
      const found = [];
      for await (const report of uncuratedReports(store, filter)) found.push(report);
      return found;
    };
    expect(await listed()).toEqual([R1, { sellingPartnerId: 'A2', reportId: 'R9' }]);
    expect(await listed({ sellingPartnerId: 'A2' })).toEqual([
      { sellingPartnerId: 'A2', reportId: 'R9' },
    ]);
  });
});
