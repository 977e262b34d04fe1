import { TypedError } from '@spapi-lake/core';
import {
  ObjectNotFoundError,
  ObjectStoreUnavailableError,
  manifestKey,
  parseUncuratedReport,
  uncuratedReportKey,
} from '@spapi-lake/lake';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { CurationOutOfTimeError } from './errors';
import type { DocumentPort, ReportRecord } from './ports';
import { type RetrieveReportDeps, retrieveReport } from './retrieve-report';
import { FakeReportsPort, fakeDocumentPort, recordingSinks } from './test/fake-ports';

const SELLER = 'A1B2C3D4E5F6G7';
const input = { sellingPartnerId: SELLER, reportId: '50000012345' };

const report: ReportRecord = {
  reportId: input.reportId,
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  processingStatus: 'DONE',
  marketplaceIds: ['A1PA6795UKMFR9'],
  dataStartTime: '2026-10-01T00:00:00+00:00',
  dataEndTime: '2026-10-01T23:59:59+00:00',
  createdTime: '2026-10-02T01:00:00+00:00',
  processingEndTime: '2026-10-02T01:00:40+00:00',
  reportDocumentId: 'amzn1.spdoc.1.4.eu.doc-1',
};

const text =
  'amazon-order-id\tpurchase-date\tlast-updated-date\tsku\tquantity\titem-price\r\n' +
  '302-1\t2026-10-01T10:00:00+00:00\t2026-10-01T11:00:00+00:00\tSKU-1\t2\t19.99\r\n' +
  '302-2\t2026-10-01T12:00:00+00:00\t2026-10-01T13:00:00+00:00\tSKU-2\t1\t5.00\r\n';

/** A decoder fault no retry cures: the stand-in for code that does not fit the document yet. */
class DecoderBugError extends TypedError {
  override readonly name = 'DecoderBugError';
  readonly retryable = false;
}

function brokenDecoding(documents: DocumentPort, message: string): DocumentPort {
  const fail = (): never => {
    throw new DecoderBugError(message);
  };
  return { ...documents, decode: fail, decompress: fail };
}

function setUp(store = new InMemoryObjectStore()) {
  const reports = new FakeReportsPort(report, {
    bytes: Buffer.from(text, 'latin1'),
    compression: 'NONE',
    charset: 'latin1',
  });
  const documents = fakeDocumentPort(reports);
  let now = Date.parse('2026-10-02T02:00:00Z');
  const deps: RetrieveReportDeps = {
    reports,
    documents,
    store,
    openParquetSink: recordingSinks(),
    clock: { now: () => now },
  };
  return { deps, reports, documents, store, later: () => (now += 86_400_000) };
}

// The lake after a retrieval whose curation failed for good: the raw copy and its record.
async function failedRetrieval() {
  const first = setUp();
  await expect(
    retrieveReport(
      { ...first.deps, documents: brokenDecoding(first.documents, 'no decoder for this file') },
      input,
    ),
  ).rejects.toThrow(DecoderBugError);
  expect(first.store.objects.has(uncuratedReportKey(input))).toBe(true);
  return first;
}

