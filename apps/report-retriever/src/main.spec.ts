import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  type LedgerEntry,
  errorDocumentKey,
  ledgerKey,
  manifestKey,
  parseLedgerEntry,
  parseReportManifest,
  parseUncuratedReport,
  uncuratedReportKey,
} from '@spapi-lake/lake';
import { createLogger } from '@spapi-lake/observability';
import { CURATION_TIME_RESERVE_MS } from '@spapi-lake/report-retriever-handlers';
import type { ReportGenerator } from '@spapi-lake/sp-api-simulator';
import * as main from './main';
import {
  EVENTS_SELLER,
  EVENTS_VENDOR,
  type LocalRetriever,
  type ReportRequest,
  startLocalRetriever,
} from './test/local-retriever';

// Invocation tests: every event of events/ (Step Functions task inputs, with the simulator's own
// report ids put in) through the handlers as the local runner wires them, against the simulator
// and a lake of two local folders. Logs go through the app's real (redacting) logger.

jest.setTimeout(30_000);

type Json = Record<string, unknown>;

function event(name: string): Json {
  return JSON.parse(readFileSync(path.join(__dirname, '..', 'events', name), 'utf8')) as Json;
}

/** The event with the simulator's report id (and status fields) in place of the sample ones. */
// A settlement's ledger entry: no report config, its marketplace and interval from getReport.
async function readSettlementLedger(
  retriever: LocalRetriever,
  settlement: { reportType: string; dataStartTime?: string; dataEndTime?: string },
): Promise<LedgerEntry> {
  return parseLedgerEntry(
    await retriever.curated.getObject(
      ledgerKey({
        sellingPartnerId: EVENTS_SELLER.sellingPartnerId,
        reportType: settlement.reportType,
        marketplaceIds: ['A13V1IB3VIYZZH'],
        windowStart: settlement.dataStartTime ?? '',
        windowEnd: settlement.dataEndTime ?? '',
      }),
    ),
  );
}

function withReport(state: Json, reportId: string, status: Json): Json {
  return { ...state, report: { reportId }, status };
}

function requestOf(state: Json): ReportRequest {
  return {
    reportType: String(state['reportType']),
    marketplaceIds: state['marketplaceIds'] as string[],
    ...(typeof state['dataStartTime'] === 'string'
      ? { dataStartTime: state['dataStartTime'] }
      : {}),
    ...(typeof state['dataEndTime'] === 'string' ? { dataEndTime: state['dataEndTime'] } : {}),
    reportOptions: state['reportOptions'] as Record<string, string>,
  };
}

const logged: string[] = [];
const logger = createLogger({ serviceName: 'report-retriever' });
const capture = (chunk: string | Uint8Array): boolean => {
  logged.push(String(chunk));
  return true;
};
let spies: jest.SpyInstance[] = [];

// Powertools writes INFO to stdout and ERROR to stderr.
beforeAll(() => {
  spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
});

afterAll(() => spies.forEach((spy) => spy.mockRestore()));

/** The ledger entry of the fan-out window a task input describes. */
async function readLedger(retriever: LocalRetriever, state: Json): Promise<LedgerEntry> {
  const window = state['window'] as { start: string; end: string };
  return parseLedgerEntry(
    await retriever.curated.getObject(
      ledgerKey({
        sellingPartnerId: String(state['sellingPartnerId']),
        reportType: String(state['reportType']),
        reportConfigId: String(state['reportConfigId']),
        marketplaceIds: state['marketplaceIds'] as string[],
        windowStart: window.start,
        windowEnd: window.end,
      }),
    ),
  );
}

