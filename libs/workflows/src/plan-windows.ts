import {
  ReportPeriod,
  reportMarketplaceIds,
  type Account,
  type ReportConfig,
} from '@spapi-lake/config';
import { type ReportTypeDefinition, reportOptionsProblem } from '@spapi-lake/reports';
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
/** Missing snapshot days planned one by one; beyond that only the latest day is planned. */
export const DEFAULT_MAX_SNAPSHOT_BACKFILL_DAYS = 1;

/** What `planWindows` needs to cut the due windows of one (partner, report config). */
export interface PlanWindowsInput {
  readonly reportConfig: ReportConfig;
  readonly account: Account;
  /** The report type's rules: `reportTypeDefinition(reportConfig.reportType)`. */
  readonly definition: Pick<
    ReportTypeDefinition,
    'reportType' | 'window' | 'requiredOptions' | 'optionValues'
  >;
  /** Per marketplace id: the exclusive end of the last window ingested (absent: none yet). */
  readonly watermarks: Readonly<Partial<Record<string, string>>>;
  /** Epoch milliseconds the plan is made at (the fan-out execution's start time). */
  readonly now: number;
  /** Per lane (marketplace); default DEFAULT_MAX_WINDOWS_PER_RUN. */
  readonly maxWindowsPerRun?: number;
  /** Snapshot types only; default DEFAULT_MAX_SNAPSHOT_BACKFILL_DAYS. */
  readonly maxSnapshotBackfillDays?: number;
}

interface Interval {
  readonly start: number;
  readonly end: number;
  readonly previous: number | undefined;
}

type Cut =
  | { readonly kind: 'rolling'; readonly minDays: number; readonly maxDays: number }
  | {
      readonly kind: 'period';
      readonly period: ReportPeriod;
      /** False when the period comes from `dateGranularity`, which the request already carries. */
      readonly asReportPeriod: boolean;
    }
  | { readonly kind: 'snapshot'; readonly maxBackfillDays: number };

/**
 * The windows due now for one (partner, report config): one lane per marketplace, each continuing
 * exactly at its watermark (half-open UTC intervals, so consecutive runs neither gap nor overlap),
 * ending no later than `now` minus the data lag, at most `maxWindowsPerRun` per lane.
 */
export function planWindows(input: PlanWindowsInput): ReportWindow[] {
  const { reportConfig: config, definition } = input;
  const requested = {
    ...config.reportOptions,
    ...(config.period === undefined ? {} : { reportPeriod: config.period }),
  };
  const problem = reportOptionsProblem(definition, requested);
  if (problem !== undefined) throw new WindowPlanningError(config.id, problem);
  const cut = cutOf(input);
  const lagMs = Math.max(definition.window.dataLagHours, config.lagHours) * HOUR_MS;
  const reportOptions = optionsOf(config, cut, definition.requiredOptions);
  const cap = input.maxWindowsPerRun ?? DEFAULT_MAX_WINDOWS_PER_RUN;

  return reportMarketplaceIds(config, input.account).flatMap((marketplaceId) => {
    const watermark = input.watermarks[marketplaceId];
    const lane = {
      watermark: watermark === undefined ? undefined : parseInstant(watermark),
      startDate: config.startDate === undefined ? undefined : parseInstant(config.startDate),
      horizon: input.now - lagMs,
    };
    return laneIntervals(cut, lane)
      .slice(0, cap)
      .map((interval) => toWindow(interval, cut, marketplaceId, reportOptions));
  });
}

function cutOf({
  reportConfig: config,
  definition,
  maxSnapshotBackfillDays,
}: PlanWindowsInput): Cut {
  const rules = definition.window;
  if (rules.snapshot) {
    return {
      kind: 'snapshot',
      maxBackfillDays: maxSnapshotBackfillDays ?? DEFAULT_MAX_SNAPSHOT_BACKFILL_DAYS,
    };
  }
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
  requiredOptions: readonly string[],
): Record<string, string> {
  const options: Record<string, string> = { ...config.reportOptions };
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
}

function laneIntervals(cut: Cut, lane: LaneClock): Interval[] {
  switch (cut.kind) {
    case 'rolling':
      return rollingIntervals(cut.minDays, cut.maxDays, lane);
    case 'period':
      return periodIntervals(cut.period, lane);
    case 'snapshot':
      return snapshotIntervals(cut.maxBackfillDays, lane);
  }
}

// Rolling windows end on whole UTC days: a window is due once `minDays` complete days exist past the
// watermark, and catching up takes up to `maxDays` per window.
function rollingIntervals(minDays: number, maxDays: number, lane: LaneClock): Interval[] {
  const limit = floorUtcDay(lane.horizon);
  let cursor = lane.watermark ?? lane.startDate ?? limit - minDays * DAY_MS;
  let previous = lane.watermark;
  const intervals: Interval[] = [];
  while (limit - cursor >= minDays * DAY_MS) {
    const end = Math.min(floorUtcDay(cursor + maxDays * DAY_MS), limit);
    intervals.push({ start: cursor, end, previous });
    previous = cursor = end;
  }
  return intervals;
}

// Whole periods only, each due once it has ended and the lag has passed. A start date inside a
// period starts at that period (it covers the date). A watermark off a period boundary (the
// config's period changed, say WEEK to MONTH) starts at the period containing it: the days before
// the watermark are asked again rather than never, and the rows carry their report_period, so the
// new period's rows stay apart from the old one's.
function periodIntervals(period: ReportPeriod, lane: LaneClock): Interval[] {
  let cursor: number;
  if (lane.watermark !== undefined) {
    cursor = periodStart(period, lane.watermark);
  } else if (lane.startDate !== undefined) {
    cursor = periodStart(period, lane.startDate);
  } else {
    cursor = periodStart(period, periodStart(period, lane.horizon) - 1);
  }
  let previous = lane.watermark;
  const intervals: Interval[] = [];
  for (let end = nextPeriodStart(period, cursor); end <= lane.horizon;) {
    intervals.push({ start: cursor, end, previous });
    previous = cursor = end;
    end = nextPeriodStart(period, cursor);
  }
  return intervals;
}

// A snapshot (listings, inventory) is the state at the moment of the request: a past day cannot be
// fetched. Days missed beyond `maxBackfillDays` are skipped and only today is planned.
function snapshotIntervals(maxBackfillDays: number, lane: LaneClock): Interval[] {
  const today = floorUtcDay(lane.horizon);
  const first =
    lane.watermark !== undefined
      ? Math.ceil(lane.watermark / DAY_MS) * DAY_MS
      : floorUtcDay(lane.startDate ?? today);
  const missingDays = Math.floor((today - first) / DAY_MS) + 1;
  if (missingDays <= 0) return [];
  const from = missingDays > maxBackfillDays ? today : first;
  const intervals: Interval[] = [];
  let previous = lane.watermark;
  for (let day = from; day <= today; day += DAY_MS) {
    intervals.push({ start: day, end: day + DAY_MS, previous });
    previous = day + DAY_MS;
  }
  return intervals;
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