describe('retrieving a report whose document could not be curated before', () => {
  it('curates the kept raw copy, without downloading the document again, as a first retrieval would', async () => {
    const { deps, reports, documents, store, later } = await failedRetrieval();
    const downloads = documents.opened.length;
    const reportsCalls = reports.calls.length;
    later();

    const manifest = await retrieveReport(deps, input);

    expect(documents.opened).toHaveLength(downloads);
    expect(reports.calls.slice(reportsCalls)).toEqual([`getReport ${input.reportId}`]);
    expect(store.objects.has(uncuratedReportKey(input))).toBe(false);
    expect(store.objects.has(manifestKey(input))).toBe(true);
    expect(manifest.datasets.map((dataset) => dataset.rows)).toEqual([2]);

    // Exactly the objects (raw, curated, manifest apart from its ingestion time) that a
    // retrieval which could curate the document at once lands.
    const fresh = setUp();
    const direct = await retrieveReport(fresh.deps, input);
    const { ingestedAt: _a, ...kept } = manifest;
    const { ingestedAt: _b, ...downloaded } = direct;
    expect(kept).toEqual(downloaded);
    const withoutManifest = (objects: Map<string, Buffer>) =>
      [...objects]
        .filter(([key]) => key !== manifestKey(input))
        .sort(([a], [b]) => (a < b ? -1 : 1));
    expect(withoutManifest(store.objects)).toEqual(withoutManifest(fresh.store.objects));
  });

  it('keeps the record, saying the new reason, when the raw copy still cannot be curated', async () => {
    const { deps, documents, store, later } = await failedRetrieval();
    const downloads = documents.opened.length;
    later();
    const stillBroken = { ...deps, documents: brokenDecoding(documents, 'still no decoder') };

    await expect(retrieveReport(stillBroken, input)).rejects.toThrow('still no decoder');

    expect(documents.opened).toHaveLength(downloads);
    expect(store.objects.has(manifestKey(input))).toBe(false);
    const record = parseUncuratedReport(store.objects.get(uncuratedReportKey(input)) ?? '');
    expect(record.failure).toEqual({ error: 'DecoderBugError', message: 'still no decoder' });
    expect(record.failedAt).toBe('2026-10-03T02:00:00.000Z');
  });

  it('stops curating the kept raw copy when its time is up, and says so in the record', async () => {
    const { deps, store, later } = await failedRetrieval();
    later();

    await expect(
      retrieveReport(deps, { ...input, timeLimit: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(CurationOutOfTimeError);

    expect(store.inFlight).toBe(0);
    expect(store.objects.has(manifestKey(input))).toBe(false);
    expect([...store.objects.keys()].filter((key) => key.endsWith('.parquet'))).toEqual([]);
    const record = parseUncuratedReport(store.objects.get(uncuratedReportKey(input)) ?? '');
    expect(record.failure).toMatchObject({ error: 'CurationOutOfTimeError' });

    // A later try with time enough (here: no limit, as the replay tool has none) curates it.
    await expect(retrieveReport(deps, input)).resolves.toMatchObject({ reportId: input.reportId });
    expect(store.objects.has(uncuratedReportKey(input))).toBe(false);
  });

  it.each([
    ['gone', (_key: string) => undefined],
    ['not the size kept (changed outside the pipeline)', (_key: string) => Buffer.from('x\n')],
  ])(
    'downloads the document again when the raw copy the record names is %s',
    async (_case, replacement) => {
      const { deps, documents, store } = await failedRetrieval();
      const record = parseUncuratedReport(store.objects.get(uncuratedReportKey(input)) ?? '');
      const replaced = replacement(record.rawKey);
      if (replaced === undefined) store.objects.delete(record.rawKey);
      else store.objects.set(record.rawKey, replaced);
      const downloads = documents.opened.length;

      const manifest = await retrieveReport(deps, input);

      expect(documents.opened).toHaveLength(downloads + 1);
      expect(manifest.datasets.map((dataset) => dataset.rows)).toEqual([2]);
      expect(store.objects.get(record.rawKey)?.length).toBe(record.rawBytes);
      expect(store.objects.has(uncuratedReportKey(input))).toBe(false);
    },
  );

  it('takes the curated objects back when their manifest cannot be stored', async () => {
    const { deps, store, later } = await failedRetrieval();
    const before = [...store.objects.keys()].sort();
    const putObject = store.putObject.bind(store);
    store.putObject = async (key, body, options) => {
      if (key === manifestKey(input)) throw new ObjectStoreUnavailableError('PutObject: SlowDown');
      return putObject(key, body, options);
    };
    later();

    await expect(retrieveReport(deps, input)).rejects.toThrow('SlowDown');

    // The raw copy and its record, as before: no curated row without a manifest.
    expect([...store.objects.keys()].sort()).toEqual(before);
  });

  it('keeps the recorded reason when the store, not the document, fails', async () => {
    const { deps, store } = await failedRetrieval();
    const before = store.objects.get(uncuratedReportKey(input));
    const record = parseUncuratedReport(before ?? '');
    // Gone between the check and the read (a lifecycle rule, an operator).
    store.getStream = async () => {
      throw new ObjectNotFoundError(`no object at ${record.rawKey}`);
    };

    await expect(retrieveReport(deps, input)).rejects.toThrow(ObjectNotFoundError);

    expect(store.objects.get(uncuratedReportKey(input))).toEqual(before);
  });

  it('leaves the record as it was when reading the raw copy fails for a while', async () => {
    const { deps, store } = await failedRetrieval();
    const before = store.objects.get(uncuratedReportKey(input));
    const record = parseUncuratedReport(before ?? '');
    const getStream = store.getStream.bind(store);
    store.getStream = async (key) => {
      if (key === record.rawKey) throw new ObjectStoreUnavailableError('slow down');
      return getStream(key);
    };

    await expect(retrieveReport(deps, input)).rejects.toThrow('slow down');

    expect(store.objects.get(uncuratedReportKey(input))).toEqual(before);
    expect(store.objects.has(manifestKey(input))).toBe(false);
  });
});