describe('report-retriever with the default simulator', () => {
  let retriever: LocalRetriever;
  let documentFetches: { url: string; status: number }[];
  let afterDocumentFetch: (() => void) | undefined;
  // Stands in for a document the pipeline cannot curate (what the simulator never serves).
  let replaceDocument: ((response: Response) => Response) | undefined;

  beforeAll(async () => {
    documentFetches = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      documentFetches.push({ url: String(input), status: response.status });
      afterDocumentFetch?.();
      return replaceDocument ? replaceDocument(response) : response;
    };
    retriever = await startLocalRetriever({ logger, fetch: recordingFetch });
  });

  afterAll(async () => retriever.stop());

  /** Serves `body` (with `contentType`, if given) for the next documents; returns what was served. */
  const serveInstead = (body: Buffer, contentType?: string): Buffer[] => {
    const served: Buffer[] = [];
    replaceDocument = (response) => {
      void response.body?.cancel();
      served.push(body);
      const headers = new Headers(response.headers);
      if (contentType !== undefined) headers.set('content-type', contentType);
      headers.set('content-length', String(body.length));
      return new Response(body, { status: 200, headers });
    };
    return served;
  };

  /**
   * A DE orders report of the two days from `firstDay`, served `body` (and `contentType`) instead of
   * its document: its retrieval fails with `error`. The sample event, the report id, the uncurated
   * record it leaves and what was served.
   */
  const retrieveUncuratable = async (
    firstDay: string,
    body: Buffer,
    error: string,
    contentType?: string,
  ) => {
    const end = new Date(Date.parse(firstDay) + 2 * 86_400_000).toISOString().slice(0, 10);
    const sample = {
      ...event('retrieve-report-orders-de.json'),
      window: { start: `${firstDay}T00:00:00Z`, end: `${end}T00:00:00Z` },
      dataStartTime: `${firstDay}T00:00:00Z`,
      dataEndTime: new Date(Date.parse(`${end}T00:00:00Z`) - 1000)
        .toISOString()
        .replace('.000', ''),
    };
    const reportId = await retriever.createReport(EVENTS_SELLER, requestOf(sample));
    retriever.sim.clock.advance(60_000);
    const served = serveInstead(body, contentType);
    try {
      await expect(
        retriever.handlers.retrieveReport(
          withReport(sample, reportId, { processingStatus: 'DONE' }),
        ),
      ).rejects.toMatchObject({ name: error });
    } finally {
      replaceDocument = undefined;
    }
    const ids = { sellingPartnerId: EVENTS_SELLER.sellingPartnerId, reportId };
    expect(await retriever.curated.exists(manifestKey(ids))).toBe(false);
    const record = parseUncuratedReport(await retriever.curated.getObject(uncuratedReportKey(ids)));
    return { sample, reportId, ids, record, served };
  };

  const operations = (reportId?: string) =>
    retriever.sim
      .requests()
      .filter((entry) => reportId === undefined || entry.path.includes(reportId))
      .map((entry) => `${entry.operationId ?? entry.path} ${entry.status}`);

  it('getReportStatus answers the status, the poll count and the wait before the next poll', async () => {
    const state = event('retrieve-report-orders-de.json');
    const reportId = await retriever.createReport(EVENTS_SELLER, requestOf(state));
    const poll = { ...event('get-report-status.json'), reportId };

    await expect(retriever.handlers.getReportStatus(poll)).resolves.toEqual({
      processingStatus: 'IN_QUEUE',
      pollCount: 1,
      waitSeconds: 30,
    });

    retriever.sim.clock.advance(60_000);
    const done = await retriever.handlers.getReportStatus({ ...poll, pollCount: 4 });
    expect(done).toEqual({
      processingStatus: 'DONE',
      reportDocumentId: expect.stringMatching(/^amzn1\.spdoc\./),
      pollCount: 5,
      waitSeconds: 480,
    });
  });

  describe('retrieveReport (DE orders, Cp1252)', () => {
    let state: Json;
    let output: Json;
    let reportId: string;

    beforeAll(async () => {
      const sample = event('retrieve-report-orders-de.json');
      reportId = await retriever.createReport(EVENTS_SELLER, requestOf(sample));
      retriever.sim.clock.advance(60_000);
      const report = await retriever.client(EVENTS_SELLER).reports.getReport(reportId);
      state = withReport(sample, reportId, {
        processingStatus: 'DONE',
        reportDocumentId: report.reportDocumentId,
      });
      output = await retriever.handlers.retrieveReport(state);
    });

    it('returns the crawlers of the datasets written, the manifest key and the row counts', async () => {
      const truth = retriever.sim.groundTruth.report(reportId)?.outcome;
      const rows = truth?.kind === 'document' ? truth.rowCount : -1;
      expect(output).toEqual({
        crawlerNames: ['spapi-lake-test-orders_by_order_date'],
        manifestKey: manifestKey({ sellingPartnerId: EVENTS_SELLER.sellingPartnerId, reportId }),
        rows,
        quarantinedRows: 0,
      });
      expect(rows).toBeGreaterThan(10);
    });

    it('lands the raw document in the raw zone and one Parquet file per day in the curated zone', async () => {
      const manifest = parseReportManifest(
        await retriever.curated.getObject(String(output['manifestKey'])),
      );
      expect(manifest).toMatchObject({
        reportId,
        compression: 'NONE',
        charset: 'windows-1252',
        marketplaceIds: ['A1PA6795UKMFR9'],
      });
      expect(await retriever.raw.exists(manifest.rawKey)).toBe(true);
      expect(await retriever.curated.exists(manifest.rawKey)).toBe(false);
      const [orders] = manifest.datasets;
      expect(orders?.partitions.map((key) => key.split('/')[3])).toEqual([
        'dt=2026-10-05',
        'dt=2026-10-06',
      ]);
      for (const key of orders?.partitions ?? []) {
        expect((await retriever.curated.getObject(key)).subarray(0, 4).toString()).toBe('PAR1');
      }
    });

    it('records the window DONE in the ledger with its row count', async () => {
      await expect(readLedger(retriever, state)).resolves.toMatchObject({
        outcome: 'DONE',
        rows: output['rows'],
        reportId,
        windowStart: '2026-10-05T00:00:00.000Z',
        windowEnd: '2026-10-07T00:00:00.000Z',
      });
    });

    it('leaves the lake unchanged and downloads nothing when the notification comes twice', async () => {
      const before = await retriever.snapshot();
      const calls = operations(reportId).length;
      const fetches = documentFetches.length;

      await expect(retriever.handlers.retrieveReport(state)).resolves.toEqual(output);

      expect(await retriever.snapshot()).toEqual(before);
      expect(documentFetches).toHaveLength(fetches);
      expect(operations(reportId)).toHaveLength(calls);
    });

    it('retrieves nothing for a second report of a window that has landed', async () => {
      // The window tried again after its DONE (a replayed report, a lane that did not complete).
      const second = await retriever.createReport(EVENTS_SELLER, requestOf(state));
      retriever.sim.clock.advance(60_000);
      const before = await retriever.snapshot();
      const fetches = documentFetches.length;

      await expect(
        retriever.handlers.retrieveReport(withReport(state, second, { processingStatus: 'DONE' })),
      ).resolves.toEqual(output);

      expect(await retriever.snapshot()).toEqual(before);
      expect(documentFetches).toHaveLength(fetches);
      expect(operations(second).filter((call) => call.startsWith('getReportDocument'))).toEqual([]);
      expect(
        logged.some((line) => line.includes('window already landed through another report')),
      ).toBe(true);
    });
  });

  it('retrieveReport recovers an expired document URL by asking for a fresh one', async () => {
    const sample = event('retrieve-report-orders-de.json');
    const reportId = await retriever.createReport(EVENTS_SELLER, {
      ...requestOf(sample),
      marketplaceIds: ['A13V1IB3VIYZZH'],
    });
    retriever.sim.clock.advance(60_000);
    retriever.sim.faults.update({ expiredDocumentUrls: true });
    const firstFetch = documentFetches.length;
    const firstCall = retriever.sim.requests().length;
    // The first URL is issued already expired; once it has been refused, the fault is lifted.
    afterDocumentFetch = () => retriever.sim.faults.update({ expiredDocumentUrls: false });
    try {
      const output = await retriever.handlers.retrieveReport(
        withReport({ ...sample, marketplaceIds: ['A13V1IB3VIYZZH'] }, reportId, {
          processingStatus: 'DONE',
        }),
      );
      expect(output['rows']).toBeGreaterThan(0);
    } finally {
      afterDocumentFetch = undefined;
      retriever.sim.faults.update({ expiredDocumentUrls: false });
    }
    expect(documentFetches.slice(firstFetch).map((f) => f.status)).toEqual([403, 200]);
    expect(
      retriever.sim
        .requests()
        .slice(firstCall)
        .map((entry) => `${entry.operationId} ${entry.status}`),
    ).toEqual(['getReport 200', 'getReportDocument 200', 'getReportDocument 200']);
    // The same window and report config in FR has its own ledger entry beside DE's.
    await expect(
      readLedger(retriever, { ...sample, marketplaceIds: ['A13V1IB3VIYZZH'] }),
    ).resolves.toMatchObject({ reportId, marketplaceIds: ['A13V1IB3VIYZZH'] });
    await expect(readLedger(retriever, sample)).resolves.toMatchObject({
      marketplaceIds: ['A1PA6795UKMFR9'],
    });
    expect((await readLedger(retriever, sample)).reportId).not.toBe(reportId);
  });

  it('retrieveReport keeps a document it cannot curate raw, with a record for its replay', async () => {
    // The DE orders event, a few days later, with a translated header (Amazon localises some flat
    // files): no column of the schema.
    const { sample, reportId, ids, record, served } = await retrieveUncuratable(
      '2026-10-08',
      Buffer.from('Bestellnummer\tKaufdatum\r\n302-1\t2026-10-08\r\n'),
      'MalformedReportDocumentError',
    );
    expect(record).toMatchObject({
      reportId,
      marketplaceIds: ['A1PA6795UKMFR9'],
      ledgerUnit: {
        reportConfigId: 'orders-by-order-date',
        marketplaceIds: ['A1PA6795UKMFR9'],
        windowStart: '2026-10-08T00:00:00.000Z',
        windowEnd: '2026-10-10T00:00:00.000Z',
      },
      failure: {
        error: 'MalformedReportDocumentError',
        message: expect.stringContaining('names none of the'),
      },
    });
    expect(await retriever.raw.getObject(record.rawKey)).toEqual(served[0]);

    // The window's next try reuses the report (createReport finds the record): its retrieval
    // curates the kept raw copy again, and asks SP-API for no document.
    const before = retriever.sim.requests().length;
    await expect(
      retriever.handlers.retrieveReport(withReport(sample, reportId, { processingStatus: 'DONE' })),
    ).rejects.toMatchObject({ name: 'MalformedReportDocumentError' });
    expect(
      retriever.sim
        .requests()
        .slice(before)
        .map((r) => r.operationId),
    ).toEqual(['getReport']);
    expect(served).toHaveLength(1);
    expect(await retriever.curated.exists(manifestKey(ids))).toBe(false);
    const again = parseUncuratedReport(await retriever.curated.getObject(uncuratedReportKey(ids)));
    expect(again).toMatchObject({
      rawKey: record.rawKey,
      failure: { error: 'MalformedReportDocumentError' },
    });
    expect(Date.parse(again.failedAt)).toBeGreaterThanOrEqual(Date.parse(record.failedAt));
  });

  it('retrieveReport keeps a document in a charset it cannot decode raw, with a record naming it', async () => {
    const { reportId, record, served } = await retrieveUncuratable(
      '2026-10-12',
      Buffer.from('amazon-order-id\tpurchase-date\r\n302-1\t2026-10-12\r\n'),
      'UnsupportedCharsetError',
      'text/plain; charset=x-mac-klingon',
    );
    expect(record).toMatchObject({
      reportId,
      charset: 'x-mac-klingon',
      failure: {
        error: 'UnsupportedCharsetError',
        message: 'unsupported report document charset "x-mac-klingon"',
      },
    });
    expect(await retriever.raw.getObject(record.rawKey)).toEqual(served[0]);
  });

  it('retrieveReport stops curating before the Lambda times out, keeping the raw copy and a record', async () => {
    const sample = {
      ...event('retrieve-report-orders-de.json'),
      window: { start: '2026-10-12T00:00:00Z', end: '2026-10-13T00:00:00Z' },
      dataStartTime: '2026-10-12T00:00:00Z',
      dataEndTime: '2026-10-12T23:59:59Z',
    };
    const reportId = await retriever.createReport(EVENTS_SELLER, requestOf(sample));
    retriever.sim.clock.advance(60_000);
    // The invocation has no time left beyond the reserve kept for the raw copy.
    const context = { getRemainingTimeInMillis: () => CURATION_TIME_RESERVE_MS };

    await expect(
      retriever.handlers.retrieveReport(
        withReport(sample, reportId, { processingStatus: 'DONE' }),
        context,
      ),
    ).rejects.toMatchObject({ name: 'CurationOutOfTimeError', retryable: false });

    const ids = { sellingPartnerId: EVENTS_SELLER.sellingPartnerId, reportId };
    expect(await retriever.curated.exists(manifestKey(ids))).toBe(false);
    const record = parseUncuratedReport(await retriever.curated.getObject(uncuratedReportKey(ids)));
    expect(record.failure).toMatchObject({ error: 'CurationOutOfTimeError' });
    expect((await retriever.raw.getObject(record.rawKey)).length).toBe(record.rawBytes);
    expect(record.rawBytes).toBeGreaterThan(0);
  });

  it('retrieveReport takes its objects back when another report of the window landed meanwhile', async () => {
    const window = { start: '2026-10-14T00:00:00Z', end: '2026-10-16T00:00:00Z' };
    const sample: Json = {
      ...event('retrieve-report-orders-de.json'),
      window,
      dataStartTime: '2026-10-14T00:00:00Z',
      dataEndTime: '2026-10-15T23:59:59Z',
    };
    const first = await retriever.createReport(EVENTS_SELLER, requestOf(sample));
    const second = await retriever.createReport(EVENTS_SELLER, requestOf(sample));
    retriever.sim.clock.advance(60_000);
    const firstOutput = await retriever.handlers.retrieveReport(
      withReport(sample, first, { processingStatus: 'DONE' }),
    );
    const ledgerOf = () =>
      ledgerKey({
        sellingPartnerId: EVENTS_SELLER.sellingPartnerId,
        reportType: String(sample['reportType']),
        reportConfigId: String(sample['reportConfigId']),
        marketplaceIds: sample['marketplaceIds'] as string[],
        windowStart: window.start,
        windowEnd: window.end,
      });
    const landed = await retriever.curated.getObject(ledgerOf());
    const before = await retriever.snapshot();
    // The first report's DONE is written while the second one's document downloads (as a replay
    // racing the lane would): the second one starts as if the window had not landed.
    await retriever.curated.deleteObject(ledgerOf());
    afterDocumentFetch = () => void retriever.curated.putObject(ledgerOf(), landed);
    // The take-back is cut short once (a Parquet delete fails): the retried task finishes it.
    const deleteObject = retriever.curated.deleteObject.bind(retriever.curated);
    let failures = 1;
    retriever.curated.deleteObject = async (key) => {
      if (key.endsWith('.parquet') && failures-- > 0) throw new Error('the store is unavailable');
      return deleteObject(key);
    };
    const secondState = withReport(sample, second, { processingStatus: 'DONE' });
    let output: Json;
    try {
      await expect(retriever.handlers.retrieveReport(secondState)).rejects.toThrow(
        'the store is unavailable',
      );
      output = await retriever.handlers.retrieveReport(secondState);
    } finally {
      afterDocumentFetch = undefined;
      retriever.curated.deleteObject = deleteObject;
    }
    expect(output).toEqual(firstOutput);
    const after = await retriever.snapshot();
    const secondRaw = [...after.keys()].filter((file) => !before.has(file));
    expect(secondRaw).toHaveLength(1);
    expect(secondRaw[0]).toMatch(new RegExp(`^raw/reports/.*/${second}\\.tsv$`));
    after.delete(secondRaw[0] ?? '');
    expect(after).toEqual(before);
  });

  it('retrieveReport places a settlement, which has no window, by getReport', async () => {
    const sample = event('retrieve-report-settlement.json');
    expect(sample).not.toHaveProperty('window');
    expect(sample).not.toHaveProperty('marketplaceIds');
    expect(sample).not.toHaveProperty('reportConfigId');
    const client = retriever.client(EVENTS_SELLER);
    const { reports } = await client.reports.getReports({
      reportTypes: [String(sample['reportType'])],
      marketplaceIds: ['A13V1IB3VIYZZH'],
      processingStatuses: ['DONE'],
    });
    const [settlement] = reports;
    if (settlement?.reportDocumentId === undefined) throw new Error('no settlement to retrieve');
    const { reportId } = settlement;
    const callsBefore = retriever.sim.requests().length;

    const output = await retriever.handlers.retrieveReport(
      withReport(sample, reportId, {
        processingStatus: 'DONE',
        reportDocumentId: settlement.reportDocumentId,
      }),
    );

    const truth = retriever.sim.groundTruth.report(reportId)?.outcome;
    expect(output).toMatchObject({
      crawlerNames: ['spapi-lake-test-settlements'],
      rows: truth?.kind === 'document' ? truth.rowCount : -1,
    });
    expect(
      retriever.sim
        .requests()
        .slice(callsBefore)
        .map((entry) => entry.operationId),
    ).toEqual(['getReport', 'getReport', 'getReportDocument']);
    const manifest = parseReportManifest(
      await retriever.curated.getObject(String(output['manifestKey'])),
    );
    expect(manifest.marketplaceIds).toEqual(['A13V1IB3VIYZZH']);
    const entry = await readSettlementLedger(retriever, settlement);
    expect(entry).toMatchObject({ outcome: 'DONE', reportId, rows: output['rows'] });
    expect(entry).not.toHaveProperty('reportConfigId');
  });

  it('recordFatal keeps the GZIP error document and records FATAL with its errorDetails', async () => {
    const sample = event('record-fatal-vendor-sales.json');
    const ingestion = sample['ingestion'] as Json;
    const reportId = await retriever.createReport(EVENTS_VENDOR, requestOf(ingestion));
    retriever.sim.clock.advance(60_000);
    const report = await retriever.client(EVENTS_VENDOR).reports.getReport(reportId);
    expect(report.processingStatus).toBe('FATAL');
    const input = {
      ...sample,
      ingestion: withReport(ingestion, reportId, {
        processingStatus: 'FATAL',
        reportDocumentId: report.reportDocumentId,
      }),
    };
    const location = await retriever
      .client(EVENTS_VENDOR)
      .reports.getReportDocument(report.reportDocumentId ?? '');
    expect(location.compressionAlgorithm).toBe('GZIP');
    const served = gunzipSync(
      Buffer.from(await (await fetch(location.url)).arrayBuffer()),
    ).toString();
    const errorDetails = (JSON.parse(served) as { errorDetails: string }).errorDetails;
    expect(errorDetails).toContain('distributorView, sellingProgram');

    const output = await retriever.handlers.recordFatal(input);

    const key = errorDocumentKey({
      reportType: 'GET_VENDOR_SALES_REPORT',
      sellingPartnerId: EVENTS_VENDOR.sellingPartnerId,
      reportId,
    });
    expect(output).toEqual({
      reason: errorDetails,
      errorDocumentKey: key,
      ledgerKey: expect.any(String),
    });
    expect((await retriever.curated.getObject(key)).toString()).toBe(served);
    await expect(readLedger(retriever, input.ingestion as Json)).resolves.toMatchObject({
      outcome: 'FATAL',
      reason: errorDetails,
      reportId,
    });
  });

  it('recordOutcome records CANCELLED for a window Amazon has no data for', async () => {
    const sample = event('record-no-data-orders-fr-sunday.json');
    const ingestion = sample['ingestion'] as Json;
    const reportId = await retriever.createReport(EVENTS_SELLER, requestOf(ingestion));
    retriever.sim.clock.advance(60_000);
    expect(
      (await retriever.client(EVENTS_SELLER).reports.getReport(reportId)).processingStatus,
    ).toBe('CANCELLED');
    const input = {
      ...sample,
      ingestion: withReport(ingestion, reportId, { processingStatus: 'CANCELLED' }),
    };

    await expect(retriever.handlers.recordOutcome(input)).resolves.toMatchObject({
      outcome: 'CANCELLED',
      written: true,
    });

    const entry = await readLedger(retriever, ingestion);
    expect(entry).toMatchObject({ outcome: 'CANCELLED', reportId });
    expect(entry.rows).toBeUndefined();
  });

  it('recordOutcome writes a failure into the ledger reason, without overwriting a DONE window', async () => {
    const sample = event('record-failure-access-denied.json');
    const ingestion = sample['ingestion'] as Json;

    await expect(retriever.handlers.recordOutcome(sample)).resolves.toMatchObject({
      outcome: 'FAILED',
      written: true,
    });
    await expect(readLedger(retriever, ingestion)).resolves.toMatchObject({
      outcome: 'FATAL',
      reason: expect.stringMatching(
        /^ingestion failed \(SpApiAccessDeniedError\): getReport failed with HTTP 403/,
      ),
    });

    const done = event('retrieve-report-orders-de.json');
    const failureOfDone = { ...sample, ingestion: { ...ingestion, window: done['window'] } };
    const before = await readLedger(retriever, done);
    await expect(retriever.handlers.recordOutcome(failureOfDone)).resolves.toMatchObject({
      written: false,
    });
    await expect(readLedger(retriever, done)).resolves.toEqual(before);
  });

  it('recordOutcome records nothing for a failure before any report existed', async () => {
    await expect(
      retriever.handlers.recordOutcome(event('record-failure-create-report.json')),
    ).resolves.toEqual({ outcome: 'FAILED', written: false });
  });

  it('recordOutcome places a failed settlement retrieval by getReport and records it', async () => {
    const sample = event('retrieve-report-settlement.json');
    const { reports } = await retriever.client(EVENTS_SELLER).reports.getReports({
      reportTypes: [String(sample['reportType'])],
      marketplaceIds: ['A13V1IB3VIYZZH'],
      processingStatuses: ['DONE'],
    });
    const settlement = reports.at(-1);
    if (settlement?.reportDocumentId === undefined) throw new Error('no settlement to fail');
    const failed = {
      outcome: 'FAILED',
      ingestion: {
        ...withReport(sample, settlement.reportId, {
          processingStatus: 'DONE',
          reportDocumentId: settlement.reportDocumentId,
        }),
        error: { Error: 'ReportDocumentCorruptError', Cause: 'report document is not valid gzip' },
      },
    };

    await expect(retriever.handlers.recordOutcome(failed)).resolves.toMatchObject({
      outcome: 'FAILED',
      written: true,
    });
    const entry = await readSettlementLedger(retriever, settlement);
    expect(entry).toMatchObject({
      outcome: 'FATAL',
      reportId: settlement.reportId,
      reason: 'ingestion failed (ReportDocumentCorruptError): report document is not valid gzip',
    });
    expect(entry).not.toHaveProperty('reportConfigId');
  });

  it('recordOutcome records nothing for a settlement getReport cannot place either', async () => {
    const failed = {
      outcome: 'FAILED',
      ingestion: {
        ...withReport(event('retrieve-report-settlement.json'), '59999999999', {
          processingStatus: 'DONE',
          reportDocumentId: 'amzn1.spdoc.1.4.eu.missing',
        }),
        error: { Error: 'SpApiServerError', Cause: 'getReport failed with HTTP 503' },
      },
    };
    const result = await retriever.handlers.recordOutcome(failed);
    expect(result).toMatchObject({ outcome: 'FAILED', written: false });
    expect(result.unplaced).toMatch(/59999999999|404|not found/i);
  });

  it('rejects an input outside the contract with TaskInputInvalidError', async () => {
    const sample = event('retrieve-report-orders-de.json');
    await expect(
      retriever.handlers.retrieveReport({ ...sample, report: undefined }),
    ).rejects.toMatchObject({ name: 'TaskInputInvalidError' });
    // Half a placement would name the wrong ledger entry.
    await expect(
      retriever.handlers.retrieveReport({ ...sample, reportConfigId: undefined }),
    ).rejects.toMatchObject({
      name: 'TaskInputInvalidError',
      message: expect.stringContaining('reportConfigId: required with marketplaceIds, window'),
    });
  });

  it('fails with the typed error Step Functions retries on, and logs it once', async () => {
    // A window of its own: the DE event's has landed by now.
    const sample = {
      ...event('retrieve-report-orders-de.json'),
      window: { start: '2026-10-11T00:00:00Z', end: '2026-10-13T00:00:00Z' },
      dataStartTime: '2026-10-11T00:00:00Z',
      dataEndTime: '2026-10-12T23:59:59Z',
    };
    const reportId = await retriever.createReport(EVENTS_SELLER, requestOf(sample));
    retriever.sim.faults.update({ expiredDocumentUrls: true });
    retriever.sim.clock.advance(60_000);
    const before = logged.length;
    try {
      await expect(
        retriever.handlers.retrieveReport(
          withReport(sample, reportId, { processingStatus: 'DONE' }),
        ),
      ).rejects.toMatchObject({ name: 'ReportDocumentExpiredError' });
    } finally {
      retriever.sim.faults.update({ expiredDocumentUrls: false });
    }
    const errors = logged.slice(before).filter((line) => line.includes('"level":"ERROR"'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(reportId);
  });

  it('logs neither tokens nor pre-signed URLs nor report contents', () => {
    const all = logged.join('');
    expect(all).toContain('"service":"report-retriever"');
    expect(all).toContain('report ingested');
    expect(all).not.toMatch(/Atz[ar]\|/);
    expect(all).not.toMatch(/X-Amz-Signature=|[?&]sig=|Signature=/i);
    expect(all).not.toContain(retriever.sim.credentials().clientSecret);
    // Titles and cities of the DE orders report are report contents.
    for (const word of ['Düsseldorf', 'München', 'Großmann', 'Amazon.de'])
      expect(all).not.toContain(word);
  });
});

describe('report-retriever with a restricted report type', () => {
  const SHIPPING = 'GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING';
  // Buyer data: the simulator serves its document only with a Restricted Data Token.
  const shippingDocument =
    'order-id\torder-item-id\tbuyer-name\tship-city\r\n' +
    '302-0000001-0000001\t11111111111111\tErika Mustermann\tMünchen\r\n';
  const generator: ReportGenerator = {
    requestableReportTypes: [SHIPPING],
    amazonGeneratedReportTypes: [],
    amazonGeneratedReports: () => [],
    generateReport: () => ({
      kind: 'document',
      format: 'tsv',
      flatFile: true,
      rowCount: 1,
      text: () => [shippingDocument],
    }),
    groundTruth: () => ({ format: 'tsv', tables: {} }),
  };
  let retriever: LocalRetriever;

  beforeAll(async () => {
    retriever = await startLocalRetriever({ logger, simulator: { generator } });
  });

  afterAll(async () => retriever.stop());

  it('retrieveReport fetches the document with an RDT naming its path and keeps it raw', async () => {
    const sample = event('retrieve-report-restricted-shipping.json');
    const reportId = await retriever.createReport(EVENTS_SELLER, requestOf(sample));
    retriever.sim.clock.advance(60_000);
    const plain = await retriever.client(EVENTS_SELLER).reports.getReport(reportId);
    await expect(
      retriever.client(EVENTS_SELLER).reports.getReportDocument(plain.reportDocumentId ?? ''),
    ).rejects.toMatchObject({ name: 'SpApiAccessDeniedError' });

    const output = await retriever.handlers.retrieveReport(
      withReport(sample, reportId, sample['status'] as Json),
    );

    expect(output).toMatchObject({ crawlerNames: [], rows: 0, quarantinedRows: 0 });
    const manifest = parseReportManifest(
      await retriever.curated.getObject(String(output['manifestKey'])),
    );
    expect((await retriever.raw.getObject(manifest.rawKey)).toString('latin1')).toBe(
      Buffer.from(shippingDocument, 'latin1').toString('latin1'),
    );
    const calls = retriever.sim.requests().map((entry) => `${entry.operationId} ${entry.status}`);
    expect(calls.slice(-3)).toEqual([
      'getReport 200',
      'createRestrictedDataToken 200',
      'getReportDocument 200',
    ]);
    expect(logged.join('')).not.toContain('Erika Mustermann');
  });
});

describe('main (the Lambda entry points)', () => {
  it('exports one handler per ASL task the app serves', () => {
    expect(Object.keys(main).sort()).toEqual([
      'getReportStatus',
      'recordFatal',
      'recordOutcome',
      'retrieveReport',
    ]);
  });

  it('refuses to start without its environment, naming each missing variable', async () => {
    await expect(main.recordOutcome({})).rejects.toThrow('env CURATED_BUCKET: required');
    await expect(main.retrieveReport({})).rejects.toThrow(
      /RAW_BUCKET: required.*|CRAWLER_NAME_PREFIX/,
    );
  });
});
