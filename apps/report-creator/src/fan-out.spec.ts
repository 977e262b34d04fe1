import { FanOutStateName as S, type LaneRunSummary, fanOutDefinition } from '@spapi-lake/workflows';
import { type RunOptions, StateMachine } from 'aws-local-stepfunctions';
import { z } from 'zod';
import {
  type SimulatedReportCreator,
  accountOf,
  startSimulatedReportCreator,
} from './test/simulated-report-creator';

const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const US = 'ATVPDKIKX0DER';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const SELLER = {
  sellingPartnerId: 'A5FANOUTSELLER',
  accountType: 'seller',
  region: 'EU',
  marketplaceIds: [DE, FR],
} as const;
const VENDOR = {
  sellingPartnerId: 'A6FANOUTVENDOR',
  accountType: 'vendor',
  region: 'NA',
  marketplaceIds: [US],
} as const;
const PAUSED = {
  sellingPartnerId: 'A7PAUSEDSELLER',
  accountType: 'seller',
  region: 'EU',
  marketplaceIds: [DE],
} as const;

const REPORT_CONFIGS = [
  {
    id: 'orders-by-order-date',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    accountTypes: ['seller'],
    windowDays: 1,
    maxWindowDays: 3,
    lagHours: 1,
    startDate: '2026-10-30',
    schedule: 'daily',
  },
  {
    id: 'brand-analytics-search-terms-weekly',
    reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
    accountTypes: ['seller', 'vendor'],
    period: 'WEEK',
    startDate: '2026-10-25',
    schedule: 'weekly',
  },
  {
    id: 'vendor-sales-weekly',
    reportType: 'GET_VENDOR_SALES_REPORT',
    accountTypes: ['vendor'],
    period: 'WEEK',
    reportOptions: { distributorView: 'MANUFACTURING', sellingProgram: 'RETAIL' },
    startDate: '2026-10-11',
    schedule: 'weekly',
  },
  {
    id: 'listings-daily',
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    accountTypes: ['seller'],
    windowDays: 1,
    schedule: 'daily',
  },
];
const LAG_HOURS: Record<string, number> = {
  'orders-by-order-date': 1,
  'brand-analytics-search-terms-weekly': 72,
  'vendor-sales-weekly': 72,
};

const fn = (name: string) =>
  `arn:aws:lambda:eu-west-1:123456789012:function:spapi-lake-report-creator-${name}`;
const INGESTION = 'arn:aws:states:eu-west-1:123456789012:stateMachine:spapi-lake-report-ingestion';

/** What the IngestWindow stand-in (startExecution.sync) receives. */
const StartExecutionTask = z.object({
  Name: z.string(),
  Input: z.looseObject({
    reportConfigId: z.string(),
    sellingPartnerId: z.string(),
    region: z.string(),
    marketplaceIds: z.tuple([z.string()]),
    window: z.object({ start: z.string(), end: z.string() }),
    attempt: z.number(),
  }),
});

interface Ingested {
  readonly lane: string;
  readonly start: string;
  readonly end: string;
  readonly attempt: number;
  readonly reportId: string;
  readonly ranAt: number;
}

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type LocalHandler = LocalHandlers[string];

function taskFailed(description: object): Error {
  const error = new Error(JSON.stringify(description));
  error.name = 'States.TaskFailed';
  return error;
}

let app: SimulatedReportCreator;

