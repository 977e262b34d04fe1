import {
  ReportPeriod,
  reportMarketplaceIds,
  type Account,
  type ReportConfig,
} from '@spapi-lake/config';
import {
  type ReportTypeDefinition,
  lookbackDaysOf,
  reportOptionsProblem,
} from '@spapi-lake/reports';
import { WindowPlanningError } from './errors';
import {
  dateGranularityPeriod,
  isReportPeriod,
  nextPeriodStart,
  periodStart,
} from './report-period';
import type { ReportWindow } from './report-window';
import { DAY_MS, HOUR_MS, floorUtcDay, parseInstant, toIsoSeconds } from './utc-time';

/** Windows one lane plans per run at most, so a long backfill proceeds over several runs. */
export const DEFAULT_MAX_WINDOWS_PER_RUN = 10;
/**
 * Days a planned window keeps clear of its report type's lookback limit, so that it has not aged
 * past the limit by the time its createReport is sent: lanes wait their turn (a few run at once)
 * and a fan-out run may last its whole timeout (7 days), so one day more than that.
 */
export const LOOKBACK_SAFETY_DAYS = 8;

/** What `planWindows` needs to cut the due windows of one (partner, report config). */
export interface PlanWindowsInput {
  readonly reportConfig: ReportConfig;
  readonly account: Account;
  /** The report type's rules: `reportTypeDefinition(reportConfig.reportType)`. */
  readonly definition: Pick<
    ReportTypeDefinition,
    | 'reportType'
    | 'window'
    | 'requiredOptions'
    | 'optionValues'
    | 'onlyListedOptions'
    | 'asinListOptions'
    | 'defaultOptions'
  >;
  /** Per marketplace id: the exclusive end of the last window ingested (absent: none yet). */
  readonly watermarks: Readonly<Partial<Record<string, string>>>;
  /** Epoch milliseconds the plan is made at (the fan-out execution's start time). */
  readonly now: number;
  /** Per lane (marketplace); default DEFAULT_MAX_WINDOWS_PER_RUN. */
  readonly maxWindowsPerRun?: number;
}

/**
 * Days of one lane that are never requested: they lie beyond the report type's `maxLookbackDays`,
 * where Amazon cancels the report, so the lane starts at the first window boundary after them.
 */
export interface BeyondLookback {
  readonly marketplaceId: string;
  /** Where the lane would have continued: its watermark, else the start of its first window. */
  readonly from: string;
  /** The first window boundary LOOKBACK_SAFETY_DAYS inside the lookback: the lane starts here. */
  readonly to: string;
  /** Days in [from, to), rounded up. */
  readonly days: number;
  readonly maxLookbackDays: number;
}

/** The due windows of one (partner, report config) and the days its lanes leave behind for good. */
export interface WindowPlan {
  readonly windows: ReportWindow[];
  /** One entry per lane whose watermark or start date is older than the lookback allows. */
  readonly beyondLookback: BeyondLookback[];
}

interface Interval {
  readonly start: number;
  readonly end: number;
  readonly previous: number | undefined;
}

interface LaneIntervals {
  readonly intervals: Interval[];
  /** [from, to) of days before the lookback limit the lane would otherwise have asked for. */
  readonly skipped?: { readonly from: number; readonly to: number };
}

type Cut =
  | { readonly kind: 'rolling'; readonly minDays: number; readonly maxDays: number }
  | {
      readonly kind: 'period';
      readonly period: ReportPeriod;
      /** False when the period comes from `dateGranularity`, which the request already carries. */
      readonly asReportPeriod: boolean;
    }
  | { readonly kind: 'snapshot' };

/**
 * The windows due now for one (partner, report config): one lane per marketplace, each continuing
 * exactly at its watermark (half-open UTC intervals, so consecutive runs neither gap nor overlap),
 * ending no later than `now` minus the data lag, at most `maxWindowsPerRun` per lane. No window
 * starts more than the type's `maxLookbackDays` less LOOKBACK_SAFETY_DAYS before `now`: a lane
 * older than that starts at the first window boundary after it, the days left in `beyondLookback`.
 */
