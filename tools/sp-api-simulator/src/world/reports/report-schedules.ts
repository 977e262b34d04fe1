import type { ScheduleRecord } from './report-state';

/** Adds (or with `sign` -1 subtracts) an ISO-8601 schedule period (`PT5M` ... `P1M`) to `from`. */
export function addPeriod(from: number, period: string, sign: 1 | -1 = 1): number {
  const match = /^P(?:(\d+)M|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?)$/.exec(period);
  if (match === null || period === 'P' || period === 'PT')
    throw new RangeError(`bad period ${period}`);
  const [, months, days, hours, minutes] = match;
  if (months !== undefined) {
    const date = new Date(from);
    date.setUTCMonth(date.getUTCMonth() + sign * Number(months));
    return date.getTime();
  }
  const ms =
    Number(days ?? 0) * 86_400_000 + Number(hours ?? 0) * 3_600_000 + Number(minutes ?? 0) * 60_000;
  if (ms <= 0) throw new RangeError(`bad period ${period}`);
  return from + sign * ms;
}

/** One report a schedule creates. */
export interface ScheduledRun {
  readonly schedule: ScheduleRecord;
  readonly createdTime: number;
  readonly dataStartTime: number;
}

/**
 * Collects the runs of every schedule due by `now` and moves each schedule's next creation time
 * past `now`. A run covers the period that ends at its creation time.
 */
export function dueScheduledRuns(schedules: Iterable<ScheduleRecord>, now: number): ScheduledRun[] {
  const runs: ScheduledRun[] = [];
  for (const schedule of schedules) {
    while (schedule.nextReportCreationTime <= now) {
      const createdTime = schedule.nextReportCreationTime;
      runs.push({
        schedule,
        createdTime,
        dataStartTime: addPeriod(createdTime, schedule.period, -1),
      });
      schedule.nextReportCreationTime = addPeriod(createdTime, schedule.period);
    }
  }
  return runs.sort((a, b) => a.createdTime - b.createdTime);
}

/** Whether two marketplace lists hold the same ids (order-insensitive). */
export function sameMarketplaces(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((id, i) => id === right[i]);
}
