import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configParameterNames } from '@spapi-lake/config';
import { SpApiInvalidInputError, SpApiQuotaExceededError } from '@spapi-lake/sp-api';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { TaskInputError } from './errors';
import { InMemoryParameterSource } from './in-memory-parameter-source';
import { localReportCreatorStores } from './local-report-creator-stores';
import { type ReportCreatorHandlers, createReportCreatorHandlers } from './report-creator-handlers';
import { lakeUncuratedReports } from './uncurated-report-lookup';
import { FakeReportsApi } from './test/fake-reports-api';
import { FixedClock } from './test/fixed-clock';
import { RecordingLogger } from './test/recording-logger';

const names = configParameterNames('/spapi-lake/test');
const DE = 'A1PA6795UKMFR9';
const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:ingestion';
const createEvent = {
  sellingPartnerId: 'A1SELLER',
  region: 'EU',
  accountType: 'seller',
  reportConfigId: 'orders-daily',
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  marketplaceIds: [DE],
  window: { start: '2026-10-31T00:00:00Z', end: '2026-11-01T00:00:00Z' },
  dataStartTime: '2026-10-31T00:00:00Z',
  dataEndTime: '2026-10-31T23:59:59Z',
  reportOptions: {},
  awaitNotification: true,
  attempt: 1,
};

