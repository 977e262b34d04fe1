import { reportTypeDefinition } from '@spapi-lake/reports';
import { WindowPlanningError } from './errors';
import { DEFAULT_FAN_OUT_TIMEOUT_SECONDS } from './fan-out-definition';
import {
  LOOKBACK_SAFETY_DAYS,
  planWindows,
  type PlanWindowsInput,
  type WindowPlan,
} from './plan-windows';
import type { ReportWindow } from './report-window';
import { DE, FR, account, at, reportConfig, vendorAccount } from './test/fixtures';

const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const LISTINGS = 'GET_MERCHANT_LISTINGS_ALL_DATA';
const VENDOR_SALES = 'GET_VENDOR_SALES_REPORT';
const SEARCH_TERMS = 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT';
const DAY = 86_400_000;
const vendorOptions = { distributorView: 'MANUFACTURING', sellingProgram: 'RETAIL' };

type PlanInput = Partial<PlanWindowsInput> & Pick<PlanWindowsInput, 'reportConfig' | 'now'>;

function planWithSkips(input: PlanInput): WindowPlan {
  return planWindows({
    account: account(),
    definition: reportTypeDefinition(input.reportConfig.reportType),
    watermarks: {},
    ...input,
  });
}

const plan = (input: PlanInput): ReportWindow[] => planWithSkips(input).windows;

const spans = (windows: readonly ReportWindow[]) => windows.map((w) => [w.start, w.end]);
const days = (window: ReportWindow) => (at(window.end) - at(window.start)) / DAY;