beforeAll(async () => {
  app = await startSimulatedReportCreator({
    start: '2026-11-04T06:00:00Z',
    partners: [SELLER, VENDOR, PAUSED],
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  await app.configure(
    [
      accountOf(SELLER),
      accountOf(VENDOR),
      accountOf(PAUSED, { status: 'reauthorization-required' }),
    ],
    REPORT_CONFIGS,
  );
});
afterAll(() => app.stop());

describe('the fan-out state machine over several simulated days', () => {
  it('ingests every lane in windows that never gap or overlap, honouring max windows, periods and lags', async () => {
    const machine = new StateMachine(
      JSON.parse(
        JSON.stringify(
          fanOutDefinition({
            planWindowsFunctionArn: fn('plan-windows'),
            claimWindowFunctionArn: fn('claim-window'),
            completeWindowFunctionArn: fn('complete-window'),
            recordWindowFailureFunctionArn: fn('record-window-failure'),
            ingestionStateMachineArn: INGESTION,
          }),
        ),
      ),
    );
    const ingested: Ingested[] = [];
    const failed: Ingested[] = [];
    let failNextOrdersDe = false;

    // startExecution.sync stand-in: the ingestion's CreateReport is our handler; the rest succeeds
    // (or, once, ends FATAL as Amazon would for data not yet available).
    const ingestWindow: LocalHandler = async (task) => {
      const { Name, Input } = StartExecutionTask.parse(task);
      const { reportId } = await app.handlers.createReport(Input);
      const lane = [
        Input.sellingPartnerId,
        Input.region,
        Input.reportConfigId,
        Input.marketplaceIds[0],
      ].join('#');
      const entry = {
        lane,
        ...Input.window,
        attempt: Input.attempt,
        reportId,
        ranAt: app.clock.now(),
      };
      const executionArn = `${INGESTION.replace(':stateMachine:', ':execution:')}:${Name}`;
      if (
        failNextOrdersDe &&
        Input.reportConfigId === 'orders-by-order-date' &&
        Input.marketplaceIds[0] === DE
      ) {
        failNextOrdersDe = false;
        failed.push(entry);
        throw taskFailed({
          ExecutionArn: executionArn,
          Status: 'FAILED',
          Error: 'ReportFatalError',
          Cause: 'Requested data is not yet available',
        });
      }
      ingested.push(entry);
      return {
        ExecutionArn: executionArn,
        Status: 'SUCCEEDED',
        Output: { outcome: 'DONE', reportId, window: Input.window },
      };
    };
    const local =
      (handler: (event: unknown) => Promise<unknown>): LocalHandler =>
      async (input) =>
        JSON.parse(JSON.stringify(await handler(input)));
    const overrides = {
      taskResourceLocalHandlers: {
        [S.PlanWindows]: local(app.handlers.planWindows),
        [S.ClaimWindow]: local(app.handlers.claimWindow),
        [S.TakeOverClaim]: local(app.handlers.claimWindow),
        [S.CompleteWindow]: local(app.handlers.completeWindow),
        [S.RecordWindowFailure]: local(app.handlers.recordWindowFailure),
        [S.IngestWindow]: ingestWindow,
      },
    };

    const summaries: Record<string, LaneRunSummary[]> = {};
    for (let day = 4; day <= 9; day += 1) {
      const scheduledTime = `2026-11-0${day}T06:00:00Z`;
      app.moveTo(scheduledTime);
      failNextOrdersDe = day === 6;
      const execution = machine.run({ scheduledTime }, { overrides });
      summaries[scheduledTime] = z.array(z.custom<LaneRunSummary>()).parse(await execution.result);
    }

    // The failed window blocked its lane for that run only, and was tried again the next day.
    const blocked = summaries['2026-11-06T06:00:00Z']?.filter((s) => s.status === 'BLOCKED');
    expect(blocked?.map((s) => [s.lane.key, s.windowsCompleted])).toEqual([
      [`A5FANOUTSELLER#EU#orders-by-order-date#${DE}`, 0],
    ]);
    expect(failed.map((f) => [f.start, f.attempt])).toEqual([['2026-11-05T00:00:00Z', 1]]);
    expect(
      ingested.find(
        (i) => i.lane.endsWith(`orders-by-order-date#${DE}`) && i.start === '2026-11-05T00:00:00Z',
      )?.attempt,
    ).toBe(2);

    // Per lane: consecutive windows, from the start date to the stored watermark.
    const lanes = new Map<string, Ingested[]>();
    for (const entry of ingested) lanes.set(entry.lane, [...(lanes.get(entry.lane) ?? []), entry]);
    const spans = Object.fromEntries(
      [...lanes.entries()].map(([lane, windows]) => [
        lane,
        windows.map((w) => `${w.start.slice(5, 10)}..${w.end.slice(5, 10)}`),
      ]),
    );
    expect(spans).toEqual({
      [`A5FANOUTSELLER#EU#orders-by-order-date#${DE}`]: [
        '10-30..11-02',
        '11-02..11-04',
        '11-04..11-05',
        // The retry of the failed day catches up with the next one (windows of up to 3 days).
        '11-05..11-07',
        '11-07..11-08',
        '11-08..11-09',
      ],
      [`A5FANOUTSELLER#EU#orders-by-order-date#${FR}`]: [
        '10-30..11-02',
        '11-02..11-04',
        '11-04..11-05',
        '11-05..11-06',
        '11-06..11-07',
        '11-07..11-08',
        '11-08..11-09',
      ],
      [`A5FANOUTSELLER#EU#brand-analytics-search-terms-weekly#${DE}`]: ['10-25..11-01'],
      [`A5FANOUTSELLER#EU#brand-analytics-search-terms-weekly#${FR}`]: ['10-25..11-01'],
      [`A6FANOUTVENDOR#NA#brand-analytics-search-terms-weekly#${US}`]: ['10-25..11-01'],
      [`A6FANOUTVENDOR#NA#vendor-sales-weekly#${US}`]: [
        '10-11..10-18',
        '10-18..10-25',
        '10-25..11-01',
      ],
      [`A5FANOUTSELLER#EU#listings-daily#${DE}`]: [
        '11-04..11-05',
        '11-05..11-06',
        '11-06..11-07',
        '11-07..11-08',
        '11-08..11-09',
        '11-09..11-10',
      ],
      [`A5FANOUTSELLER#EU#listings-daily#${FR}`]: [
        '11-04..11-05',
        '11-05..11-06',
        '11-06..11-07',
        '11-07..11-08',
        '11-08..11-09',
        '11-09..11-10',
      ],
    });
    const watermarks = await app.lanes.getMany([...lanes.keys()]);
    for (const [lane, windows] of lanes) {
      windows.slice(1).forEach((w, i) => expect(w.start).toBe(windows[i]?.end));
      expect(watermarks.get(lane)?.watermark).toBe(windows.at(-1)?.end);
      const configId = lane.split('#')[2] ?? '';
      for (const w of windows) {
        const lag = LAG_HOURS[configId];
        if (lag !== undefined) expect(Date.parse(w.end)).toBeLessThanOrEqual(w.ranAt - lag * HOUR);
        if (configId === 'orders-by-order-date') {
          expect(Date.parse(w.end) - Date.parse(w.start)).toBeLessThanOrEqual(3 * DAY);
        }
        if (lag === 72) expect(new Date(w.start).getUTCDay()).toBe(0);
      }
    }
    expect([...lanes.keys()].some((lane) => lane.startsWith('A7PAUSEDSELLER'))).toBe(false);

    // What Amazon was asked for is exactly each window (dates inclusive, one marketplace).
    for (const w of ingested) {
      const spec = app.sim.groundTruth.report(w.reportId)?.spec;
      const [, , configId, marketplaceId] = w.lane.split('#');
      expect(spec?.marketplaceIds).toEqual([marketplaceId]);
      if (configId !== 'listings-daily') {
        expect([
          Date.parse(spec?.dataStartTime ?? ''),
          Date.parse(spec?.dataEndTime ?? ''),
        ]).toEqual([Date.parse(w.start), Date.parse(w.end) - 1000]);
      }
    }
    const asked = app.sim
      .requests()
      .filter((r) => r.operationId === 'createReport' && r.status === 202);
    expect(asked.length).toBeLessThanOrEqual(ingested.length + failed.length);
  }, 30_000);
});