let directory: string;
let clock: FixedClock;
let api: FakeReportsApi;
let logger: RecordingLogger;
let handlers: ReportCreatorHandlers;
let parameters: InMemoryParameterSource;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'report-creator-handlers-'));
  clock = new FixedClock(Date.parse('2026-11-01T02:00:00Z'));
  api = new FakeReportsApi(() => clock.now());
  logger = new RecordingLogger();
  parameters = new InMemoryParameterSource({
    [names.accounts]: JSON.stringify([
      {
        sellingPartnerId: 'A1SELLER',
        accountType: 'seller',
        region: 'EU',
        marketplaceIds: [DE],
        refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A1SELLER/EU',
      },
    ]),
    [names.reportConfigs]: JSON.stringify([
      {
        id: 'orders-daily',
        reportType: createEvent.reportType,
        accountTypes: ['seller'],
        windowDays: 1,
        schedule: 'daily',
      },
    ]),
  });
  handlers = createReportCreatorHandlers({
    logger,
    clock,
    parameters,
    parameterNames: names,
    ...localReportCreatorStores(directory),
    reportsApiFor: async () => api,
    uncuratedReports: lakeUncuratedReports(new InMemoryObjectStore()),
  });
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('report-creator handlers', () => {
  it('answers CreateReport with the report id and logs the outcome with the correlation keys', async () => {
    await expect(handlers.createReport(createEvent)).resolves.toEqual({ reportId: '50000' });
    expect(logger.entries).toEqual([
      {
        level: 'info',
        message: 'CreateReport done',
        attributes: [
          expect.objectContaining({
            sellingPartnerId: 'A1SELLER',
            reportConfigId: 'orders-daily',
            marketplaceId: DE,
            windowStart: '2026-10-31T00:00:00Z',
            reportId: '50000',
            outcome: 'CREATED',
          }),
        ],
      },
    ]);
  });

  it('names the stuck report a new one replaces, and warns when it could not be cancelled', async () => {
    await handlers.createReport(createEvent);
    clock.advance(49 * 3_600_000);
    await expect(handlers.createReport({ ...createEvent, attempt: 2 })).resolves.toEqual({
      reportId: '50001',
    });
    expect(logger.entries[1]?.attributes).toEqual([
      expect.objectContaining({
        reportId: '50001',
        outcome: 'CREATED',
        abandonedReportId: '50000',
        abandonedReportStatus: 'IN_QUEUE',
        abandonedReportAction: 'CANCELLED',
      }),
    ]);

    clock.advance(49 * 3_600_000);
    const cancelReport = api.cancelReport.bind(api);
    api.cancelReport = async (reportId) => {
      api.setStatus(reportId, 'IN_PROGRESS'); // Amazon starts it just before the cancel arrives
      return cancelReport(reportId);
    };
    await expect(handlers.createReport({ ...createEvent, attempt: 3 })).resolves.toEqual({
      reportId: '50002',
    });
    expect(logger.entries.slice(2)).toEqual([
      {
        level: 'warn',
        message: 'abandoned report not cancelled: the new report is created anyway',
        attributes: [
          expect.objectContaining({
            sellingPartnerId: 'A1SELLER',
            attempt: 3,
            abandonedReportId: '50001',
            error: expect.any(SpApiInvalidInputError),
          }),
        ],
      },
      {
        level: 'info',
        message: 'CreateReport done',
        attributes: [
          expect.objectContaining({
            reportId: '50002',
            abandonedReportId: '50001',
            abandonedReportAction: 'CANCEL_FAILED',
          }),
        ],
      },
    ]);
  });

  it('refuses an event that is not the Task input, naming the bad paths', async () => {
    const bad = { ...createEvent, region: 'XX', reportOptions: { custom: true } };
    const refused = handlers.createReport(bad);
    await expect(refused).rejects.toBeInstanceOf(TaskInputError);
    await expect(refused).rejects.toThrow(
      /region: .*; reportOptions\.custom: reportOptions values must be strings/,
    );
    expect(api.calls).toEqual([]);
    expect(logger.entries.map((e) => [e.level, e.message])).toEqual([
      ['error', 'CreateReport input rejected'],
    ]);
  });

  it('lets an SP-API error through under its name, logged once', async () => {
    const quota = new SpApiQuotaExceededError({
      operationId: 'createReport',
      status: 429,
      requestId: 'r-1',
      errors: [
        { code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' },
      ],
    });
    api.createReport = async () => {
      throw quota;
    };
    await expect(handlers.createReport(createEvent)).rejects.toMatchObject({
      name: 'SpApiQuotaExceededError',
    });
    expect(logger.entries.map((e) => [e.level, e.message])).toEqual([
      ['error', 'CreateReport failed'],
    ]);
  });

  it('plans, claims and completes a window through the Task contracts', async () => {
    const plan = await handlers.planWindows({
      now: '2026-11-02T06:00:01Z',
      ingestionStateMachineArn: ARN,
      request: { scheduledTime: '2026-11-02T06:00:00Z' },
    });
    const [lane] = plan.lanes;
    const window = lane?.windows[0];
    if (lane === undefined || window === undefined) throw new Error('nothing planned');
    expect(window.input.window).toEqual({
      start: '2026-11-01T00:00:00Z',
      end: '2026-11-02T00:00:00Z',
    });
    await expect(handlers.claimWindow({ lane: lane.lane, window })).resolves.toEqual({
      claimed: true,
    });
    await expect(
      handlers.completeWindow({
        lane: lane.lane,
        window,
        result: { outcome: 'SUCCEEDED', executionArn: window.executionArn },
      }),
    ).resolves.toEqual({ watermark: '2026-11-02T00:00:00Z' });
    await expect(
      handlers.recordWindowFailure({
        lane: lane.lane,
        window,
        failure: { Error: 'States.TaskFailed', Cause: '{"Error":"ReportFatalError"}' },
        maxFatalAttempts: 3,
      }),
    ).resolves.toEqual({
      skip: false,
      outcome: 'BLOCKED',
      errorName: 'ReportFatalError',
      attempts: 1,
    });
  });

  it("warns of the days a backfill from three years back skips beyond Amazon's lookback", async () => {
    parameters.set(
      names.reportConfigs,
      JSON.stringify([{ ...ordersDaily(), startDate: '2023-11-01' }]),
    );
    const plan = await handlers.planWindows({
      now: '2026-11-02T06:00:01Z',
      ingestionStateMachineArn: ARN,
      request: { scheduledTime: '2026-11-02T06:00:00Z' },
    });
    expect(plan.lanes[0]?.windows[0]?.input.window.start).toBe('2024-11-11T00:00:00Z');
    expect(plan.beyondLookback).toHaveLength(1);
    expect(logger.entries.filter((e) => e.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'lane days beyond the lookback are never requested',
        attributes: [
          expect.objectContaining({
            laneKey: `A1SELLER#EU#orders-daily#${DE}`,
            from: '2023-11-01T00:00:00Z',
            to: '2024-11-11T00:00:00Z',
            reason: expect.stringContaining("beyond Amazon's 730-day lookback"),
          }),
        ],
      },
    ]);
    expect(logger.entries.at(-1)?.attributes).toEqual([
      expect.objectContaining({ beyondLookback: 1 }),
    ]);
  });

  it('logs why a report config is left out, under a key the logger keeps', async () => {
    parameters.set(
      names.reportConfigs,
      JSON.stringify([
        ordersDaily(),
        { id: 'broken', reportType: createEvent.reportType, windowDays: -1 },
      ]),
    );
    const plan = await handlers.planWindows({
      now: '2026-11-02T06:00:01Z',
      ingestionStateMachineArn: ARN,
      request: { scheduledTime: '2026-11-02T06:00:00Z' },
    });
    expect(plan.invalidReportConfigs).toHaveLength(1);
    const logged = logger.entries.filter(
      (e) => e.message === 'report config is invalid and left out',
    );
    expect(logged).toEqual([
      {
        level: 'error',
        message: 'report config is invalid and left out',
        attributes: [
          expect.objectContaining({ reportConfigId: 'broken', reason: expect.any(String) }),
        ],
      },
    ]);
    // Powertools drops an attribute named `message`: the reason must not travel under it.
    expect(logged[0]?.attributes[0]).not.toHaveProperty('message');
  });

  it('takes a claim over through the TakeOverClaim contract, naming the refused holder', async () => {
    const plan = await handlers.planWindows({
      now: '2026-11-02T06:00:01Z',
      ingestionStateMachineArn: ARN,
      request: { scheduledTime: '2026-11-02T06:00:00Z' },
    });
    const [lane] = plan.lanes;
    const window = lane?.windows[0];
    if (lane === undefined || window === undefined) throw new Error('nothing planned');
    const holder = { ...window, executionName: 'dead-run', executionArn: `${ARN}:dead-run` };
    await handlers.claimWindow({ lane: lane.lane, window: holder });

    const refused = await handlers.claimWindow({ lane: lane.lane, window });
    expect(refused).toEqual({
      claimed: false,
      reason: 'claimed-by-another-run',
      holder: holder.executionArn,
    });
    await expect(
      handlers.claimWindow({
        lane: lane.lane,
        window,
        takeOver: { executionArn: refused.holder, status: 'ABORTED' },
      }),
    ).resolves.toEqual({ claimed: true });
  });
});

// A daily orders report config for sellers.
function ordersDaily() {
  return {
    id: 'orders-daily',
    reportType: createEvent.reportType,
    accountTypes: ['seller'],
    windowDays: 1,
    schedule: 'daily',
  };
}