describe('planWindows: rolling windows', () => {
  it('cuts whole UTC days from the start date and asks SP-API for end minus one second', () => {
    const windows = plan({
      reportConfig: reportConfig({ reportType: ORDERS, windowDays: 1, startDate: '2025-01-01' }),
      now: at('2025-01-04T06:00:00Z'),
    });
    expect(spans(windows)).toEqual([
      ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
      ['2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z'],
      ['2025-01-03T00:00:00Z', '2025-01-04T00:00:00Z'],
    ]);
    expect(windows[0]).toEqual({
      start: '2025-01-01T00:00:00Z',
      end: '2025-01-02T00:00:00Z',
      dataStartTime: '2025-01-01T00:00:00Z',
      dataEndTime: '2025-01-01T23:59:59Z',
      marketplaceIds: [DE],
      reportOptions: {},
    });
    expect(windows[1]?.previousWatermark).toBe('2025-01-02T00:00:00Z');
  });

  it('continues exactly at the watermark', () => {
    const windows = plan({
      reportConfig: reportConfig({ reportType: ORDERS, startDate: '2024-06-01' }),
      watermarks: { [DE]: '2025-01-03T00:00:00Z' },
      now: at('2025-01-04T06:00:00Z'),
    });
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({
      start: '2025-01-03T00:00:00Z',
      end: '2025-01-04T00:00:00Z',
      previousWatermark: '2025-01-03T00:00:00Z',
    });
  });

  it('ends no later than now minus the lag, rounded down to a whole day', () => {
    const config = reportConfig({ reportType: ORDERS, startDate: '2025-01-03' });
    // Orders lag one hour: at 00:59 the previous day is not complete yet, at 01:00 it is.
    expect(plan({ reportConfig: config, now: at('2025-01-04T00:59:59Z') })).toHaveLength(0);
    expect(spans(plan({ reportConfig: config, now: at('2025-01-04T01:00:00Z') }))).toEqual([
      ['2025-01-03T00:00:00Z', '2025-01-04T00:00:00Z'],
    ]);
  });

  it("takes the config's lag when it is longer than the report type's", () => {
    const config = reportConfig({ reportType: ORDERS, startDate: '2025-01-01', lagHours: 48 });
    expect(spans(plan({ reportConfig: config, now: at('2025-01-05T12:00:00Z') }))).toEqual([
      ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
      ['2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z'],
    ]);
  });

  it('catches up in windows of up to maxWindowDays', () => {
    const windows = plan({
      reportConfig: reportConfig({
        reportType: ORDERS,
        windowDays: 1,
        maxWindowDays: 7,
        startDate: '2025-01-01',
      }),
      now: at('2025-01-20T12:00:00Z'),
    });
    expect(windows.map(days)).toEqual([7, 7, 5]);
    expect(windows.at(-1)?.end).toBe('2025-01-20T00:00:00Z');
  });

  it("never exceeds the report type's maximum window", () => {
    const windows = plan({
      reportConfig: reportConfig({
        reportType: ORDERS,
        windowDays: 1,
        maxWindowDays: 90,
        startDate: '2025-01-01',
      }),
      now: at('2025-03-15T12:00:00Z'),
    });
    expect(reportTypeDefinition(ORDERS).window.maxWindowDays).toBe(30);
    expect(windows.map(days)).toEqual([30, 30, 13]);
  });

  it('waits until windowDays complete days exist', () => {
    const config = reportConfig({ reportType: ORDERS, windowDays: 7, startDate: '2025-01-01' });
    expect(plan({ reportConfig: config, now: at('2025-01-07T12:00:00Z') })).toHaveLength(0);
    expect(spans(plan({ reportConfig: config, now: at('2025-01-08T12:00:00Z') }))).toEqual([
      ['2025-01-01T00:00:00Z', '2025-01-08T00:00:00Z'],
    ]);
  });

  it('without a start date or watermark asks for the latest window only', () => {
    const windows = plan({
      reportConfig: reportConfig({ reportType: ORDERS, windowDays: 2 }),
      now: at('2025-01-10T12:00:00Z'),
    });
    expect(spans(windows)).toEqual([['2025-01-08T00:00:00Z', '2025-01-10T00:00:00Z']]);
    expect(windows[0]?.previousWatermark).toBeUndefined();
  });

  it('plans nothing when the watermark is already at the horizon', () => {
    const windows = plan({
      reportConfig: reportConfig({ reportType: ORDERS, startDate: '2025-01-01' }),
      watermarks: { [DE]: '2025-01-10T00:00:00Z' },
      now: at('2025-01-10T23:00:00Z'),
    });
    expect(windows).toEqual([]);
  });

  it('caps the windows per run so a backfill proceeds over several runs', () => {
    const config = reportConfig({ reportType: ORDERS, startDate: '2024-10-01' });
    const now = at('2025-01-01T12:00:00Z');
    const first = plan({ reportConfig: config, now });
    expect(first).toHaveLength(10);
    const second = plan({ reportConfig: config, now, watermarks: { [DE]: first.at(-1)?.end } });
    expect(second[0]?.start).toBe('2024-10-11T00:00:00Z');
    expect(plan({ reportConfig: config, now, maxWindowsPerRun: 3 })).toHaveLength(3);
  });

  it('plans one lane per marketplace, each from its own watermark', () => {
    const windows = plan({
      account: account({ marketplaceIds: [DE, FR] }),
      reportConfig: reportConfig({ reportType: ORDERS, startDate: '2025-01-01' }),
      watermarks: { [FR]: '2025-01-02T00:00:00Z' },
      now: at('2025-01-03T12:00:00Z'),
    });
    expect(windows.map((w) => [w.marketplaceIds, w.start])).toEqual([
      [[DE], '2025-01-01T00:00:00Z'],
      [[DE], '2025-01-02T00:00:00Z'],
      [[FR], '2025-01-02T00:00:00Z'],
    ]);
  });

  it("narrows the config's marketplaces to the account's", () => {
    const windows = plan({
      account: account({ marketplaceIds: [DE, FR] }),
      reportConfig: reportConfig({
        reportType: ORDERS,
        marketplaceIds: [FR],
        startDate: '2025-01-01',
      }),
      now: at('2025-01-02T12:00:00Z'),
    });
    expect(windows.map((w) => w.marketplaceIds)).toEqual([[FR]]);
  });

  it('neither gaps nor overlaps over many runs with a moving now', () => {
    const config = reportConfig({
      reportType: ORDERS,
      windowDays: 1,
      maxWindowDays: 5,
      startDate: '2024-11-01',
    });
    const lagMs = 3_600_000;
    const taken: ReportWindow[] = [];
    let watermark: string | undefined;
    // Irregular run times (every 7 to 31 hours) for 120 days, every window ingested as planned.
    for (let now = at('2024-11-01T05:00:00Z'), step = 0; now < at('2025-03-01'); step++) {
      const windows = plan({
        reportConfig: config,
        watermarks: watermark === undefined ? {} : { [DE]: watermark },
        now,
        maxWindowsPerRun: 4,
      });
      for (const window of windows) {
        expect(window.previousWatermark).toBe(watermark);
        expect(at(window.end)).toBeLessThanOrEqual(now - lagMs);
        expect(days(window)).toBeGreaterThanOrEqual(1);
        expect(days(window)).toBeLessThanOrEqual(5);
        expect(window.start.endsWith('T00:00:00Z') && window.end.endsWith('T00:00:00Z')).toBe(true);
        taken.push(window);
        watermark = window.end;
      }
      now += (7 + ((step * 13) % 25)) * 3_600_000;
    }
    expect(taken[0]?.start).toBe('2024-11-01T00:00:00Z');
    taken.slice(1).forEach((window, index) => expect(window.start).toBe(taken[index]?.end));
    expect(at(watermark ?? '')).toBeGreaterThanOrEqual(at('2025-02-27'));
  });
});

