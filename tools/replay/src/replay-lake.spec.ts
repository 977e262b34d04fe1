import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { TypedError } from '@spapi-lake/core';
import { type DocumentPort, type ReportsPort, retrieveReport } from '@spapi-lake/ingestion';
import {
  buildUncuratedReport,
  ledgerKey,
  manifestKey,
  parseLedgerEntry,
  parseReportManifest,
  serializeUncuratedReport,
  uncuratedReportKey,
} from '@spapi-lake/lake';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { buildReplayDependencies } from '@spapi-lake/report-retriever-handlers';
import { replayLake } from './replay-lake';

// A Cp1252 orders document, gzip, as Amazon serves European flat files, with one bad row.
const document = iconv.encode(
  'amazon-order-id\tpurchase-date\tproduct-name\titem-price\tquantity\n' +
    '302-1\t2026-11-01T10:00:00+00:00\tKaffeemühle „Premium“\t19,99\t1\n' +
    '302-2\t2026-11-02T08:30:00+00:00\tCafé au lait € Tasse\t5,50\t2\n' +
    '302-3\tnot-a-date\tFußball\t1,00\t1\n',
  'windows-1252',
);

let directory: string;
let server: ReturnType<typeof createServer>;
let url: string;

function reports(): ReportsPort {
  return {
    getReport: async (reportId) => ({
      reportId,
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      processingStatus: 'DONE',
      marketplaceIds: ['A1PA6795UKMFR9'],
      dataStartTime: '2026-11-01T00:00:00+00:00',
      dataEndTime: '2026-11-02T23:59:59+00:00',
      createdTime: '2026-11-03T00:00:00+00:00',
      processingEndTime: '2026-11-03T00:02:00+00:00',
      reportDocumentId: `amzn1.spdoc.1.4.eu.${reportId}`,
    }),
    getReportDocument: async (reportDocumentId) => ({
      reportDocumentId,
      url,
      compressionAlgorithm: 'GZIP',
    }),
    createRestrictedDataToken: () => Promise.reject(new Error('not restricted')),
  };
}

class DocumentShapeError extends TypedError {
  override readonly name = 'DocumentShapeError';
  readonly retryable = false;
}

// Stands for a parser that does not fit the document yet: curation fails for good.
function unfitParser(documents: DocumentPort): DocumentPort {
  const failing = () =>
    new Readable({
      read() {
        this.destroy(new DocumentShapeError('the document has a shape this parser does not know'));
      },
    });
  return {
    open: (...args) => documents.open(...args),
    decode: (bytes) => (bytes.resume(), failing()),
    decompress: (bytes, encoding) => ({
      ...documents.decompress(bytes, encoding),
      chunks: (bytes.resume(), failing()),
    }),
  };
}

function deps() {
  return {
    ...buildReplayDependencies({
      raw: new LocalDiskObjectStore(path.join(directory, 'raw')),
      curated: new LocalDiskObjectStore(path.join(directory, 'curated')),
    }),
    clock: { now: () => Date.UTC(2026, 10, 3, 1) },
  };
}

