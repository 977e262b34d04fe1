import { readdir } from 'node:fs/promises';
import { manifestKey, parseLedgerEntry, reportLeaseKey, ledgerKey } from '@spapi-lake/lake';
import { createRetrieveReportHandler } from './create-retrieve-report-handler';
import { type SimulatedLake, startSimulatedLake } from './test/simulated-lake';

// Two executions retrieving one report at once: an ingestion that stopped waiting and polls while
// the notification starts a retrieval, or two report configs that asked for the very same report.
// Only one may curate it (a failing one would take back files the other is about to list).

jest.setTimeout(60_000);

const US = 'ATVPDKIKX0DER';
const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const window = { start: '2026-10-05T00:00:00.000Z', end: '2026-10-07T00:00:00.000Z' };

let lake: SimulatedLake;

beforeAll(async () => {
  lake = await startSimulatedLake();
});

afterAll(async () => {
  await lake?.stop();
});

describe('two RetrieveReport tasks of one report at once', () => {
  it('curate it once: the second is told to retry, and its retry completes the window', async () => {
    const partner = lake.partners.na;
    const reportId = await lake.createFinishedReport(partner, {
      reportType: ORDERS,
      marketplaceIds: [US],
      dataStartTime: window.start,
      dataEndTime: '2026-10-06T23:59:59Z',
    });
    const report = await lake.client(partner).reports.getReport(reportId);
    const documentId = report.reportDocumentId ?? '';
    const state = {
      sellingPartnerId: partner.sellingPartnerId,
      region: partner.region,
      reportType: ORDERS,
      reportConfigId: 'orders-daily',
      marketplaceIds: [US],
      window,
      report: { reportId },
      status: { processingStatus: 'DONE', reportDocumentId: report.reportDocumentId },
    };
    const retrieve = createRetrieveReportHandler(lake.deps);
    const requestsBefore = documentRequests(documentId);

    const [first, second] = await Promise.allSettled([retrieve(state), retrieve(state)]);
    const outcomes = [first, second];
    const landed = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(landed).toHaveLength(1);
    expect(refused).toHaveLength(1);
    // The name Step Functions retries on (libs/workflows reportRetrievalInProgressRetrier).
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
      name: 'ReportRetrievalInProgressError',
    });
    expect(documentRequests(documentId) - requestsBefore).toBe(1);

    // The retry finds the manifest: nothing downloaded again, the same rows, the window DONE.
    const rows = (landed[0] as PromiseFulfilledResult<{ rows: number }>).value.rows;
    expect(rows).toBeGreaterThan(0);
    await expect(retrieve(state)).resolves.toMatchObject({ rows });
    expect(documentRequests(documentId) - requestsBefore).toBe(1);
    const ids = { sellingPartnerId: partner.sellingPartnerId, reportId };
    expect(await lake.deps.store.exists(manifestKey(ids))).toBe(true);
    const unit = {
      sellingPartnerId: partner.sellingPartnerId,
      reportType: ORDERS,
      reportConfigId: 'orders-daily',
      marketplaceIds: [US],
      windowStart: window.start,
      windowEnd: window.end,
    };
    expect(parseLedgerEntry(await lake.deps.store.getObject(ledgerKey(unit)))).toMatchObject({
      outcome: 'DONE',
      reportId,
      rows,
    });
    // No lease is left behind.
    expect(await lake.deps.store.exists(reportLeaseKey(ids))).toBe(false);
    const files = await readdir(lake.curatedDirectory, { recursive: true, withFileTypes: true });
    expect(files.filter((file) => file.isFile() && file.parentPath.includes('_leases'))).toEqual(
      [],
    );
  });
});

// getReportDocument answers (the document's address); the curated download follows each one.
function documentRequests(reportDocumentId: string): number {
  return lake.sim
    .requests()
    .filter(
      (request) =>
        request.operationId === 'getReportDocument' && request.path.endsWith(reportDocumentId),
    ).length;
}
