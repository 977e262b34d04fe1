import { reportTypeDefinition } from '@spapi-lake/reports';
import { type ReportIngestionInput, WindowPlanningError } from '@spapi-lake/workflows';
import { WindowBeyondLookbackError } from '../errors';
import { checkReportRequest } from './check-report-request';

const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const SEARCH_TERMS = 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT';

const ordersDay: ReportIngestionInput = {
  sellingPartnerId: 'A1SELLER',
  region: 'EU',
  accountType: 'seller',
  reportConfigId: 'orders-daily',
  reportType: ORDERS,
  marketplaceIds: ['A1PA6795UKMFR9'],
  window: { start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' },
  dataStartTime: '2026-01-01T00:00:00Z',
  dataEndTime: '2026-01-01T23:59:59Z',
  reportOptions: {},
  awaitNotification: false,
  attempt: 1,
};
// January 2026: 31 days, past the orders type's 30-day maximum.
const ordersMonth: ReportIngestionInput = {
  ...ordersDay,
  window: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
  dataEndTime: '2026-01-31T23:59:59Z',
  reportOptions: { reportPeriod: 'MONTH' },
};
const searchTermsWeek: ReportIngestionInput = {
  ...ordersDay,
  reportConfigId: 'search-terms-weekly',
  reportType: SEARCH_TERMS,
  window: { start: '2026-01-04T00:00:00Z', end: '2026-01-11T00:00:00Z' },
  dataStartTime: '2026-01-04T00:00:00Z',
  dataEndTime: '2026-01-10T23:59:59Z',
  reportOptions: { reportPeriod: 'WEEK' },
};

const DAY = 86_400_000;
const NOW = Date.parse('2026-02-15T09:30:00Z');

const check =
  (input: ReportIngestionInput, now = NOW) =>
  () =>
    checkReportRequest(input, reportTypeDefinition(input.reportType), now);

/** `input` moved to start `daysBack` days before NOW (its length kept). */
function startingDaysBack(input: ReportIngestionInput, daysBack: number): ReportIngestionInput {
  const start = NOW - daysBack * DAY;
  const end = start + Date.parse(input.window.end) - Date.parse(input.window.start);
  const iso = (epochMs: number) => new Date(epochMs).toISOString().replace('.000Z', 'Z');
  return {
    ...input,
    window: { start: iso(start), end: iso(end) },
    dataStartTime: iso(start),
    dataEndTime: iso(end - 1000),
  };
}

describe('checkReportRequest', () => {
  it('accepts a rolling day and a Brand Analytics week', () => {
    expect(check(ordersDay)).not.toThrow();
    expect(check(searchTermsWeek)).not.toThrow();
  });

  it('refuses a reportPeriod on a type that takes none, which would bypass its maximum window', () => {
    expect(check(ordersMonth)).toThrow(WindowPlanningError);
    expect(check(ordersMonth)).toThrow(
      `report config orders-daily: ${ORDERS} takes no reportPeriod: use windowDays`,
    );
  });

  it("refuses a reportPeriod the type's report schema does not list, before any call", () => {
    const searchTermsYear = {
      ...searchTermsWeek,
      window: { start: '2025-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' },
      dataStartTime: '2025-01-01T00:00:00Z',
      dataEndTime: '2025-12-31T23:59:59Z',
      reportOptions: { reportPeriod: 'YEAR' },
    };
    expect(check(searchTermsYear)).toThrow(
      `${SEARCH_TERMS} takes reportOptions.reportPeriod DAY, WEEK, MONTH, QUARTER, not "YEAR"`,
    );
  });

  it('refuses a rolling window longer than the type allows', () => {
    expect(check({ ...ordersMonth, reportOptions: {} })).toThrow('windows are at most 30 days');
  });

  it('asks a WEEK or MONTH dateGranularity for exactly one week or month (31 days too)', () => {
    const salesAndTraffic = (start: string, end: string, granularity: string) => ({
      ...ordersDay,
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      window: { start, end },
      dataStartTime: start,
      dataEndTime: new Date(Date.parse(end) - 1000).toISOString().replace('.000', ''),
      reportOptions: { dateGranularity: granularity },
    });
    const january = salesAndTraffic('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 'MONTH');
    const week = salesAndTraffic('2026-01-04T00:00:00Z', '2026-01-11T00:00:00Z', 'WEEK');
    expect(check(january)).not.toThrow();
    expect(check(week)).not.toThrow();
    // Amazon would widen these to whole weeks: the next window would ask for the same week again.
    expect(check(salesAndTraffic('2026-01-06T00:00:00Z', '2026-01-08T00:00:00Z', 'WEEK'))).toThrow(
      'is not exactly one WEEK (dateGranularity WEEK; weeks run Sunday to Saturday)',
    );
    expect(
      check(salesAndTraffic('2026-01-06T00:00:00Z', '2026-01-08T00:00:00Z', 'DAY')),
    ).not.toThrow();
  });

  it('refuses a window starting more than two years back, where Amazon cancels the report', () => {
    for (const reportType of [ORDERS, 'GET_SALES_AND_TRAFFIC_REPORT']) {
      const definition = reportTypeDefinition(reportType);
      expect(definition.window.maxLookbackDays).toBe(730);
      const day = { ...ordersDay, reportType };
      const beyond = check(startingDaysBack(day, 730 + 1 / 24));
      expect(beyond).toThrow(WindowBeyondLookbackError);
      expect(beyond).toThrow(
        `report config orders-daily: dataStartTime 2024-02-16T08:30:00Z is more than 730 days back; Amazon cancels ${reportType} reports that start that far back`,
      );
      expect(check(startingDaysBack(day, 730))).not.toThrow();
    }
  });

  it("refuses a week of net pure product margin beyond the period's own 8-week lookback", () => {
    const marginWeek: ReportIngestionInput = {
      ...searchTermsWeek,
      accountType: 'vendor',
      reportConfigId: 'margin-weekly',
      reportType: 'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT',
    };
    // 2026-01-04 is 42 days before NOW: inside 8 weeks, though not inside 8 weeks of 2026-03-15.
    expect(check(marginWeek)).not.toThrow();
    expect(check(marginWeek, Date.parse('2026-03-15T09:30:00Z'))).toThrow(
      'dataStartTime 2026-01-04T00:00:00Z is more than 56 days back',
    );
    // The same week by DAY-level lookback (1,460 days) would be asked for.
    expect(
      check(
        {
          ...marginWeek,
          window: { start: '2026-01-04T00:00:00Z', end: '2026-01-05T00:00:00Z' },
          dataEndTime: '2026-01-04T23:59:59Z',
          reportOptions: { reportPeriod: 'DAY' },
        },
        Date.parse('2026-03-15T09:30:00Z'),
      ),
    ).not.toThrow();
  });

  it('lets a type without a documented lookback ask for any past period', () => {
    expect(reportTypeDefinition(SEARCH_TERMS).window.maxLookbackDays).toBeUndefined();
    expect(check(searchTermsWeek, Date.parse('2031-01-01T00:00:00Z'))).not.toThrow();
  });
});
