import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type AccountInput,
  type ReportConfigInput,
  ConfigurationError,
  parseAccounts,
  parseReportConfigEntries,
  parseReportConfigs,
} from '@spapi-lake/config';
import { laneKey } from '@spapi-lake/workflows';
import type { LaneStateStore } from '../lane-state-store';
import { LocalFileLaneStateStore } from '../local-file-lane-state-store';
import {
  MAX_REPORTED_ENTRIES,
  type PlanFanOutDeps,
  byPartnerInTurn,
  fanOutPlanResult,
  planFanOut,
} from './plan-fan-out';

const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const US = 'ATVPDKIKX0DER';
const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:spapi-lake-report-ingestion';

const seller: AccountInput = {
  sellingPartnerId: 'A1SELLER',
  accountType: 'seller',
  region: 'EU',
  marketplaceIds: [DE, FR],
  refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A1SELLER/EU',
};
const vendor: AccountInput = {
  sellingPartnerId: 'A2VENDOR',
  accountType: 'vendor',
  region: 'NA',
  marketplaceIds: [US],
  refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A2VENDOR/NA',
};
const orders: ReportConfigInput = {
  id: 'orders-daily',
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  accountTypes: ['seller', 'vendor'],
  windowDays: 1,
  schedule: 'daily',
};
const vendorSales: ReportConfigInput = {
  id: 'vendor-sales-weekly',
  reportType: 'GET_VENDOR_SALES_REPORT',
  accountTypes: ['vendor'],
  period: 'WEEK',
  reportOptions: { distributorView: 'MANUFACTURING', sellingProgram: 'RETAIL' },
  schedule: 'weekly',
};

let directory: string;
let lanes: LaneStateStore;

function deps(accounts: AccountInput[], configs: ReportConfigInput[]): PlanFanOutDeps {
  return {
    config: async () => ({
      accounts: parseAccounts(accounts),
      reportConfigs: parseReportConfigs(configs),
    }),
    lanes,
  };
}

const at = (scheduledTime: string) => ({
  now: '2026-11-05T06:00:07.123Z',
  ingestionStateMachineArn: ARN,
  request: { scheduledTime },
});

