import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConfigurationError } from '@spapi-lake/config';
import { createLogger } from '@spapi-lake/observability';
import { uncuratedReportKey } from '@spapi-lake/lake';
import { WindowPlanningError } from '@spapi-lake/workflows';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handlerBuilders } from './main';
import {
  type SimulatedReportCreator,
  accountOf,
  startSimulatedReportCreator,
} from './test/simulated-report-creator';

const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const US = 'ATVPDKIKX0DER';
// The partners the sample events name.
const SELLER = {
  sellingPartnerId: 'A3EVENTSSELLER',
  accountType: 'seller',
  region: 'EU',
  marketplaceIds: [DE, FR],
} as const;
const VENDOR = {
  sellingPartnerId: 'A4EVENTSVENDOR',
  accountType: 'vendor',
  region: 'NA',
  marketplaceIds: [US],
} as const;

function event(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(__dirname, '..', 'events', `${name}.json`), 'utf8'));
}

let app: SimulatedReportCreator;
/** What the handlers' logger wrote (stdout and stderr). */
let stdout: string[];

beforeAll(async () => {
  app = await startSimulatedReportCreator({
    start: '2026-11-04T06:00:00Z',
    partners: [SELLER, VENDOR],
    logger: createLogger({ serviceName: 'report-creator' }),
  });
});
afterAll(() => app.stop());

beforeEach(() => {
  stdout = [];
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
  }
});
afterEach(() => jest.restoreAllMocks());

/** createReport calls the simulator answered for a partner. */
const createReportCalls = (sellingPartnerId: string) =>
  app.sim
    .requests()
    .filter((r) => r.operationId === 'createReport' && r.sellingPartnerId === sellingPartnerId)
    .length;

/** The simulator's record of a report: exactly what Amazon was asked for, and by whom. */
function groundTruth(reportId: string) {
  const truth = app.sim.groundTruth.report(reportId);
  if (truth === undefined) throw new Error(`the simulator knows no report ${reportId}`);
  const { spec } = truth;
  return {
    sellingPartnerId: spec.sellingPartnerId,
    reportType: spec.reportType,
    marketplaceIds: spec.marketplaceIds,
    dataStartTime: new Date(spec.dataStartTime).toISOString(),
    dataEndTime: new Date(spec.dataEndTime).toISOString(),
    reportOptions: spec.reportOptions,
  };
}

describe('createReport (events/create-report-*.json against the simulator)', () => {
  it('creates the seller orders report of the window with exactly its parameters', async () => {
    const { reportId } = await app.handlers.createReport(event('create-report-seller-orders'));
    expect(groundTruth(reportId)).toEqual({
      sellingPartnerId: SELLER.sellingPartnerId,
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      marketplaceIds: [DE],
      dataStartTime: '2026-11-03T00:00:00.000Z',
      dataEndTime: '2026-11-03T23:59:59.000Z',
      reportOptions: {},
    });
    const log = stdout.join('');
    expect(log).toContain('"message":"CreateReport done"');
    expect(log).toContain(`"reportId":"${reportId}"`);
    // Neither the refresh token nor an access token ever reaches the logs.
    expect(log).not.toMatch(/Atz[ar]\|/);
  });

  it('creates the vendor sales report with its three options, which Amazon then builds', async () => {
    const { reportId } = await app.handlers.createReport(event('create-report-vendor-sales'));
    expect(groundTruth(reportId)).toEqual({
      sellingPartnerId: VENDOR.sellingPartnerId,
      reportType: 'GET_VENDOR_SALES_REPORT',
      marketplaceIds: [US],
      dataStartTime: '2026-10-25T00:00:00.000Z',
      dataEndTime: '2026-10-31T23:59:59.000Z',
      reportOptions: {
        distributorView: 'MANUFACTURING',
        sellingProgram: 'RETAIL',
        reportPeriod: 'WEEK',
      },
    });
    expect(app.sim.groundTruth.report(reportId)?.outcome.kind).toBe('document');
  });

  it('creates the Brand Analytics report of one Sunday-to-Saturday week', async () => {
    const { reportId } = await app.handlers.createReport(
      event('create-report-brand-analytics-week'),
    );
    expect(groundTruth(reportId)).toEqual({
      sellingPartnerId: SELLER.sellingPartnerId,
      reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
      marketplaceIds: [DE],
      dataStartTime: '2026-10-25T00:00:00.000Z',
      dataEndTime: '2026-10-31T23:59:59.000Z',
      reportOptions: { reportPeriod: 'WEEK' },
    });
    expect(app.sim.groundTruth.report(reportId)?.outcome.kind).toBe('document');
  });

  it('creates one report when called twice for the same window (a retried task)', async () => {
    const before = createReportCalls(VENDOR.sellingPartnerId);
    const input = {
      ...event('create-report-vendor-sales'),
      window: { start: '2026-10-18T00:00:00Z', end: '2026-10-25T00:00:00Z' },
      dataStartTime: '2026-10-18T00:00:00Z',
      dataEndTime: '2026-10-24T23:59:59Z',
    };
    const first = await app.handlers.createReport(input);
    const second = await app.handlers.createReport(input);
    expect(second).toEqual(first);
    expect(createReportCalls(VENDOR.sellingPartnerId)).toBe(before + 1);
  });

  it('refuses a vendor report missing an option before calling SP-API', async () => {
    const before = app.sim.requests().length;
    const refused = app.handlers.createReport(event('create-report-vendor-sales-missing-option'));
    await expect(refused).rejects.toBeInstanceOf(WindowPlanningError);
    await expect(refused).rejects.toMatchObject({ name: 'WindowPlanningError' });
    expect(app.sim.requests()).toHaveLength(before);
  });
});