describe('planWindows: period-aligned windows', () => {
  const weekly = (extra: Record<string, string> = {}) =>
    reportConfig({
      reportType: VENDOR_SALES,
      period: 'WEEK',
      reportOptions: { ...vendorOptions, ...extra },
      startDate: '2025-01-08',
    });

  it('asks for whole Sunday-to-Saturday weeks, the one containing the start date first', () => {
    const windows = plan({
      account: vendorAccount(),
      reportConfig: weekly(),
      now: at('2025-01-22T08:00:00Z'),
    });
    expect(windows.map((w) => [w.dataStartTime, w.dataEndTime])).toEqual([
      ['2025-01-05T00:00:00Z', '2025-01-11T23:59:59Z'],
      ['2025-01-12T00:00:00Z', '2025-01-18T23:59:59Z'],
    ]);
    expect(new Date(at('2025-01-05')).getUTCDay()).toBe(0);
    expect(windows[0]?.reportOptions).toEqual({ ...vendorOptions, reportPeriod: 'WEEK' });
  });

  it('makes a period due only once it has ended and the lag has passed', () => {
    // Vendor sales lag 80 h: the week ending 2025-01-12T00:00Z is due from 2025-01-15T08:00Z.
    const input = { account: vendorAccount(), reportConfig: weekly() };
    expect(plan({ ...input, now: at('2025-01-15T07:59:59Z') })).toHaveLength(0);
    expect(plan({ ...input, now: at('2025-01-15T08:00:00Z') })).toHaveLength(1);
  });

  it('asks for calendar months', () => {
    const windows = plan({
      account: vendorAccount(),
      reportConfig: reportConfig({
        reportType: VENDOR_SALES,
        period: 'MONTH',
        reportOptions: vendorOptions,
        startDate: '2024-11-15',
      }),
      now: at('2025-03-04T08:00:00Z'),
    });
    expect(windows.map((w) => [w.dataStartTime, w.dataEndTime])).toEqual([
      ['2024-11-01T00:00:00Z', '2024-11-30T23:59:59Z'],
      ['2024-12-01T00:00:00Z', '2024-12-31T23:59:59Z'],
      ['2025-01-01T00:00:00Z', '2025-01-31T23:59:59Z'],
      ['2025-02-01T00:00:00Z', '2025-02-28T23:59:59Z'],
    ]);
  });

  it('asks for quarters and years regardless of the maximum window', () => {
    const quarterly = plan({
      account: vendorAccount(),
      reportConfig: reportConfig({
        reportType: VENDOR_SALES,
        period: 'QUARTER',
        reportOptions: vendorOptions,
        startDate: '2024-08-20',
      }),
      now: at('2025-04-10T00:00:00Z'),
    });
    expect(spans(quarterly)).toEqual([
      ['2024-07-01T00:00:00Z', '2024-10-01T00:00:00Z'],
      ['2024-10-01T00:00:00Z', '2025-01-01T00:00:00Z'],
      ['2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z'],
    ]);
    const yearly = plan({
      account: vendorAccount(),
      reportConfig: reportConfig({
        reportType: VENDOR_SALES,
        period: 'YEAR',
        reportOptions: vendorOptions,
        startDate: '2023-05-01',
      }),
      now: at('2025-01-03T00:00:00Z'),
    });
    expect(yearly.map((w) => [w.dataStartTime, w.dataEndTime])).toEqual([
      ['2023-01-01T00:00:00Z', '2023-12-31T23:59:59Z'],
    ]);
  });

  it('without a start date asks for the latest complete period only', () => {
    const windows = plan({
      account: vendorAccount(),
      reportConfig: reportConfig({
        reportType: VENDOR_SALES,
        period: 'WEEK',
        reportOptions: vendorOptions,
      }),
      now: at('2025-01-23T00:00:00Z'),
    });
    expect(spans(windows)).toEqual([['2025-01-12T00:00:00Z', '2025-01-19T00:00:00Z']]);
  });

  it('starts a watermark that is off a period boundary at the period containing it', () => {
    const windows = plan({
      account: vendorAccount(),
      reportConfig: weekly(),
      watermarks: { ['ATVPDKIKX0DER']: '2025-01-08T00:00:00Z' },
      now: at('2025-01-29T00:00:00Z'),
    });
    expect(windows[0]).toMatchObject({
      start: '2025-01-05T00:00:00Z',
      end: '2025-01-12T00:00:00Z',
      previousWatermark: '2025-01-08T00:00:00Z',
    });
  });

  it('leaves no day out when the period of a config grows (WEEK to MONTH)', () => {
    // The last weekly window ended on Sunday 2025-01-12: 12-31 January come with the month.
    const windows = plan({
      account: vendorAccount(),
      reportConfig: reportConfig({ ...weekly(), period: 'MONTH' }),
      watermarks: { ['ATVPDKIKX0DER']: '2025-01-12T00:00:00Z' },
      now: at('2025-03-10T00:00:00Z'),
    });
    expect(spans(windows)).toEqual([
      ['2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'],
      ['2025-02-01T00:00:00Z', '2025-03-01T00:00:00Z'],
    ]);
  });

  it('asks for single days with reportPeriod DAY', () => {
    const windows = plan({
      reportConfig: reportConfig({
        reportType: SEARCH_TERMS,
        period: 'DAY',
        startDate: '2025-01-01',
      }),
      now: at('2025-01-06T12:00:00Z'),
    });
    // Brand Analytics lag 80 h: days ending by 2025-01-03T04:00Z are due.
    expect(spans(windows)).toEqual([
      ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
      ['2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z'],
    ]);
    expect(windows[0]?.reportOptions).toEqual({ reportPeriod: 'DAY' });
  });

  it('neither gaps nor overlaps over many weekly runs', () => {
    const taken: ReportWindow[] = [];
    let watermark: string | undefined;
    for (let now = at('2025-01-01T06:00:00Z'); now < at('2025-07-01'); now += 3 * DAY + 3_600_000) {
      const windows = plan({
        account: vendorAccount(),
        reportConfig: weekly(),
        watermarks: watermark === undefined ? {} : { ['ATVPDKIKX0DER']: watermark },
        now,
        maxWindowsPerRun: 2,
      });
      for (const window of windows) {
        expect(new Date(at(window.start)).getUTCDay()).toBe(0);
        expect(days(window)).toBe(7);
        expect(at(window.end) + 72 * 3_600_000).toBeLessThanOrEqual(now);
        taken.push(window);
        watermark = window.end;
      }
    }
    taken.slice(1).forEach((window, index) => expect(window.start).toBe(taken[index]?.end));
    expect(taken.length).toBeGreaterThan(20);
  });

  it('refuses a period-aligned report type without a period', () => {
    const run = () =>
      plan({
        account: vendorAccount(),
        reportConfig: reportConfig({
          reportType: VENDOR_SALES,
          windowDays: 7,
          reportOptions: vendorOptions,
        }),
        now: at('2025-01-20'),
      });
    expect(run).toThrow(WindowPlanningError);
    expect(run).toThrow('is period-aligned: set period');
  });

  it('cuts Sales and Traffic by whole weeks or months under a WEEK or MONTH dateGranularity', () => {
    // Amazon widens the dates to whole Sunday-Saturday weeks or months: windows cut by day would
    // each come back as the same week, its rows landing several times.
    const salesAndTraffic = (dateGranularity: string) =>
      reportConfig({
        reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
        windowDays: 1,
        reportOptions: { dateGranularity },
      });
    const weeks = plan({
      reportConfig: salesAndTraffic('WEEK'),
      watermarks: { [DE]: '2025-01-07T00:00:00Z' },
      now: at('2025-01-22T08:00:00Z'),
    });
    expect(spans(weeks)).toEqual([
      ['2025-01-05T00:00:00Z', '2025-01-12T00:00:00Z'],
      ['2025-01-12T00:00:00Z', '2025-01-19T00:00:00Z'],
    ]);
    expect(weeks[0]).toMatchObject({
      dataEndTime: '2025-01-11T23:59:59Z',
      reportOptions: { dateGranularity: 'WEEK' },
    });
    expect(weeks[0]?.reportOptions).not.toHaveProperty('reportPeriod');
    const months = plan({
      reportConfig: salesAndTraffic('MONTH'),
      watermarks: { [DE]: '2025-01-01T00:00:00Z' },
      now: at('2025-03-05T00:00:00Z'),
    });
    expect(spans(months)).toEqual([
      ['2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'],
      ['2025-02-01T00:00:00Z', '2025-03-01T00:00:00Z'],
    ]);
    const daily = plan({
      reportConfig: salesAndTraffic('DAY'),
      watermarks: { [DE]: '2025-01-07T00:00:00Z' },
      now: at('2025-01-11T08:00:00Z'),
    });
    expect(spans(daily)[0]).toEqual(['2025-01-07T00:00:00Z', '2025-01-08T00:00:00Z']);
  });

  it('refuses a period for a type without a reportPeriod option, rather than cut it by period', () => {
    for (const reportType of [ORDERS, 'GET_SALES_AND_TRAFFIC_REPORT']) {
      const withPeriod = () =>
        plan({
          reportConfig: reportConfig({ reportType, period: 'MONTH', startDate: '2025-01-01' }),
          now: at('2025-03-10'),
        });
      expect(withPeriod).toThrow(WindowPlanningError);
      expect(withPeriod).toThrow(`${reportType} takes no reportPeriod: use windowDays`);
    }
    const withOption = () =>
      plan({
        reportConfig: reportConfig({
          reportType: ORDERS,
          windowDays: 1,
          reportOptions: { reportPeriod: 'WEEK' },
        }),
        now: at('2025-03-10'),
      });
    expect(withOption).toThrow(`${ORDERS} takes no reportPeriod`);
  });

  it("refuses a period or an option value the type's report schema does not list", () => {
    const searchTermsYearly = () =>
      plan({
        reportConfig: reportConfig({ reportType: SEARCH_TERMS, period: 'YEAR' }),
        now: at('2026-03-10'),
      });
    expect(searchTermsYearly).toThrow(WindowPlanningError);
    expect(searchTermsYearly).toThrow(
      `${SEARCH_TERMS} takes reportOptions.reportPeriod DAY, WEEK, MONTH, QUARTER, not "YEAR"`,
    );
    const retailView = () =>
      plan({
        account: vendorAccount(),
        reportConfig: reportConfig({
          reportType: VENDOR_SALES,
          period: 'WEEK',
          reportOptions: { ...vendorOptions, distributorView: 'RETAIL' },
        }),
        now: at('2025-01-20'),
      });
    expect(retailView).toThrow('takes reportOptions.distributorView MANUFACTURING, SOURCING');
  });

  it('names the periods the type takes when a period-aligned config has none', () => {
    const run = () =>
      plan({ reportConfig: reportConfig({ reportType: SEARCH_TERMS }), now: at('2025-01-20') });
    expect(run).toThrow('is period-aligned: set period (DAY, WEEK, MONTH, QUARTER)');
  });

  it('refuses a config without the options the report type requires', () => {
    const run = () =>
      plan({
        account: vendorAccount(),
        reportConfig: reportConfig({ reportType: VENDOR_SALES, period: 'WEEK' }),
        now: at('2025-01-20'),
      });
    expect(run).toThrow('reportOptions must set distributorView, sellingProgram');
  });
});