const windowsOf = (plan: Awaited<ReturnType<typeof planFanOut>>) =>
  plan.lanes.map((l) => [
    l.lane.key,
    l.windows.map((w) => [w.input.window.start, w.input.window.end]),
  ]);

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'plan-fan-out-'));
  lanes = new LocalFileLaneStateStore(path.join(directory, 'lane-states.json'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('planFanOut', () => {
  it('plans one lane per (account, report config, marketplace), each from its own watermark', async () => {
    await lanes.put(
      laneKey('A1SELLER', 'EU', 'orders-daily', FR),
      { watermark: '2026-11-02T00:00:00Z' },
      undefined,
    );
    const plan = await planFanOut(
      deps([seller, vendor], [orders, vendorSales]),
      at('2026-11-05T06:00:00Z'),
    );
    // Partners take turns (quotas are per partner): the vendor's lane runs beside the seller's first.
    expect(windowsOf(plan)).toEqual([
      [`A1SELLER#EU#orders-daily#${DE}`, [['2026-11-04T00:00:00Z', '2026-11-05T00:00:00Z']]],
      // Orders are seller-only whatever the config lists; vendor sales need the week to be over + 80 h.
      [`A2VENDOR#NA#vendor-sales-weekly#${US}`, [['2026-10-25T00:00:00Z', '2026-11-01T00:00:00Z']]],
      [
        `A1SELLER#EU#orders-daily#${FR}`,
        [
          ['2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z'],
          ['2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z'],
          ['2026-11-04T00:00:00Z', '2026-11-05T00:00:00Z'],
        ],
      ],
    ]);
    expect(plan.problems).toEqual([]);
    const vendorWindow = plan.lanes[1]?.windows[0];
    expect(vendorWindow?.input).toMatchObject({
      dataStartTime: '2026-10-25T00:00:00Z',
      dataEndTime: '2026-10-31T23:59:59Z',
      reportOptions: {
        reportPeriod: 'WEEK',
        distributorView: 'MANUFACTURING',
        sellingProgram: 'RETAIL',
      },
      awaitNotification: false,
    });
    expect(vendorWindow?.executionArn).toBe(
      `${ARN.replace(':stateMachine:', ':execution:')}:${vendorWindow?.executionName}`,
    );
  });

  it('skips accounts that are not active and configs that are disabled or filtered out', async () => {
    const paused = { ...seller, status: 'reauthorization-required' as const };
    await expect(
      planFanOut(
        deps([paused, vendor], [orders, { ...vendorSales, enabled: false }]),
        at('2026-11-05T06:00:00Z'),
      ),
    ).resolves.toEqual({ lanes: [], problems: [], invalidReportConfigs: [], beyondLookback: [] });
    const filtered = await planFanOut(deps([seller, vendor], [orders, vendorSales]), {
      ...at('2026-11-05T06:00:00Z'),
      request: { scheduledTime: '2026-11-05T06:00:00Z', sellingPartnerIds: ['A2VENDOR'] },
    });
    expect(filtered.lanes.map((l) => l.lane.key)).toEqual([
      `A2VENDOR#NA#vendor-sales-weekly#${US}`,
    ]);
  });

  it('reports a config missing a required option instead of planning a FATAL report', async () => {
    const { reportOptions: _options, ...noOptions } = vendorSales;
    const plan = await planFanOut(
      deps([seller, vendor], [orders, noOptions]),
      at('2026-11-05T06:00:00Z'),
    );
    expect(plan.lanes.map((l) => l.lane.reportConfigId)).toEqual(['orders-daily', 'orders-daily']);
    expect(plan.problems).toEqual([
      {
        sellingPartnerId: 'A2VENDOR',
        region: 'NA',
        reportConfigId: 'vendor-sales-weekly',
        errorName: 'WindowPlanningError',
        message:
          'report config vendor-sales-weekly: reportOptions must set distributorView, sellingProgram',
      },
    ]);
  });

  it("starts a backfill from three years back inside Amazon's lookback and says what it skips", async () => {
    const plan = await planFanOut(
      deps(
        [{ ...seller, marketplaceIds: [DE] }, vendor],
        [
          { ...orders, maxWindowDays: 30, startDate: '2023-11-05' },
          { ...vendorSales, startDate: '2023-11-05' },
        ],
      ),
      at('2026-11-05T06:00:00Z'),
    );
    const [ordersLane, vendorLane] = plan.lanes;
    expect(ordersLane?.windows[0]?.input.window.start).toBe('2024-11-14T00:00:00Z');
    expect(ordersLane?.windows[0]?.previousWatermark).toBeUndefined();
    // Vendor sales document no lookback: the weekly lane starts at its start date's week.
    expect(vendorLane?.windows[0]?.input.window.start).toBe('2023-11-05T00:00:00Z');
    expect(plan.beyondLookback).toEqual([
      {
        laneKey: `A1SELLER#EU#orders-daily#${DE}`,
        sellingPartnerId: 'A1SELLER',
        region: 'EU',
        reportConfigId: 'orders-daily',
        reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
        marketplaceId: DE,
        from: '2023-11-05T00:00:00Z',
        to: '2024-11-14T00:00:00Z',
        days: 375,
        maxLookbackDays: 730,
        message:
          "375 days before 2024-11-14T00:00:00Z are beyond Amazon's 730-day lookback for GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL and will never be requested",
      },
    ]);
    expect(plan.problems).toEqual([]);
  });

  it('keeps the whole plan, skips included, within maxPlanBytes', async () => {
    const maxPlanBytes = 8_000;
    const plan = await planFanOut(
      {
        ...deps([seller], [{ ...orders, startDate: '2023-11-05' }]),
        maxPlanBytes,
      },
      at('2026-11-05T06:00:00Z'),
    );
    expect(plan.beyondLookback).toHaveLength(2);
    expect(plan.lanes.length).toBeGreaterThan(0);
    const result = fanOutPlanResult(plan);
    expect(new TextEncoder().encode(JSON.stringify(result)).length).toBeLessThanOrEqual(
      maxPlanBytes,
    );
  });

  it('names only the first skipped spans in its result, however many lanes jump', async () => {
    const maxPlanBytes = 40_000;
    // Thirty lanes: fifteen sellers of two marketplaces each (thirty configs of one seller would
    // ask for the same rows, and all but one would be left out).
    const sellers = Array.from({ length: 15 }, (_, i) => ({
      ...seller,
      sellingPartnerId: `A${i}SELLER`,
      refreshTokenSecretRef: `spapi-lake/refresh-tokens/A${i}SELLER/EU`,
    }));
    const backfill = { ...orders, startDate: '2023-11-05' };
    const plan = await planFanOut(
      { ...deps(sellers, [backfill]), maxPlanBytes },
      at('2026-11-05T06:00:00Z'),
    );
    expect(plan.beyondLookback.length).toBeGreaterThan(MAX_REPORTED_ENTRIES);
    const result = fanOutPlanResult(plan);
    expect(result.beyondLookback).toEqual(plan.beyondLookback.slice(0, MAX_REPORTED_ENTRIES));
    expect(result.omitted).toEqual({
      problems: 0,
      invalidReportConfigs: 0,
      beyondLookback: plan.beyondLookback.length - MAX_REPORTED_ENTRIES,
    });
    // The lanes keep the room the cut lists leave them.
    expect(plan.lanes.length).toBeGreaterThan(0);
    expect(new TextEncoder().encode(JSON.stringify(result)).length).toBeLessThanOrEqual(
      maxPlanBytes,
    );
  });

  it('numbers the retry of a failed window with its attempt', async () => {
    await lanes.put(
      laneKey('A1SELLER', 'EU', 'orders-daily', DE),
      {
        watermark: '2026-11-04T00:00:00Z',
        failure: {
          windowStart: '2026-11-04T00:00:00Z',
          attempts: 2,
          lastError: 'ReportFatalError',
        },
      },
      undefined,
    );
    const plan = await planFanOut(
      deps([{ ...seller, marketplaceIds: [DE] }], [orders]),
      at('2026-11-05T06:00:00Z'),
    );
    expect(plan.lanes[0]?.windows.map((w) => [w.input.attempt, w.previousWatermark])).toEqual([
      [3, '2026-11-04T00:00:00Z'],
    ]);
  });
});

describe('planFanOut: report configs that fail validation', () => {
  // Edited straight in SSM (Terraform validates at synth): one bad entry must not stop the others.
  const document = [orders, { ...vendorSales, lagHours: 'soon' }];
  const withRejected: PlanFanOutDeps = {
    config: async () => {
      const { configs, rejected } = parseReportConfigEntries(document);
      return {
        accounts: parseAccounts([seller, vendor]),
        reportConfigs: configs,
        rejectedReportConfigs: rejected,
      };
    },
    get lanes() {
      return lanes;
    },
  };

  it('plans the valid configs and reports the invalid one', async () => {
    const plan = await planFanOut(withRejected, at('2026-11-05T06:00:00Z'));
    expect(new Set(plan.lanes.map((lane) => lane.lane.reportConfigId))).toEqual(
      new Set(['orders-daily']),
    );
    expect(plan.invalidReportConfigs).toEqual([
      {
        index: 1,
        reportConfigId: 'vendor-sales-weekly',
        message: expect.stringContaining('reportConfigs[1].lagHours'),
      },
    ]);
  });

  it("fails the run of the invalid config's own schedule, and of a config that is gone", async () => {
    const scheduled = (reportConfigIds: string[]) => ({
      ...at('2026-11-05T06:00:00Z'),
      request: { scheduledTime: '2026-11-05T06:00:00Z', reportConfigIds },
    });
    await expect(planFanOut(withRejected, scheduled(['vendor-sales-weekly']))).rejects.toThrow(
      'reportConfigs[1].lagHours',
    );
    await expect(planFanOut(withRejected, scheduled(['orders-weekly']))).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    const plan = await planFanOut(withRejected, scheduled(['orders-daily']));
    expect(plan.lanes.length).toBeGreaterThan(0);
  });
});

describe('planFanOut with configs that would land the same rows twice', () => {
  const weekly: ReportConfigInput = { ...orders, id: 'orders-weekly', windowDays: 7 };
  const configsOf = (plan: Awaited<ReturnType<typeof planFanOut>>) =>
    plan.lanes.map((lane) => `${lane.lane.reportConfigId} ${lane.lane.marketplaceId}`);
  const overlaps = (plan: Awaited<ReturnType<typeof planFanOut>>) =>
    plan.problems.filter((problem) => problem.errorName === 'OverlappingReportConfig');

  it("leaves a marketplace to the first config asking for the type's same rows, naming it", async () => {
    const plan = await planFanOut(
      deps([seller], [orders, { ...weekly, marketplaceIds: [FR] }]),
      at('2026-11-05T06:00:00Z'),
    );
    expect(configsOf(plan)).toEqual([`orders-daily ${DE}`, `orders-daily ${FR}`]);
    expect(overlaps(plan)).toEqual([
      {
        sellingPartnerId: 'A1SELLER',
        region: 'EU',
        reportConfigId: 'orders-weekly',
        errorName: 'OverlappingReportConfig',
        message:
          `${FR}: report config "orders-daily" ingests the same ` +
          'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL rows (same reportOptions) there, ' +
          'and two configs would land them twice; left out here (narrow marketplaceIds or ' +
          'accountTypes, change reportOptions, or disable one)',
      },
    ]);
  });

  const landedUntil = (reportConfigId: string, watermark: string) =>
    lanes.put(laneKey('A1SELLER', 'EU', reportConfigId, DE), { watermark }, undefined);
  const ownRunOf = (reportConfigId: string) => ({
    ...at('2026-11-05T06:00:00Z'),
    request: { scheduledTime: '2026-11-05T06:00:00Z', reportConfigIds: [reportConfigId] },
  });

  it('keeps a marketplace with the config already ingesting it, and plans the others', async () => {
    // orders-all is added above orders-de, which has been landing DE: DE stays with orders-de.
    await landedUntil('orders-de', '2026-11-04T00:00:00Z');
    const configs: ReportConfigInput[] = [
      { ...orders, id: 'orders-all' },
      { ...orders, id: 'orders-de', marketplaceIds: [DE] },
    ];
    const plan = await planFanOut(deps([seller], configs), at('2026-11-05T06:00:00Z'));
    expect(configsOf(plan)).toEqual([`orders-all ${FR}`, `orders-de ${DE}`]);
    expect(overlaps(plan).map((problem) => [problem.reportConfigId, problem.message])).toEqual([
      ['orders-all', expect.stringMatching(new RegExp(`^${DE}: report config "orders-de" `))],
    ]);

    // The run of orders-all's own schedule reads orders-de's lanes too.
    const ownRun = await planFanOut(deps([seller], configs), ownRunOf('orders-all'));
    expect(configsOf(ownRun)).toEqual([`orders-all ${FR}`]);
    // Narrowed to FR, orders-all's FR lane is planned as it would be on its own.
    const alone = await planFanOut(deps([seller], configs.slice(0, 1)), ownRunOf('orders-all'));
    expect(ownRun.lanes[0]).toEqual(alone.lanes.find((lane) => lane.lane.marketplaceId === FR));
  });

  it('keeps a marketplace with the config that has come furthest when both have ingested it', async () => {
    // orders-a ingested DE until it was paused; orders-b took over and has come further since.
    await landedUntil('orders-a', '2026-10-01T00:00:00Z');
    await landedUntil('orders-b', '2026-11-04T00:00:00Z');
    const plan = await planFanOut(
      deps(
        [seller],
        [
          { ...orders, id: 'orders-a', marketplaceIds: [DE] },
          { ...orders, id: 'orders-b', marketplaceIds: [DE] },
        ],
      ),
      at('2026-11-05T06:00:00Z'),
    );
    expect(configsOf(plan)).toEqual([`orders-b ${DE}`]);
    expect(overlaps(plan).map((problem) => problem.reportConfigId)).toEqual(['orders-a']);
  });

  it("leaves the marketplaces to the other config in a run of the later config's own schedule", async () => {
    const plan = await planFanOut(deps([seller], [orders, weekly]), ownRunOf('orders-weekly'));
    expect(plan.lanes).toEqual([]);
    expect(overlaps(plan).map((problem) => problem.reportConfigId)).toEqual(['orders-weekly']);
  });

  it("counts the type's and Amazon's default options and a period as reportOptions", async () => {
    const salesAndTraffic: ReportConfigInput = {
      id: 'sales-and-traffic',
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      accountTypes: ['seller'],
      windowDays: 1,
      schedule: 'daily',
    };
    const listings: ReportConfigInput = {
      id: 'listings',
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      accountTypes: ['seller'],
      windowDays: 1,
      schedule: 'daily',
    };
    const terms: ReportConfigInput = {
      id: 'terms-week',
      reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
      accountTypes: ['seller'],
      period: 'WEEK',
      schedule: 'weekly',
    };
    const plan = await planFanOut(
      deps(
        [seller],
        [
          salesAndTraffic,
          {
            ...salesAndTraffic,
            id: 'sales-and-traffic-spelt-out',
            reportOptions: { dateGranularity: 'DAY', asinGranularity: 'PARENT' },
          },
          {
            ...salesAndTraffic,
            id: 'sales-and-traffic-child',
            reportOptions: { asinGranularity: 'CHILD' },
          },
          listings,
          {
            ...listings,
            id: 'listings-en',
            reportOptions: { preferredReportDocumentLocale: 'en_US' },
          },
          {
            ...listings,
            id: 'listings-de',
            reportOptions: { preferredReportDocumentLocale: 'de_DE' },
          },
          terms,
          { ...terms, id: 'terms-month', period: 'MONTH', schedule: 'monthly' },
          { ...terms, id: 'terms-week-again', reportOptions: { reportPeriod: 'WEEK' } },
        ],
      ),
      at('2026-11-05T06:00:00Z'),
    );
    expect(overlaps(plan).map((problem) => problem.reportConfigId)).toEqual([
      'sales-and-traffic-spelt-out',
      'listings-en',
      'terms-week-again',
    ]);
  });

  it('counts configs whose ASIN lists share an ASIN, or one without a list, as the same rows', async () => {
    const queries: ReportConfigInput = {
      id: 'queries-a',
      reportType: 'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT',
      accountTypes: ['seller'],
      marketplaceIds: [DE],
      period: 'WEEK',
      reportOptions: { reportPeriod: 'WEEK', asin: 'B000000001 B000000002' },
      schedule: 'daily',
    };
    const catalog: ReportConfigInput = {
      ...queries,
      id: 'catalog-all',
      reportType: 'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT',
      reportOptions: { reportPeriod: 'WEEK' },
    };
    const plan = await planFanOut(
      deps(
        [seller],
        [
          queries,
          // Apart from queries-a: both run.
          {
            ...queries,
            id: 'queries-b',
            reportOptions: { ...queries.reportOptions, asin: 'B000000003' },
          },
          // The same ASINs in another order, and one ASIN in common with queries-b.
          {
            ...queries,
            id: 'queries-c',
            reportOptions: { reportPeriod: 'WEEK', asin: 'B000000002 B000000001' },
          },
          {
            ...queries,
            id: 'queries-d',
            reportOptions: { reportPeriod: 'WEEK', asin: 'B000000004 B000000003' },
          },
          // Another period is other rows.
          {
            ...queries,
            id: 'queries-month',
            period: 'MONTH',
            reportOptions: { reportPeriod: 'MONTH', asin: 'B000000001' },
          },
          // Without a list, every ASIN: it shares rows with any list.
          catalog,
          {
            ...catalog,
            id: 'catalog-some',
            reportOptions: { reportPeriod: 'WEEK', asins: 'B000000009' },
          },
        ],
      ),
      at('2026-11-05T06:00:00Z'),
    );
    expect(configsOf(plan).sort()).toEqual(
      [`catalog-all ${DE}`, `queries-a ${DE}`, `queries-b ${DE}`, `queries-month ${DE}`].sort(),
    );
    expect(
      overlaps(plan).map((problem) => [
        problem.reportConfigId,
        problem.message.match(/report config "([a-z-]+)"/)?.[1],
      ]),
    ).toEqual([
      ['queries-c', 'queries-a'],
      ['queries-d', 'queries-b'],
      ['catalog-some', 'catalog-all'],
    ]);
  });

  it('ignores an account type the report type does not serve', async () => {
    // Both configs list vendors, but orders are seller-only: a vendor lane is never planned.
    const plan = await planFanOut(
      deps([vendor], [orders, weekly, vendorSales]),
      at('2026-11-05T06:00:00Z'),
    );
    expect(overlaps(plan)).toEqual([]);
  });
});

describe('byPartnerInTurn', () => {
  const lane = (sellingPartnerId: string, marketplaceId: string) =>
    ({
      lane: { key: `${sellingPartnerId}#${marketplaceId}`, sellingPartnerId },
      windows: [],
    }) as unknown as Parameters<typeof byPartnerInTurn>[0][number];

  it("lets partners take turns, each partner's lanes in their order", () => {
    const lanes = [
      lane('A', '1'),
      lane('A', '2'),
      lane('A', '3'),
      lane('B', '1'),
      lane('C', '1'),
      lane('C', '2'),
    ];
    expect(byPartnerInTurn(lanes).map((entry) => entry.lane.key)).toEqual([
      'A#1',
      'B#1',
      'C#1',
      'A#2',
      'C#2',
      'A#3',
    ]);
    expect(byPartnerInTurn([])).toEqual([]);
  });
});