describe('createReport replacing a report stuck at Amazon for more than a day', () => {
  const HOUR = 3_600_000;
  let stuck: SimulatedReportCreator;
  beforeAll(async () => {
    stuck = await startSimulatedReportCreator({
      start: '2026-11-04T06:00:00Z',
      partners: [SELLER, VENDOR],
      logger: createLogger({ serviceName: 'report-creator' }),
      simulator: {
        // Seller orders wait three days in Amazon's queue; vendor sales never finish building.
        reports: {
          timing: {
            byReportType: {
              GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL: { inQueueMs: 72 * HOUR },
            },
          },
        },
        faults: { stuckInProgress: ['GET_VENDOR_SALES_REPORT'] },
      },
    });
  });
  afterAll(() => stuck.stop());

  // Narrowed to our types: historical Amazon-generated reports are generated on first read.
  const statusOf = (reportId: string) =>
    stuck.sim.groundTruth
      .reports({
        reportTypes: [
          'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
          'GET_VENDOR_SALES_REPORT',
        ],
      })
      .find((r) => r.reportId === reportId)?.processingStatus;
  const operationsOf = (sellingPartnerId: string) =>
    stuck.sim
      .requests()
      .filter((r) => r.sellingPartnerId === sellingPartnerId)
      .map((r) => `${r.operationId}:${r.status}`);

  it('cancels the one still in queue before creating the new one', async () => {
    const input = event('create-report-seller-orders');
    const { reportId: first } = await stuck.handlers.createReport(input);
    // Past the 24 h of reuse and the day a window that reused it may still wait on it.
    stuck.moveTo('2026-11-06T07:00:00Z');
    expect(statusOf(first)).toBe('IN_QUEUE');

    const { reportId: second } = await stuck.handlers.createReport({ ...input, attempt: 2 });
    expect(second).not.toBe(first);
    expect(statusOf(first)).toBe('CANCELLED');
    expect(operationsOf(SELLER.sellingPartnerId).slice(-3)).toEqual([
      'getReport:200',
      'cancelReport:200',
      'createReport:202',
    ]);
    const log = stdout.join('');
    expect(log).toContain(`"abandonedReportId":"${first}"`);
    expect(log).toContain('"abandonedReportAction":"CANCELLED"');
  });

  it('leaves the one in progress, which cannot be cancelled, and creates the new one', async () => {
    const input = event('create-report-vendor-sales');
    const { reportId: first } = await stuck.handlers.createReport(input);
    stuck.moveTo(new Date(stuck.clock.now() + 25 * HOUR).toISOString());
    expect(statusOf(first)).toBe('IN_PROGRESS');

    const { reportId: second } = await stuck.handlers.createReport({ ...input, attempt: 2 });
    expect(second).not.toBe(first);
    expect(statusOf(first)).toBe('IN_PROGRESS');
    expect(operationsOf(VENDOR.sellingPartnerId)).not.toContainEqual(
      expect.stringMatching(/^cancelReport:/),
    );
    expect(stdout.join('')).toContain('"abandonedReportAction":"LEFT_IN_PROGRESS"');
  });
});

describe('createReport for a window whose document the lake could not curate', () => {
  let uncurated: SimulatedReportCreator;
  beforeAll(async () => {
    uncurated = await startSimulatedReportCreator({
      start: '2026-11-04T06:00:00Z',
      partners: [SELLER],
      logger: createLogger({ serviceName: 'report-creator' }),
    });
  });
  afterAll(() => uncurated.stop());

  it('reuses the DONE report days later, so its retrieval curates the raw copy it kept', async () => {
    const input = event('create-report-seller-orders');
    const { reportId } = await uncurated.handlers.createReport(input);
    uncurated.moveTo('2026-11-04T07:00:00Z');
    const status = uncurated.sim.groundTruth
      .reports({ sellingPartnerId: SELLER.sellingPartnerId })
      .find((report) => report.reportId === reportId)?.processingStatus;
    expect(status).toBe('DONE');
    // What the retriever leaves when a document cannot be curated: the record (its body aside).
    await uncurated.lake.putObject(
      uncuratedReportKey({ sellingPartnerId: SELLER.sellingPartnerId, reportId }),
      Buffer.from('{}'),
    );
    uncurated.moveTo('2026-11-09T07:00:00Z');
    const before = uncurated.sim.requests().length;

    // DONE already: the execution reads its status at once instead of waiting on a notification.
    await expect(uncurated.handlers.createReport({ ...input, attempt: 2 })).resolves.toEqual({
      reportId,
      done: true,
    });

    expect(
      uncurated.sim
        .requests()
        .slice(before)
        .map((r) => `${r.operationId}:${r.status}`),
    ).toEqual(['getReport:200']);
    expect(stdout.join('')).toContain('"outcome":"REUSED_UNCURATED"');
  });
});