describe('planWindows: snapshots', () => {
  const listings = (startDate?: string) =>
    reportConfig({ reportType: LISTINGS, ...(startDate === undefined ? {} : { startDate }) });

  it("plans today's snapshot as [today, tomorrow) without dates for SP-API", () => {
    const windows = plan({
      reportConfig: listings(),
      watermarks: { [DE]: '2025-01-10T00:00:00Z' },
      now: at('2025-01-10T00:05:00Z'),
    });
    expect(windows).toEqual([
      {
        start: '2025-01-10T00:00:00Z',
        end: '2025-01-11T00:00:00Z',
        previousWatermark: '2025-01-10T00:00:00Z',
        marketplaceIds: [DE],
        // Column headers in English whatever the seller's language (the type's default option).
        reportOptions: { preferredReportDocumentLocale: 'en_US' },
      },
    ]);
  });

  it("lets a config's own reportOptions override the type's defaults", () => {
    const windows = plan({
      reportConfig: reportConfig({
        reportType: LISTINGS,
        reportOptions: { preferredReportDocumentLocale: 'de_DE', custom: 'true' },
      }),
      watermarks: { [DE]: '2025-01-10T00:00:00Z' },
      now: at('2025-01-10T00:05:00Z'),
    });
    expect(windows[0]?.reportOptions).toEqual({
      preferredReportDocumentLocale: 'de_DE',
      custom: 'true',
    });
  });

  it("plans nothing once today's snapshot is in", () => {
    const windows = plan({
      reportConfig: listings(),
      watermarks: { [DE]: '2025-01-11T00:00:00Z' },
      now: at('2025-01-10T18:00:00Z'),
    });
    expect(windows).toEqual([]);
  });

  it('skips missed days, yesterday too: only today can be fetched', () => {
    for (const watermark of ['2025-01-05T00:00:00Z', '2025-01-09T00:00:00Z']) {
      const windows = plan({
        reportConfig: listings(),
        watermarks: { [DE]: watermark },
        now: at('2025-01-10T08:00:00Z'),
      });
      // A request now is today's state: labelled yesterday, it would make up yesterday's.
      expect(spans(windows)).toEqual([['2025-01-10T00:00:00Z', '2025-01-11T00:00:00Z']]);
      expect(windows[0]?.previousWatermark).toBe(watermark);
    }
  });

  it('starts with today when nothing was ingested, whatever the start date', () => {
    for (const config of [listings(), listings('2024-12-01')]) {
      expect(spans(plan({ reportConfig: config, now: at('2025-01-10T08:00:00Z') }))).toEqual([
        ['2025-01-10T00:00:00Z', '2025-01-11T00:00:00Z'],
      ]);
    }
  });
});

