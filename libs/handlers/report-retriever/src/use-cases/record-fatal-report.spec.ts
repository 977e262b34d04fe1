import { Readable } from 'node:stream';
import { createGunzip, gzipSync } from 'node:zlib';
import type { DocumentPort, ReportRecord, ReportsPort } from '@spapi-lake/ingestion';
import {
  LedgerOutcome,
  buildLedgerEntry,
  ledgerKey,
  parseLedgerEntry,
  serializeLedgerEntry,
} from '@spapi-lake/lake';
import { ReportDocumentUnavailableError } from '@spapi-lake/report-documents';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import {
  MAX_ERROR_DOCUMENT_CHARS,
  NO_ERROR_DOCUMENT_REASON,
  recordFatalReport,
} from './record-fatal-report';

const fatalReport: ReportRecord = {
  reportId: '5002',
  reportType: 'GET_VENDOR_SALES_REPORT',
  processingStatus: 'FATAL',
  createdTime: '2026-10-25T00:00:00Z',
};

function setUp(
  report: ReportRecord,
  document: Buffer = gzipSync('{"errorDetails":" Missing reportPeriod. "}'),
) {
  const calls: string[] = [];
  const reports: ReportsPort = {
    getReport: async (id) => (calls.push(`getReport ${id}`), report),
    getReportDocument: async (id) => (
      calls.push(`getReportDocument ${id}`),
      { reportDocumentId: id, url: 'https://example.invalid/e', compressionAlgorithm: 'GZIP' }
    ),
    createRestrictedDataToken: async () => 'rdt',
  };
  const openedWith: unknown[] = [];
  const documents: Pick<DocumentPort, 'open' | 'decode'> = {
    open: async (_location, _refresh, marketplaceId, options) => {
      openedWith.push({ marketplaceId, options });
      return { bytes: Readable.from([document]), compression: 'GZIP', charset: 'utf-8' };
    },
    decode: (bytes) => bytes.pipe(createGunzip()).setEncoding('utf8'),
  };
  const store = new InMemoryObjectStore();
  return {
    calls,
    openedWith,
    store,
    deps: { reports, documents, store, clock: { now: () => Date.UTC(2026, 9, 25, 1) } },
  };
}

const input = {
  sellingPartnerId: 'A2VENDOR',
  reportType: 'GET_VENDOR_SALES_REPORT',
  reportId: '5002',
  placement: {
    reportConfigId: 'vendor-sales-weekly',
    marketplaceIds: ['ATVPDKIKX0DER'] as [string],
    window: { start: '2026-10-18T00:00:00Z', end: '2026-10-25T00:00:00Z' },
  },
};

describe('recordFatalReport', () => {
  it('asks getReport for the error document when the status did not name one', async () => {
    const { deps, calls, store } = setUp({ ...fatalReport, reportDocumentId: 'doc-9' });

    const result = await recordFatalReport(deps, input);

    expect(calls).toEqual(['getReport 5002', 'getReportDocument doc-9']);
    expect(result.reason).toBe('Missing reportPeriod.');
    expect(store.objects.get(result.errorDocumentKey ?? '')?.toString()).toBe(
      '{"errorDetails":" Missing reportPeriod. "}',
    );
    expect(parseLedgerEntry(await store.getObject(result.ledgerKey))).toMatchObject({
      outcome: 'FATAL',
      reason: 'Missing reportPeriod.',
    });
  });

  it('opens the error document as JSON, so that it is read as UTF-8 in every marketplace', async () => {
    const { deps, openedWith } = setUp({ ...fatalReport, reportDocumentId: 'doc-9' });

    await recordFatalReport(deps, {
      ...input,
      placement: { ...input.placement, marketplaceIds: ['A1VC38T7YXB528'] as [string] },
    });

    expect(openedWith).toEqual([{ marketplaceId: 'A1VC38T7YXB528', options: { format: 'json' } }]);
  });

  it('records a fixed reason when the report has no error document', async () => {
    const { deps, store } = setUp(fatalReport);

    const result = await recordFatalReport(deps, input);

    expect(result).toEqual({ reason: NO_ERROR_DOCUMENT_REASON, ledgerKey: expect.any(String) });
    expect([...store.objects.keys()]).toEqual([result.ledgerKey]);
  });

  it('keeps the error document but not over a DONE entry: the window landed through another report', async () => {
    const { deps, store } = setUp({ ...fatalReport, reportDocumentId: 'doc-9' });
    const done = buildLedgerEntry({
      sellingPartnerId: input.sellingPartnerId,
      reportType: input.reportType,
      reportConfigId: input.placement.reportConfigId,
      marketplaceIds: input.placement.marketplaceIds,
      windowStart: input.placement.window.start,
      windowEnd: input.placement.window.end,
      outcome: LedgerOutcome.Done,
      rows: 40,
      reportId: '4999',
      recordedAt: new Date(Date.UTC(2026, 9, 24)),
    });
    await store.putObject(ledgerKey(done), serializeLedgerEntry(done));

    const result = await recordFatalReport(deps, input);

    expect(result.errorDocumentKey).toBeDefined();
    expect(parseLedgerEntry(await store.getObject(result.ledgerKey))).toEqual(done);
  });

  it('records FATAL without keeping an error document too large to be one', async () => {
    const { deps, store } = setUp(fatalReport, gzipSync('x'.repeat(MAX_ERROR_DOCUMENT_CHARS + 10)));

    const result = await recordFatalReport(deps, { ...input, reportDocumentId: 'doc-9' });

    expect(result.errorDocumentKey).toBeUndefined();
    expect(result.reason).toContain(
      'its error document could not be read (ErrorDocumentTooLargeError',
    );
    expect([...store.objects.keys()]).toEqual([result.ledgerKey]);
    expect(parseLedgerEntry(await store.getObject(result.ledgerKey))).toMatchObject({
      outcome: 'FATAL',
      reason: expect.stringContaining('could not be read'),
    });
  });

  it('fails for a retry when the error document cannot be read for a while', async () => {
    const { deps, store } = setUp({ ...fatalReport, reportDocumentId: 'doc-9' });
    deps.documents.open = async () => {
      throw new ReportDocumentUnavailableError('the download broke off');
    };

    await expect(recordFatalReport(deps, input)).rejects.toBeInstanceOf(
      ReportDocumentUnavailableError,
    );
    expect(store.objects.size).toBe(0);
  });
});