export function planWindows(input: PlanWindowsInput): WindowPlan {
  const { reportConfig: config, definition } = input;
  const requested = {
    ...config.reportOptions,
    ...(config.period === undefined ? {} : { reportPeriod: config.period }),
  };
  const problem = reportOptionsProblem(definition, requested);
  if (problem !== undefined) throw new WindowPlanningError(config.id, problem);
  const cut = cutOf(input);
  const lagMs = Math.max(definition.window.dataLagHours, config.lagHours) * HOUR_MS;
  const reportOptions = optionsOf(config, cut, definition);
  const cap = input.maxWindowsPerRun ?? DEFAULT_MAX_WINDOWS_PER_RUN;
  const maxLookbackDays = lookbackDaysOf(
    definition.window,
    cut.kind === 'period' && cut.asReportPeriod ? cut.period : undefined,
  );
  const earliestStart =
    maxLookbackDays === undefined
      ? undefined
      : input.now - (maxLookbackDays - LOOKBACK_SAFETY_DAYS) * DAY_MS;

  const plan: WindowPlan = { windows: [], beyondLookback: [] };
  for (const marketplaceId of reportMarketplaceIds(config, input.account)) {
    const watermark = input.watermarks[marketplaceId];
    const lane = {
      watermark: watermark === undefined ? undefined : parseInstant(watermark),
      startDate: config.startDate === undefined ? undefined : parseInstant(config.startDate),
      horizon: input.now - lagMs,
      earliestStart,
    };
    const { intervals, skipped } = laneIntervals(cut, lane);
    plan.windows.push(
      ...intervals
        .slice(0, cap)
        .map((interval) => toWindow(interval, cut, marketplaceId, reportOptions)),
    );
    if (skipped !== undefined && maxLookbackDays !== undefined) {
      plan.beyondLookback.push({
        marketplaceId,
        from: toIsoSeconds(skipped.from),
        to: toIsoSeconds(skipped.to),
        days: Math.ceil((skipped.to - skipped.from) / DAY_MS),
        maxLookbackDays,
      });
    }
  }
  return plan;
}

function cutOf({ reportConfig: config, definition }: PlanWindowsInput): Cut {
  const rules = definition.window;
  if (rules.snapshot) return { kind: 'snapshot' };
  const period = config.period ?? config.reportOptions?.['reportPeriod'];
  if (period !== undefined) {
    if (!isReportPeriod(period)) {
      throw new WindowPlanningError(config.id, `unknown reportPeriod "${period}"`);
    }
    return { kind: 'period', period, asReportPeriod: true };
  }
  const granularity = dateGranularityPeriod(config.reportOptions);
  if (granularity !== undefined && definition.optionValues['dateGranularity'] !== undefined) {
    return { kind: 'period', period: granularity, asReportPeriod: false };
  }
  if (rules.periodAligned) {
    const periods = definition.optionValues['reportPeriod'] ?? Object.values(ReportPeriod);
    throw new WindowPlanningError(
      config.id,
      `${config.reportType} is period-aligned: set period (${periods.join(', ')})`,
    );
  }
  const minDays = config.windowDays ?? 1;
  const maxDays = Math.max(1, Math.min(rules.maxWindowDays, config.maxWindowDays ?? minDays));
  return { kind: 'rolling', minDays: Math.min(minDays, maxDays), maxDays };
}

function optionsOf(
  config: ReportConfig,
  cut: Cut,
  { requiredOptions, defaultOptions }: PlanWindowsInput['definition'],
): Record<string, string> {
  const options: Record<string, string> = { ...defaultOptions, ...config.reportOptions };
  if (cut.kind === 'period' && cut.asReportPeriod) options['reportPeriod'] = cut.period;
  const missing = requiredOptions.filter((key) => options[key] === undefined);
  if (missing.length > 0) {
    throw new WindowPlanningError(config.id, `reportOptions must set ${missing.join(', ')}`);
  }
  return options;
}

interface LaneClock {
  /** Parsed watermark of the lane. */
  readonly watermark: number | undefined;
  /** Parsed `startDate` of the config. */
  readonly startDate: number | undefined;
  /** `now` minus the data lag: nothing after it is complete yet. */
  readonly horizon: number;
  /** No window starts before it (now - lookback + LOOKBACK_SAFETY_DAYS); undefined: no limit. */
  readonly earliestStart: number | undefined;
}

// The first start of a lane: `wanted`, unless it is older than the lookback allows; then
// `firstInside`, and the days from `notAskedFrom` (the first day not yet ingested) up to it are
// left behind for good.
function withinLookback(
  wanted: number,
  firstInside: number | undefined,
  notAskedFrom: number,
): { readonly start: number; readonly skipped?: { from: number; to: number } } {
  if (firstInside === undefined || wanted >= firstInside) return { start: wanted };
  return { start: firstInside, skipped: { from: notAskedFrom, to: firstInside } };
}