describe("planWindows: Amazon's lookback limit", () => {
  it('keeps planned windows clear of the lookback for longer than a fan-out run may last', () => {
    expect(LOOKBACK_SAFETY_DAYS * 86_400).toBeGreaterThan(DEFAULT_FAN_OUT_TIMEOUT_SECONDS);
  });

  // 2026-03-10T06:00Z less 730 days is 2024-03-10T06:00Z; a planned window keeps eight more days
  // clear of it, so the first whole day inside is 2024-03-19.
  const now = at('2026-03-10T06:00:00Z');
  const threeYearsBack = '2023-03-10';
  const lookbackDays = 730;
  // A createReport sent LOOKBACK_SAFETY_DAYS after planning still starts inside the lookback.
  const insideAtRequestTime = (window: ReportWindow, plannedAt: number) =>
    at(window.start) >= plannedAt + LOOKBACK_SAFETY_DAYS * DAY - lookbackDays * DAY;

  it('starts a rolling lane whose start date is three years back at the first day inside it', () => {
    expect(reportTypeDefinition(ORDERS).window.maxLookbackDays).toBe(lookbackDays);
    const { windows, beyondLookback } = planWithSkips({
      reportConfig: reportConfig({
        reportType: ORDERS,
        windowDays: 1,
        maxWindowDays: 30,
        startDate: threeYearsBack,
      }),
      now,
    });
    expect(spans(windows).slice(0, 2)).toEqual([
      ['2024-03-19T00:00:00Z', '2024-04-18T00:00:00Z'],
      ['2024-04-18T00:00:00Z', '2024-05-18T00:00:00Z'],
    ]);
    expect(windows[0]?.previousWatermark).toBeUndefined();
    expect(windows.every((window) => insideAtRequestTime(window, now))).toBe(true);
    expect(beyondLookback).toEqual([
      {
        marketplaceId: DE,
        from: '2023-03-10T00:00:00Z',
        to: '2024-03-19T00:00:00Z',
        days: 375,
        maxLookbackDays: lookbackDays,
      },
    ]);
  });

  it('starts a week- or month-aligned lane at the first whole period inside it', () => {
    const salesAndTraffic = (dateGranularity: string) =>
      reportConfig({
        reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
        reportOptions: { dateGranularity },
        startDate: threeYearsBack,
      });
    const months = planWithSkips({ reportConfig: salesAndTraffic('MONTH'), now });
    expect(spans(months.windows)[0]).toEqual(['2024-04-01T00:00:00Z', '2024-05-01T00:00:00Z']);
    expect(months.beyondLookback).toEqual([
      expect.objectContaining({ from: '2023-03-01T00:00:00Z', to: '2024-04-01T00:00:00Z' }),
    ]);
    const weeks = planWithSkips({ reportConfig: salesAndTraffic('WEEK'), now });
    expect(spans(weeks.windows)[0]).toEqual(['2024-03-24T00:00:00Z', '2024-03-31T00:00:00Z']);
    expect(new Date(at('2024-03-24')).getUTCDay()).toBe(0);
    expect(weeks.beyondLookback).toEqual([
      expect.objectContaining({
        from: '2023-03-05T00:00:00Z',
        to: '2024-03-24T00:00:00Z',
        days: 385,
      }),
    ]);
    for (const window of [...months.windows, ...weeks.windows]) {
      expect(insideAtRequestTime(window, now)).toBe(true);
    }
  });

  it('moves a lane whose watermark aged past the limit on from that watermark', () => {
    const { windows, beyondLookback } = planWithSkips({
      account: account({ marketplaceIds: [DE, FR] }),
      reportConfig: reportConfig({ reportType: ORDERS, startDate: threeYearsBack }),
      watermarks: { [DE]: '2024-02-01T00:00:00Z', [FR]: '2026-03-08T00:00:00Z' },
      now,
    });
    // The claim compares the lane's watermark with previousWatermark: the jump is claimable.
    expect(windows[0]).toMatchObject({
      marketplaceIds: [DE],
      start: '2024-03-19T00:00:00Z',
      previousWatermark: '2024-02-01T00:00:00Z',
    });
    expect(windows.filter((w) => w.marketplaceIds[0] === FR).map((w) => w.start)).toEqual([
      '2026-03-08T00:00:00Z',
      '2026-03-09T00:00:00Z',
    ]);
    expect(beyondLookback).toEqual([
      {
        marketplaceId: DE,
        from: '2024-02-01T00:00:00Z',
        to: '2024-03-19T00:00:00Z',
        days: 47,
        maxLookbackDays: lookbackDays,
      },
    ]);
  });

  it('reports nothing for a lane inside the limit', () => {
    const { windows, beyondLookback } = planWithSkips({
      reportConfig: reportConfig({ reportType: ORDERS, startDate: '2024-03-19' }),
      now,
    });
    expect(windows[0]?.start).toBe('2024-03-19T00:00:00Z');
    expect(beyondLookback).toEqual([]);
  });

  it('leaves a type without a documented limit as it was', () => {
    expect(reportTypeDefinition(SEARCH_TERMS).window.maxLookbackDays).toBeUndefined();
    const { windows, beyondLookback } = planWithSkips({
      reportConfig: reportConfig({
        reportType: SEARCH_TERMS,
        period: 'WEEK',
        startDate: threeYearsBack,
      }),
      now,
    });
    expect(spans(windows)[0]).toEqual(['2023-03-05T00:00:00Z', '2023-03-12T00:00:00Z']);
    expect(beyondLookback).toEqual([]);
  });

  it("starts vendor sales inside Amazon's 1,460-day lookback, by whole periods", () => {
    const weekly = (startDate: string) =>
      reportConfig({
        reportType: VENDOR_SALES,
        period: 'WEEK',
        reportOptions: vendorOptions,
        startDate,
      });
    const within = planWithSkips({
      account: vendorAccount(),
      reportConfig: weekly(threeYearsBack),
      now,
    });
    expect(spans(within.windows)[0]).toEqual(['2023-03-05T00:00:00Z', '2023-03-12T00:00:00Z']);
    expect(within.beyondLookback).toEqual([]);
    // 2026-03-10T06:00Z less 1,460 days is 2022-03-11T06:00Z; eight days more, 2022-03-19T06:00Z;
    // the first Sunday after it starts the lane.
    const { windows, beyondLookback } = planWithSkips({
      account: vendorAccount(),
      reportConfig: weekly('2021-06-01'),
      now,
    });
    expect(spans(windows)[0]).toEqual(['2022-03-20T00:00:00Z', '2022-03-27T00:00:00Z']);
    expect(beyondLookback).toEqual([
      expect.objectContaining({ maxLookbackDays: 1460, to: '2022-03-20T00:00:00Z' }),
    ]);
  });

  it("starts net pure product margin weeks inside Amazon's 8-week lookback for WEEK", () => {
    const margin = (period: 'WEEK' | 'MONTH') =>
      reportConfig({
        reportType: 'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT',
        period,
        reportOptions: { reportPeriod: period },
        startDate: '2025-06-01',
      });
    // 2026-03-10T06:00Z less 56 days is 2026-01-13T06:00Z; eight days more, 2026-01-21T06:00Z;
    // the first Sunday after it starts the lane.
    const weeks = planWithSkips({ account: vendorAccount(), reportConfig: margin('WEEK'), now });
    expect(spans(weeks.windows)[0]).toEqual(['2026-01-25T00:00:00Z', '2026-02-01T00:00:00Z']);
    expect(weeks.beyondLookback).toEqual([
      expect.objectContaining({ maxLookbackDays: 56, to: '2026-01-25T00:00:00Z' }),
    ]);
    // Months reach back 36 of them: June 2025 is inside.
    const months = planWithSkips({ account: vendorAccount(), reportConfig: margin('MONTH'), now });
    expect(spans(months.windows)[0]).toEqual(['2025-06-01T00:00:00Z', '2025-07-01T00:00:00Z']);
    expect(months.beyondLookback).toEqual([]);
  });

  it('never plans a window beyond the limit while a slow backfill falls behind the clock', () => {
    // One daily window per run, runs 12 to 60 hours apart: the limit overtakes the watermark again
    // and again, and each time the lane jumps to it and says which days it left.
    const config = reportConfig({
      reportType: ORDERS,
      windowDays: 1,
      maxWindowDays: 1,
      startDate: '2023-01-01',
    });
    let watermark: string | undefined;
    let skips = 0;
    let planned = 0;
    for (let clock = at('2025-01-10T05:00:00Z'), step = 0; clock < at('2025-05-10'); step++) {
      const result = planWithSkips({
        reportConfig: config,
        watermarks: watermark === undefined ? {} : { [DE]: watermark },
        now: clock,
        maxWindowsPerRun: 1,
      });
      const [window] = result.windows;
      if (window === undefined) throw new Error('a backfill always has a window due');
      expect(insideAtRequestTime(window, clock)).toBe(true);
      expect(window.previousWatermark).toBe(watermark);
      const continuedFrom = watermark ?? '2023-01-01T00:00:00Z';
      if (window.start === continuedFrom) {
        expect(result.beyondLookback).toEqual([]);
      } else {
        expect(result.beyondLookback).toEqual([
          expect.objectContaining({ from: continuedFrom, to: window.start }),
        ]);
        skips++;
      }
      planned++;
      watermark = window.end;
      clock += (12 + ((step * 17) % 49)) * 3_600_000;
    }
    expect(planned).toBeGreaterThan(40);
    expect(skips).toBeGreaterThan(10);
    expect(skips).toBeLessThan(planned);
  });
});
