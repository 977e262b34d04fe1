import { ReportPeriod } from '@spapi-lake/config';
import { DAY_MS, floorUtcDay } from './utc-time';

/** Whether `value` is one of the `reportPeriod` values. */
export function isReportPeriod(value: string): value is ReportPeriod {
  return Object.values<string>(ReportPeriod).includes(value);
}

/**
 * Start (midnight UTC) of the period containing `epochMs`. Weeks run Sunday to Saturday, as Brand
 * Analytics and vendor reports define them; months, quarters and years are calendar ones.
 */
export function periodStart(period: ReportPeriod, epochMs: number): number {
  const day = floorUtcDay(epochMs);
  const date = new Date(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (period) {
    case ReportPeriod.Day:
      return day;
    case ReportPeriod.Week:
      return day - date.getUTCDay() * DAY_MS;
    case ReportPeriod.Month:
      return Date.UTC(year, month, 1);
    case ReportPeriod.Quarter:
      return Date.UTC(year, month - (month % 3), 1);
    case ReportPeriod.Year:
      return Date.UTC(year, 0, 1);
  }
}

/** Start of the period after the one starting at `start` (its exclusive end). */
export function nextPeriodStart(period: ReportPeriod, start: number): number {
  const date = new Date(start);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (period) {
    case ReportPeriod.Day:
      return start + DAY_MS;
    case ReportPeriod.Week:
      return start + 7 * DAY_MS;
    case ReportPeriod.Month:
      return Date.UTC(year, month + 1, 1);
    case ReportPeriod.Quarter:
      return Date.UTC(year, month + 3, 1);
    case ReportPeriod.Year:
      return Date.UTC(year + 1, 0, 1);
  }
}

/**
 * The period a `dateGranularity` of WEEK or MONTH (Sales and Traffic) aligns windows to: Amazon
 * widens a window to whole weeks (Sunday to Saturday) or months, so windows cut otherwise would
 * overlap. Undefined for DAY or none.
 */
export function dateGranularityPeriod(
  reportOptions: Readonly<Record<string, string>> | undefined,
): ReportPeriod | undefined {
  const granularity = reportOptions?.['dateGranularity'];
  if (granularity === ReportPeriod.Week || granularity === ReportPeriod.Month) return granularity;
  return undefined;
}
