import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  SpApiInvalidInputError,
  SpApiQuotaExceededError,
  SpApiServerError,
} from '@spapi-lake/sp-api';
import { WindowPlanningError } from '@spapi-lake/workflows';
import { manifestKey, uncuratedReportKey } from '@spapi-lake/lake';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { StateStoreUnavailableError, WindowBeyondLookbackError } from '../errors';
import { LocalFileReportRequestStore } from '../local-file-report-request-store';
import type { ReportRequestStore } from '../report-request-store';
import { FakeReportsApi } from '../test/fake-reports-api';
import { FixedClock } from '../test/fixed-clock';
import { lakeUncuratedReports } from '../uncurated-report-lookup';
import type { PutOptions } from '../versioned-store';
import {
  type CreateReportDeps,
  type CreateReportInput,
  createReportForWindow,
} from './create-report-for-window';

const HOUR = 3_600_000;
const DE = 'A1PA6795UKMFR9';

const ordersWindow: CreateReportInput = {
  sellingPartnerId: 'A1SELLER',
  region: 'EU',
  accountType: 'seller',
  reportConfigId: 'orders-daily',
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  marketplaceIds: [DE],
  window: { start: '2026-10-30T00:00:00Z', end: '2026-10-31T00:00:00Z' },
  dataStartTime: '2026-10-30T00:00:00Z',
  dataEndTime: '2026-10-30T23:59:59Z',
  reportOptions: {},
  awaitNotification: true,
  attempt: 1,
};

const vendorWeek: CreateReportInput = {
  ...ordersWindow,
  sellingPartnerId: 'A2VENDOR',
  region: 'NA',
  accountType: 'vendor',
  reportConfigId: 'vendor-sales-weekly',
  reportType: 'GET_VENDOR_SALES_REPORT',
  marketplaceIds: ['ATVPDKIKX0DER'],
  window: { start: '2026-10-18T00:00:00Z', end: '2026-10-25T00:00:00Z' },
  dataStartTime: '2026-10-18T00:00:00Z',
  dataEndTime: '2026-10-24T23:59:59Z',
  reportOptions: {
    reportPeriod: 'WEEK',
    distributorView: 'MANUFACTURING',
    sellingProgram: 'RETAIL',
  },
  awaitNotification: false,
};

const listings: CreateReportInput = {
  ...ordersWindow,
  reportConfigId: 'listings-daily',
  reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
  window: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' },
  dataStartTime: undefined,
  dataEndTime: undefined,
};

let directory: string;
let clock: FixedClock;
let api: FakeReportsApi;
let requests: ReportRequestStore;
let lake: InMemoryObjectStore;