function laneIntervals(cut: Cut, lane: LaneClock): LaneIntervals {
  switch (cut.kind) {
    case 'rolling':
      return rollingIntervals(cut.minDays, cut.maxDays, lane);
    case 'period':
      return periodIntervals(cut.period, lane);
    case 'snapshot':
      // A snapshot takes no dates: there is nothing for a lookback to limit.
      return { intervals: snapshotIntervals(lane) };
  }
}

// Rolling windows end on whole UTC days: a window is due once `minDays` complete days exist past the
// watermark, and catching up takes up to `maxDays` per window. A lane older than the lookback
// starts at the first midnight inside it.
function rollingIntervals(minDays: number, maxDays: number, lane: LaneClock): LaneIntervals {
  const limit = floorUtcDay(lane.horizon);
  const wanted = lane.watermark ?? lane.startDate ?? limit - minDays * DAY_MS;
  const firstInside =
    lane.earliestStart === undefined ? undefined : Math.ceil(lane.earliestStart / DAY_MS) * DAY_MS;
  const { start, skipped } = withinLookback(wanted, firstInside, wanted);
  let cursor = start;
  let previous = lane.watermark;
  const intervals: Interval[] = [];
  while (limit - cursor >= minDays * DAY_MS) {
    const end = Math.min(floorUtcDay(cursor + maxDays * DAY_MS), limit);
    intervals.push({ start: cursor, end, previous });
    previous = cursor = end;
  }
  return { intervals, ...(skipped === undefined ? {} : { skipped }) };
}

// Whole periods only, each due once it has ended and the lag has passed. A start date inside a
// period starts at that period (it covers the date). A watermark off a period boundary (the
// config's period changed, say WEEK to MONTH) starts at the period containing it: the days before
// the watermark are asked again rather than never, and the rows carry their report_period, so the
// new period's rows stay apart from the old one's. A lane older than the lookback starts at the
// first period starting inside it: Amazon may judge the lookback on the period's first day.
function periodIntervals(period: ReportPeriod, lane: LaneClock): LaneIntervals {
  let wanted: number;
  if (lane.watermark !== undefined) {
    wanted = periodStart(period, lane.watermark);
  } else if (lane.startDate !== undefined) {
    wanted = periodStart(period, lane.startDate);
  } else {
    wanted = periodStart(period, periodStart(period, lane.horizon) - 1);
  }
  const firstInside =
    lane.earliestStart === undefined ? undefined : firstPeriodFrom(period, lane.earliestStart);
  const { start, skipped } = withinLookback(wanted, firstInside, lane.watermark ?? wanted);
  let cursor = start;
  let previous = lane.watermark;
  const intervals: Interval[] = [];
  for (let end = nextPeriodStart(period, cursor); end <= lane.horizon;) {
    intervals.push({ start: cursor, end, previous });
    previous = cursor = end;
    end = nextPeriodStart(period, cursor);
  }
  return { intervals, ...(skipped === undefined ? {} : { skipped }) };
}

/** The first period boundary at or after `epochMs`. */
function firstPeriodFrom(period: ReportPeriod, epochMs: number): number {
  const start = periodStart(period, epochMs);
  return start < epochMs ? nextPeriodStart(period, start) : start;
}

// A snapshot (listings, inventory) is the state at the moment of the request: a past day cannot be
// fetched, and a request now labelled with a missed day would put today's state in it. So only
// today is planned; missed days stay missing (the window's previous watermark is the older one).
function snapshotIntervals(lane: LaneClock): Interval[] {
  const today = floorUtcDay(lane.horizon);
  const next =
    lane.watermark !== undefined
      ? Math.ceil(lane.watermark / DAY_MS) * DAY_MS
      : floorUtcDay(lane.startDate ?? today);
  if (next > today) return [];
  return [{ start: today, end: today + DAY_MS, previous: lane.watermark }];
}

function toWindow(
  { start, end, previous }: Interval,
  cut: Cut,
  marketplaceId: string,
  reportOptions: Record<string, string>,
): ReportWindow {
  const dates =
    cut.kind === 'snapshot'
      ? {}
      : { dataStartTime: toIsoSeconds(start), dataEndTime: toIsoSeconds(end - 1000) };
  return {
    start: toIsoSeconds(start),
    end: toIsoSeconds(end),
    ...(previous === undefined ? {} : { previousWatermark: toIsoSeconds(previous) }),
    ...dates,
    marketplaceIds: [marketplaceId],
    reportOptions,
  };
}
