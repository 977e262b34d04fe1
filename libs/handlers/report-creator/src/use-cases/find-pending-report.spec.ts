import type { CreateReportSpecification } from '@spapi-lake/sp-api';
import type { ReportIngestionInput } from '@spapi-lake/workflows';
import { FakeReportsApi } from '../test/fake-reports-api';
import { FixedClock } from '../test/fixed-clock';
import { MAX_RECOVERY_PAGES, findPendingReport, type PendingRequest } from './find-pending-report';

const DE = 'A1PA6795UKMFR9';
const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';

const input: ReportIngestionInput = {
  sellingPartnerId: 'A1SELLER',
  region: 'EU',
  accountType: 'seller',
  reportConfigId: 'orders-daily',
  reportType: ORDERS,
  marketplaceIds: [DE],
  window: { start: '2026-10-30T00:00:00Z', end: '2026-10-31T00:00:00Z' },
  dataStartTime: '2026-10-30T00:00:00Z',
  dataEndTime: '2026-10-30T23:59:59Z',
  reportOptions: {},
  awaitNotification: false,
  attempt: 1,
};
const pending: PendingRequest = {
  input,
  slot: { requests: { ours: { requestedAt: '2026-11-01T06:00:00Z' } } },
  requestKey: 'ours',
  requestedAt: '2026-11-01T06:00:00Z',
  snapshot: false,
};
const ours: CreateReportSpecification = {
  reportType: ORDERS,
  marketplaceIds: [DE],
  dataStartTime: input.dataStartTime,
  dataEndTime: input.dataEndTime,
};
/** A report of the same type and marketplace for another day, as a backfill creates many. */
const otherDay = (index: number): CreateReportSpecification => ({
  ...ours,
  dataStartTime: new Date(Date.parse('2026-09-01T00:00:00Z') + index * 60_000).toISOString(),
  dataEndTime: new Date(Date.parse('2026-09-01T00:00:59Z') + index * 60_000).toISOString(),
});

let clock: FixedClock;
let api: FakeReportsApi;

beforeEach(() => {
  clock = new FixedClock(Date.parse('2026-11-01T06:00:01Z'));
  api = new FakeReportsApi(() => clock.now());
});

/** Files ours first, then `count` reports for other days: getReports lists ours last. */
function fileOursBehind(count: number): string {
  const { reportId } = api.file(ours);
  for (let index = 0; index < count; index += 1) api.file(otherDay(index));
  return reportId;
}

describe('findPendingReport', () => {
  it('finds the pending report on a later getReports page, sending the page token alone', async () => {
    const reportId = fileOursBehind(150);

    await expect(findPendingReport(api, pending)).resolves.toBe(reportId);
    expect(api.reportQueries).toEqual([
      {
        reportTypes: [ORDERS],
        marketplaceIds: [DE],
        processingStatuses: ['IN_QUEUE', 'IN_PROGRESS', 'DONE'],
        createdSince: '2026-11-01T05:55:00.000Z',
        pageSize: 100,
      },
      { nextToken: 'page-1' },
    ]);
  });

  it(`reads at most ${MAX_RECOVERY_PAGES} pages, and answers undefined when more remain`, async () => {
    fileOursBehind(MAX_RECOVERY_PAGES * 100);

    await expect(findPendingReport(api, pending)).resolves.toBeUndefined();
    expect(api.count('getReports')).toBe(MAX_RECOVERY_PAGES);
  });

  it('finds the pending report on the last page it may read', async () => {
    const reportId = fileOursBehind(MAX_RECOVERY_PAGES * 100 - 1);

    await expect(findPendingReport(api, pending)).resolves.toBe(reportId);
    expect(api.count('getReports')).toBe(MAX_RECOVERY_PAGES);
  });

  it('stops reading pages once two reports match: it cannot tell them apart', async () => {
    for (let index = 0; index < 150; index += 1) api.file(otherDay(index));
    api.file(ours);
    api.file(ours);

    await expect(findPendingReport(api, pending)).resolves.toBeUndefined();
    expect(api.count('getReports')).toBe(1);
  });
});