function deps(overrides: Partial<CreateReportDeps> = {}): CreateReportDeps {
  return {
    reportsApiFor: async () => api,
    requests,
    uncuratedReports: lakeUncuratedReports(lake),
    clock,
    ...overrides,
  };
}

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'create-report-'));
  clock = new FixedClock(Date.parse('2026-11-01T02:00:00Z'));
  api = new FakeReportsApi(() => clock.now());
  requests = new LocalFileReportRequestStore(path.join(directory, 'report-requests.json'));
  lake = new InMemoryObjectStore();
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('createReportForWindow', () => {
  it('asks for exactly the window: one marketplace, the dates, no empty reportOptions', async () => {
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: '50000',
      outcome: 'CREATED',
    });
    expect(api.created).toEqual([
      {
        reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
        marketplaceIds: [DE],
        dataStartTime: '2026-10-30T00:00:00Z',
        dataEndTime: '2026-10-30T23:59:59Z',
      },
    ]);
  });

  it('sends the vendor report with its three options', async () => {
    await createReportForWindow(deps(), vendorWeek);
    expect(api.created[0]?.reportOptions).toEqual({
      reportPeriod: 'WEEK',
      distributorView: 'MANUFACTURING',
      sellingProgram: 'RETAIL',
    });
  });

  it('reuses the report of an identical request while it is in queue, in progress or freshly done', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: first.reportId,
      outcome: 'REUSED',
    });
    api.setStatus(first.reportId, 'IN_PROGRESS');
    await expect(createReportForWindow(deps(), { ...ordersWindow, attempt: 2 })).resolves.toEqual({
      reportId: first.reportId,
      outcome: 'REUSED',
    });
    api.setStatus(first.reportId, 'DONE');
    clock.advance(23 * HOUR);
    // DONE already: the execution is told to read its status rather than wait on a notification.
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: first.reportId,
      outcome: 'REUSED',
      done: true,
    });
    expect(api.count('createReport')).toBe(1);
    expect(api.count('getReports')).toBe(0);
  });

  it('asks again once the earlier report ended FATAL, is older than a day, or is gone', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    api.setStatus(first.reportId, 'FATAL');
    const second = await createReportForWindow(deps(), { ...ordersWindow, attempt: 2 });
    expect(second).toEqual({ reportId: '50001', outcome: 'CREATED' });

    api.setStatus(second.reportId, 'DONE');
    clock.advance(25 * HOUR);
    const third = await createReportForWindow(deps(), ordersWindow);
    expect(third.outcome).toBe('CREATED');

    api.reports.delete(third.reportId);
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toMatchObject({
      outcome: 'CREATED',
    });
    expect(api.count('createReport')).toBe(4);
  });

  it('reuses a DONE report kept uncurated for a week, and asks again once it landed', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    api.setStatus(first.reportId, 'DONE');
    // Its retrieval kept the raw copy: the document could not be curated. Only the record's
    // presence counts here (retrieval reads it).
    const ids = { sellingPartnerId: 'A1SELLER', reportId: first.reportId };
    await lake.putObject(uncuratedReportKey(ids), Buffer.from('{}'));
    clock.advance(3 * 24 * HOUR);

    await expect(createReportForWindow(deps(), { ...ordersWindow, attempt: 2 })).resolves.toEqual({
      reportId: first.reportId,
      outcome: 'REUSED_UNCURATED',
      done: true,
    });

    // A record left beside the manifest (its delete failed): the report has landed.
    await lake.putObject(manifestKey(ids), Buffer.from('{}'));
    const next = await createReportForWindow(deps(), { ...ordersWindow, attempt: 3 });
    expect(next).toEqual({ reportId: '50001', outcome: 'CREATED' });
    // Past Amazon's retention, a record reuses nothing.
    api.setStatus(next.reportId, 'DONE');
    await lake.putObject(
      uncuratedReportKey({ sellingPartnerId: 'A1SELLER', reportId: next.reportId }),
      Buffer.from('{}'),
    );
    api.reports.delete(next.reportId);
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toMatchObject({
      outcome: 'CREATED',
    });
    expect(api.count('createReport')).toBe(3);
  });

  it('asks for a new report once the uncurated one is a week old: the document may be what is broken', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    api.setStatus(first.reportId, 'DONE');
    const ids = { sellingPartnerId: 'A1SELLER', reportId: first.reportId };
    await lake.putObject(uncuratedReportKey(ids), Buffer.from('{}'));
    clock.advance(7 * 24 * HOUR - 60_000);
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toMatchObject({
      reportId: first.reportId,
      outcome: 'REUSED_UNCURATED',
    });

    clock.advance(2 * 60_000);
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: '50001',
      outcome: 'CREATED',
    });
  });

  it('asks again for a report stuck in queue or in progress for more than a day', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    api.setStatus(first.reportId, 'IN_PROGRESS');
    clock.advance(23 * HOUR);
    await expect(createReportForWindow(deps(), { ...ordersWindow, attempt: 2 })).resolves.toEqual({
      reportId: first.reportId,
      outcome: 'REUSED',
    });
    clock.advance(2 * HOUR);
    const second = await createReportForWindow(deps(), { ...ordersWindow, attempt: 3 });
    expect(second.outcome).toBe('CREATED');
    expect(second.reportId).not.toBe(first.reportId);
    expect(api.count('createReport')).toBe(2);
  });

  it('cancels a report stuck in queue before creating the new one', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    clock.advance(49 * HOUR);
    api.calls.length = 0;

    const second = await createReportForWindow(deps(), { ...ordersWindow, attempt: 2 });
    expect(second).toEqual({
      reportId: '50001',
      outcome: 'CREATED',
      abandoned: { reportId: first.reportId, processingStatus: 'IN_QUEUE', action: 'CANCELLED' },
    });
    expect(api.calls).toEqual(['getReport', 'cancelReport', 'createReport']);
    expect(api.reports.get(first.reportId)?.processingStatus).toBe('CANCELLED');
    // The new report is the one recorded: the next try reuses it and cancels nothing.
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: '50001',
      outcome: 'REUSED',
    });
    expect(api.count('cancelReport')).toBe(1);
  });

  it('leaves a report stuck in progress alone: it cannot be cancelled', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    api.setStatus(first.reportId, 'IN_PROGRESS');
    clock.advance(25 * HOUR);

    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: '50001',
      outcome: 'CREATED',
      abandoned: {
        reportId: first.reportId,
        processingStatus: 'IN_PROGRESS',
        action: 'LEFT_IN_PROGRESS',
      },
    });
    expect(api.count('cancelReport')).toBe(0);
    expect(api.reports.get(first.reportId)?.processingStatus).toBe('IN_PROGRESS');
  });

  it('creates the new report when the cancel is refused because the old one just started', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    clock.advance(49 * HOUR);
    const cancelReport = api.cancelReport.bind(api);
    // Amazon starts it between our getReport and cancelReport: the cancel meets a 400.
    api.cancelReport = async (reportId) => {
      api.setStatus(reportId, 'IN_PROGRESS');
      return cancelReport(reportId);
    };

    const second = await createReportForWindow(deps(), ordersWindow);
    expect(second).toMatchObject({
      reportId: '50001',
      outcome: 'CREATED',
      abandoned: {
        reportId: first.reportId,
        processingStatus: 'IN_QUEUE',
        action: 'CANCEL_FAILED',
      },
    });
    expect(second.abandoned?.cancelError).toBeInstanceOf(SpApiInvalidInputError);
    expect(api.calls.slice(-2)).toEqual(['cancelReport', 'createReport']);
  });

  it('leaves a stuck report in queue while a window that reused it may still wait on it', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    // Another config's window reused it up to 24 h after its creation and polls it for hours:
    // cancelling it now would make that window "no data".
    clock.advance(25 * HOUR);

    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: '50001',
      outcome: 'CREATED',
      abandoned: {
        reportId: first.reportId,
        processingStatus: 'IN_QUEUE',
        action: 'LEFT_IN_QUEUE',
      },
    });
    expect(api.count('cancelReport')).toBe(0);
    expect(api.reports.get(first.reportId)?.processingStatus).toBe('IN_QUEUE');
  });

  it('creates the new report when a throttled cancel stays throttled: the cancel is a courtesy', async () => {
    const first = await createReportForWindow(deps(), ordersWindow);
    clock.advance(49 * HOUR);
    api.cancelReport = async () => {
      throw new SpApiQuotaExceededError({
        operationId: 'cancelReport',
        status: 429,
        requestId: 'r-1',
        errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota' }],
      });
    };

    const second = await createReportForWindow(deps(), ordersWindow);
    expect(second).toMatchObject({
      reportId: '50001',
      outcome: 'CREATED',
      abandoned: { reportId: first.reportId, action: 'CANCEL_FAILED' },
    });
    expect(second.abandoned?.cancelError).toBeInstanceOf(SpApiQuotaExceededError);
    expect(api.count('createReport')).toBe(2);
  });

  it('keeps requests with other reportOptions apart', async () => {
    const manufacturing = await createReportForWindow(deps(), vendorWeek);
    const sourcing = await createReportForWindow(deps(), {
      ...vendorWeek,
      reportConfigId: 'vendor-sales-sourcing',
      reportOptions: { ...vendorWeek.reportOptions, distributorView: 'SOURCING' },
    });
    expect(sourcing.reportId).not.toBe(manufacturing.reportId);
    expect(api.count('createReport')).toBe(2);
  });

  it('adopts the report a try created before dying without recording it', async () => {
    const crashing = failingNthPut(requests, 2);
    await expect(createReportForWindow(deps({ requests: crashing }), ordersWindow)).rejects.toThrow(
      StateStoreUnavailableError,
    );
    expect(api.count('createReport')).toBe(1);

    clock.advance(60_000);
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: '50000',
      outcome: 'RECOVERED',
    });
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: '50000',
      outcome: 'REUSED',
    });
    expect(api.count('createReport')).toBe(1);
  });

  it('adopts that report when other reports of its type push it past the first page', async () => {
    const crashing = failingNthPut(requests, 2);
    await expect(createReportForWindow(deps({ requests: crashing }), ordersWindow)).rejects.toThrow(
      StateStoreUnavailableError,
    );
    // A backfill of other days of the same type and marketplace, created after ours.
    for (let day = 1; day <= 120; day += 1) {
      const start = new Date(Date.parse('2026-06-01T00:00:00Z') + day * 86_400_000);
      api.file({
        reportType: ordersWindow.reportType,
        marketplaceIds: [DE],
        dataStartTime: start.toISOString(),
        dataEndTime: new Date(start.getTime() + 86_399_000).toISOString(),
      });
    }

    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: '50000',
      outcome: 'RECOVERED',
    });
    expect(api.count('getReports')).toBe(2);
    expect(api.count('createReport')).toBe(1);
  });

  it('creates a new report rather than adopt one it cannot tell apart', async () => {
    await expect(
      createReportForWindow(deps({ requests: failingNthPut(requests, 2) }), ordersWindow),
    ).rejects.toThrow(StateStoreUnavailableError);
    // Someone else asked for the same type, marketplace and dates (options unknown to getReports).
    api.file(api.created[0] ?? { reportType: '', marketplaceIds: [] });

    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toEqual({
      reportId: '50002',
      outcome: 'CREATED',
    });
  });

  it('does not search while a request of the same slot with other options is pending', async () => {
    const crashing = failingNthPut(requests, 2);
    const sourcing = {
      ...vendorWeek,
      reportOptions: { ...vendorWeek.reportOptions, distributorView: 'SOURCING' },
    };
    await expect(createReportForWindow(deps({ requests: crashing }), sourcing)).rejects.toThrow();
    await expect(
      createReportForWindow(deps({ requests: failingNthPut(requests, 2) }), vendorWeek),
    ).rejects.toThrow();

    await expect(createReportForWindow(deps(), vendorWeek)).resolves.toMatchObject({
      outcome: 'CREATED',
    });
    expect(api.count('getReports')).toBe(0);
  });

  it("never adopts a report another config's request had before it asked again", async () => {
    // Sourcing's createReport answers 503: nothing was created, but it may have been, so its
    // request stays pending.
    const sourcing = {
      ...vendorWeek,
      reportConfigId: 'vendor-sales-sourcing',
      reportOptions: { ...vendorWeek.reportOptions, distributorView: 'SOURCING' },
    };
    const createReport = api.createReport.bind(api);
    api.createReport = async () => {
      throw new SpApiServerError({
        operationId: 'createReport',
        status: 503,
        requestId: 'r-1',
        errors: [{ code: 'InternalFailure', message: 'no' }],
      });
    };
    await expect(createReportForWindow(deps(), sourcing)).rejects.toBeInstanceOf(SpApiServerError);
    api.createReport = createReport;
    // Manufacturing gets report 50000, done; a day later its window is asked again: 50001.
    const manufacturing = await createReportForWindow(deps(), vendorWeek);
    api.setStatus(manufacturing.reportId, 'DONE');
    clock.advance(25 * HOUR);
    await expect(createReportForWindow(deps(), vendorWeek)).resolves.toMatchObject({
      reportId: '50001',
      outcome: 'CREATED',
    });

    // 50000 looks like sourcing's lost report to getReports (no options), but it is manufacturing's.
    const recovered = await createReportForWindow(deps(), sourcing);
    expect(recovered).toMatchObject({ outcome: 'CREATED' });
    expect(recovered.reportId).not.toBe(manufacturing.reportId);
  });

  it('forgets a request Amazon refused (429), but searches after a 5xx that may have gone through', async () => {
    const createReport = api.createReport.bind(api);
    const failure = (status: number) => ({
      operationId: 'createReport',
      status,
      requestId: 'r-1',
      errors: [{ code: status === 429 ? 'QuotaExceeded' : 'InternalFailure', message: 'no' }],
    });
    api.createReport = async () => {
      throw new SpApiQuotaExceededError(failure(429));
    };
    await expect(createReportForWindow(deps(), ordersWindow)).rejects.toBeInstanceOf(
      SpApiQuotaExceededError,
    );
    api.createReport = async () => {
      throw new SpApiServerError(failure(503));
    };
    await expect(createReportForWindow(deps(), vendorWeek)).rejects.toBeInstanceOf(
      SpApiServerError,
    );

    api.createReport = createReport;
    await expect(createReportForWindow(deps(), ordersWindow)).resolves.toMatchObject({
      outcome: 'CREATED',
    });
    expect(api.count('getReports')).toBe(0);
    await expect(createReportForWindow(deps(), vendorWeek)).resolves.toMatchObject({
      outcome: 'CREATED',
    });
    expect(api.count('getReports')).toBe(1);
  });

  it('refuses a vendor request missing an option before calling SP-API', async () => {
    const { distributorView: _dropped, ...twoOptions } = vendorWeek.reportOptions;
    const refused = createReportForWindow(deps(), { ...vendorWeek, reportOptions: twoOptions });
    await expect(refused).rejects.toBeInstanceOf(WindowPlanningError);
    await expect(refused).rejects.toThrow(
      'report config vendor-sales-weekly: GET_VENDOR_SALES_REPORT needs reportOptions distributorView',
    );
    expect(api.calls).toEqual([]);
  });

  it('refuses a period-aligned window that is not exactly one period', async () => {
    const monday = {
      ...vendorWeek,
      dataStartTime: '2026-10-19T00:00:00Z',
      dataEndTime: '2026-10-25T23:59:59Z',
    };
    await expect(createReportForWindow(deps(), monday)).rejects.toThrow(
      'is not exactly one WEEK (weeks run Sunday to Saturday)',
    );
    const rolling = { ...ordersWindow, dataStartTime: '2026-09-01T00:00:00Z' };
    await expect(createReportForWindow(deps(), rolling)).rejects.toThrow(
      'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL windows are at most 30 days',
    );
    await expect(
      createReportForWindow(deps(), {
        ...ordersWindow,
        reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
      }),
    ).rejects.toThrow('is generated by Amazon and cannot be requested');
    expect(api.calls).toEqual([]);
  });

  it('refuses, before any call, a window Amazon would cancel for starting over two years back', async () => {
    // 730 days before the clock's 2026-11-01T02:00Z is 2024-11-01T02:00Z.
    const old: CreateReportInput = {
      ...ordersWindow,
      window: { start: '2024-10-31T00:00:00Z', end: '2024-11-01T00:00:00Z' },
      dataStartTime: '2024-10-31T00:00:00Z',
      dataEndTime: '2024-10-31T23:59:59Z',
    };
    const refused = createReportForWindow(deps(), old);
    await expect(refused).rejects.toBeInstanceOf(WindowBeyondLookbackError);
    await expect(refused).rejects.toMatchObject({ retryable: false });
    expect(api.calls).toEqual([]);
    // Two days earlier the same window was inside the lookback: the check goes by the clock.
    const earlier = new FixedClock(Date.parse('2026-10-30T02:00:00Z'));
    await expect(createReportForWindow(deps({ clock: earlier }), old)).resolves.toMatchObject({
      outcome: 'CREATED',
    });
  });

  it('asks for a snapshot without dates, one request per day', async () => {
    const today = await createReportForWindow(deps(), listings);
    clock.advance(24 * HOUR);
    const tomorrow = await createReportForWindow(deps(), {
      ...listings,
      window: { start: '2026-11-02T00:00:00Z', end: '2026-11-03T00:00:00Z' },
    });
    expect(tomorrow.reportId).not.toBe(today.reportId);
    expect(api.created[0]).toEqual({
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceIds: [DE],
    });
  });
});

/** The store, except that its `n`-th put fails as if the Lambda died right there. */
function failingNthPut(store: ReportRequestStore, n: number): ReportRequestStore {
  let puts = 0;
  return {
    get: (key) => store.get(key),
    getMany: (keys) => store.getMany(keys),
    put: async (key, value, version, options?: PutOptions) => {
      puts += 1;
      if (puts === n) throw new StateStoreUnavailableError('the Lambda timed out here');
      return store.put(key, value, version, options);
    },
  };
}