describe('the fan-out Lambdas (events/plan-windows.json, claim-, complete-, record-window-failure.json)', () => {
  beforeAll(() =>
    app.configure(
      [accountOf(SELLER), accountOf(VENDOR)],
      [
        {
          id: 'orders-by-order-date',
          reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
          accountTypes: ['seller'],
          windowDays: 1,
          lagHours: 1,
          schedule: 'daily',
        },
      ],
    ),
  );

  it('plans the window of the sample claim, then claims, fails and completes it', async () => {
    const plan = await app.handlers.planWindows(event('plan-windows'));
    const claimEvent = event('claim-window');
    await app.lanes.put(
      String(Reflect.get(Object(claimEvent['lane']), 'key')),
      { watermark: '2026-11-03T00:00:00Z' },
      undefined,
    );
    const replanned = await app.handlers.planWindows(event('plan-windows'));
    expect(plan.lanes.map((l) => l.lane.key)).toEqual([
      `A3EVENTSSELLER#EU#orders-by-order-date#${DE}`,
      `A3EVENTSSELLER#EU#orders-by-order-date#${FR}`,
    ]);
    expect(replanned.lanes[0]?.windows).toEqual([claimEvent['window']]);

    await expect(app.handlers.claimWindow(claimEvent)).resolves.toEqual({ claimed: true });
    await expect(app.handlers.recordWindowFailure(event('record-window-failure'))).resolves.toEqual(
      {
        skip: false,
        outcome: 'BLOCKED',
        errorName: 'ReportFatalError',
        attempts: 1,
        reason: 'Requested data is not yet available',
      },
    );
    await expect(app.handlers.completeWindow(event('complete-window'))).resolves.toEqual({
      watermark: '2026-11-04T00:00:00Z',
    });
  });
});

describe('the AWS composition root', () => {
  const ssm = mockClient(SSMClient);
  const dynamo = mockClient(DynamoDBDocumentClient);
  afterEach(() => {
    ssm.reset();
    dynamo.reset();
  });
  afterAll(() => {
    ssm.restore();
    dynamo.restore();
  });

  it('plans from SSM and the DynamoDB state table named by the environment', async () => {
    const parameters: Record<string, string> = {
      '/spapi-lake/prod/accounts': JSON.stringify([accountOf(SELLER)]),
      '/spapi-lake/prod/report-configs': JSON.stringify([
        {
          id: 'orders-daily',
          reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
          accountTypes: ['seller'],
          windowDays: 1,
          schedule: 'daily',
        },
      ]),
    };
    ssm.on(GetParameterCommand).callsFake((input: { Name?: string }) => ({
      Parameter: { Name: input.Name, Value: parameters[input.Name ?? ''] ?? '{}' },
    }));
    dynamo.on(BatchGetCommand).resolves({ Responses: { 'spapi-lake-lane-states': [] } });
    const planWindows = handlerBuilders.planWindows({
      PARAMETER_PREFIX: '/spapi-lake/prod',
      LANE_STATE_TABLE: 'spapi-lake-lane-states',
      AWS_REGION: 'eu-west-1',
    });
    const plan = await planWindows(event('plan-windows'));
    expect(plan.lanes.map((l) => l.windows.map((w) => w.executionName))).toHaveLength(2);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, {
      Name: '/spapi-lake/prod/accounts',
    });
    expect(
      dynamo.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems?.[
        'spapi-lake-lane-states'
      ]?.Keys,
    ).toEqual([
      { pk: `lane#A3EVENTSSELLER#EU#orders-daily#${DE}` },
      { pk: `lane#A3EVENTSSELLER#EU#orders-daily#${FR}` },
    ]);
  });

  it('gives each function only its variables, and refuses an environment without them', () => {
    const lanesOnly = { LANE_STATE_TABLE: 'spapi-lake-lane-states', AWS_REGION: 'eu-west-1' };
    expect(handlerBuilders.claimWindow(lanesOnly)).toEqual(expect.any(Function));
    expect(() => handlerBuilders.planWindows(lanesOnly)).toThrow(
      new ConfigurationError('Invalid environment: env PARAMETER_PREFIX: required'),
    );
    expect(() => handlerBuilders.createReport({ PARAMETER_PREFIX: '/spapi-lake/prod' })).toThrow(
      'Invalid environment: env REPORT_REQUEST_TABLE: required; env TOKEN_BROKER_FUNCTION: required; ' +
        'env CURATED_BUCKET: required',
    );
  });
});