async function files(): Promise<Map<string, string>> {
  const names = await readdir(directory, { recursive: true, withFileTypes: true });
  const entries = await Promise.all(
    names
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(directory, file), (await readFile(file)).toString('base64')] as const;
      }),
  );
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; charset=Cp1252' });
    response.end(gzipSync(document));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/doc`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'replay-lake-'));
  for (const reportId of ['51000000001', '51000000002']) {
    await retrieveReport(
      { ...deps(), reports: reports() },
      { sellingPartnerId: 'A1EUSELLER', reportId },
    );
  }
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('replayLake', () => {
  it('replays every manifested report; unchanged code leaves every file as it was', async () => {
    const before = await files();
    const lines: string[] = [];
    const summary = await replayLake(deps(), { reportIds: [] }, (line) => lines.push(line));
    expect(summary).toEqual({ replayed: 2, failed: 0 });
    expect(lines).toEqual([
      'A1EUSELLER 51000000001: GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL, 2 rows, 1 quarantined, manifest unchanged',
      'A1EUSELLER 51000000002: GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL, 2 rows, 1 quarantined, manifest unchanged',
      '2 of 2 reports replayed',
    ]);
    expect(await files()).toEqual(before);
  });

  it('restores lost curated Parquet byte for byte from the raw document', async () => {
    const before = await files();
    const parquet = [...before.keys()].filter((file) => file.endsWith('51000000002.parquet'));
    expect(parquet).toHaveLength(2);
    for (const file of parquet) await rm(path.join(directory, file));
    await replayLake(
      deps(),
      { sellingPartnerId: 'A1EUSELLER', reportIds: ['51000000002'] },
      () => undefined,
    );
    expect(await files()).toEqual(before);
  });

  it('curates a report kept uncurated at retrieval once the code fits it, and records its window', async () => {
    const ids = { sellingPartnerId: 'A1EUSELLER', reportId: '51000000003' };
    const window = {
      reportConfigId: 'orders-daily',
      marketplaceIds: ['A1PA6795UKMFR9'],
      windowStart: '2026-11-01T00:00:00Z',
      windowEnd: '2026-11-03T00:00:00Z',
    };
    const retrieval = { ...deps(), reports: reports() };
    // The parser of the day did not fit the document.
    await expect(
      retrieveReport(
        { ...retrieval, documents: unfitParser(retrieval.documents) },
        { ...ids, ledgerUnit: window },
      ),
    ).rejects.toThrow('a shape this parser does not know');
    const lines: string[] = [];
    const summary = await replayLake(deps(), { reportIds: [] }, (line) => lines.push(line));
    expect(summary).toEqual({ replayed: 3, failed: 0 });
    expect(lines[2]).toBe(
      'A1EUSELLER 51000000003: was uncurated, now GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL, 2 rows, 1 quarantined, window recorded DONE',
    );
    const lake = new LocalDiskObjectStore(path.join(directory, 'curated'));
    expect(await lake.exists(uncuratedReportKey(ids))).toBe(false);
    expect(await lake.exists(manifestKey(ids))).toBe(true);
    const entry = parseLedgerEntry(
      await lake.getObject(
        ledgerKey({
          sellingPartnerId: ids.sellingPartnerId,
          reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
          ...window,
        }),
      ),
    );
    expect(entry).toMatchObject({ outcome: 'DONE', rows: 2, reportId: ids.reportId });
    // Curated as report 51000000002 of the same document was at its retrieval.
    const datasets = async (reportId: string) =>
      JSON.stringify(
        parseReportManifest(
          await lake.getObject(manifestKey({ sellingPartnerId: ids.sellingPartnerId, reportId })),
        ).datasets,
      ).replaceAll(reportId, 'R');
    expect(await datasets('51000000003')).toBe(await datasets('51000000002'));
  });

  it('counts a landed report with a record left from before it landed once, and removes the record', async () => {
    const ids = { sellingPartnerId: 'A1EUSELLER', reportId: '51000000001' };
    const lake = new LocalDiskObjectStore(path.join(directory, 'curated'));
    const {
      manifestVersion: _v,
      datasets: _d,
      quarantinedRows: _q,
      ingestedAt: _i,
      ...facts
    } = parseReportManifest(await lake.getObject(manifestKey(ids)));
    await lake.putObject(
      uncuratedReportKey(ids),
      serializeUncuratedReport(
        buildUncuratedReport({
          ...facts,
          curationInputs: facts.curationInputs ?? { windowStart: '', reportProcessedAt: '' },
          failure: { error: 'DocumentShapeError', message: 'an earlier parser' },
          failedAt: new Date('2026-11-03T00:00:00Z'),
        }),
      ),
    );
    const lines: string[] = [];
    const summary = await replayLake(deps(), { reportIds: [] }, (line) => lines.push(line));
    expect(summary).toEqual({ replayed: 2, failed: 0 });
    expect(lines[0]).toMatch(
      /^A1EUSELLER 51000000001: .*manifest unchanged; its uncurated-report record removed$/,
    );
    expect(lines).toHaveLength(3);
    expect(await lake.exists(uncuratedReportKey(ids))).toBe(false);
  });

  it('reports a report it cannot replay, counts it and goes on with the others', async () => {
    const lines: string[] = [];
    const summary = await replayLake(
      deps(),
      { sellingPartnerId: 'A1EUSELLER', reportIds: ['51000000009', '51000000001'] },
      (line) => lines.push(line),
    );
    expect(summary).toEqual({ replayed: 1, failed: 1 });
    expect(lines[0]).toBe(
      'A1EUSELLER 51000000009: FAILED ReplayNotPossibleError: report 51000000009 of A1EUSELLER has no readable manifest in the lake',
    );
    expect(lines[2]).toBe('1 of 2 reports replayed');
  });
});
