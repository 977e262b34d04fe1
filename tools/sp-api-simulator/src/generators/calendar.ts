// Module-level aliases: global lookups are slow inside jest's VM contexts (hot paths).
const { floor, abs } = Math;

/** Milliseconds in a UTC day. Days are numbered from 1970-01-01 (day 0), always in UTC. */
export const DAY_MS = 86_400_000;

/** Epoch ms of an ISO 8601 instant, or undefined when it does not parse. */
export function parseInstant(iso: string): number | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The UTC day number containing `ms`. */
export function dayOf(ms: number): number {
  return floor(ms / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dateKey(day: number): string {
  // Timestamps of one document cluster on few days: remember the last one.
  if (day === lastKeyDay) return lastKey;
  const { year, month, dayOfMonth } = civilFromDays(day);
  lastKeyDay = day;
  lastKey = `${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
  return lastKey;
}

let lastKeyDay = Number.NaN;
let lastKey = '';

/** Day number of a `YYYY-MM-DD` date (or of the date part of an ISO instant), undefined if invalid. */
export function dayFromDateKey(date: string): number | undefined {
  const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : dayOf(ms);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** `YYYY-MM-DDTHH:MM:SS+hh:mm` for an instant shown at a fixed UTC offset (minutes). */
export function formatIsoOffset(ms: number, offsetMinutes = 0): string {
  const local = ms + offsetMinutes * 60_000;
  const day = floor(local / DAY_MS);
  const secondOfDay = floor((local - day * DAY_MS) / 1000);
  const hh = floor(secondOfDay / 3600);
  const mm = floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = abs(offsetMinutes);
  return `${dateKey(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}${sign}${pad2(floor(magnitude / 60))}:${pad2(magnitude % 60)}`;
}

/** Calendar fields of a day number (proleptic Gregorian, H. Hinnant's algorithm). */
export function civilFromDays(day: number): { year: number; month: number; dayOfMonth: number } {
  const z = day + 719468;
  const era = floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

/** Day number of a calendar date. */
export function daysFromCivil(year: number, month: number, dayOfMonth: number): number {
  return dayOf(Date.UTC(year, month - 1, dayOfMonth));
}

/** Report periods of Brand Analytics and vendor analytics reports (WEEK runs Sunday to Saturday). */
export const ReportPeriod = {
  DAY: 'DAY',
  WEEK: 'WEEK',
  MONTH: 'MONTH',
  QUARTER: 'QUARTER',
  YEAR: 'YEAR',
} as const;
export type ReportPeriod = (typeof ReportPeriod)[keyof typeof ReportPeriod];

/** First and last day (inclusive) of the period of the given kind that contains `day`. */
export function periodContaining(
  period: ReportPeriod,
  day: number,
): { first: number; last: number } {
  const { year, month } = civilFromDays(day);
  switch (period) {
    case 'DAY':
      return { first: day, last: day };
    case 'WEEK': {
      const first = day - weekday(day);
      return { first, last: first + 6 };
    }
    case 'MONTH':
      return { first: daysFromCivil(year, month, 1), last: daysFromCivil(year, month + 1, 1) - 1 };
    case 'QUARTER': {
      const firstMonth = month - ((month - 1) % 3);
      return {
        first: daysFromCivil(year, firstMonth, 1),
        last: daysFromCivil(year, firstMonth + 3, 1) - 1,
      };
    }
    case 'YEAR':
      return { first: daysFromCivil(year, 1, 1), last: daysFromCivil(year + 1, 1, 1) - 1 };
  }
}

/** The consecutive periods covering [firstDay, lastDay], each clipped to that range. */
export function periodsBetween(
  period: ReportPeriod,
  firstDay: number,
  lastDay: number,
): { first: number; last: number }[] {
  const periods: { first: number; last: number }[] = [];
  for (let day = firstDay; day <= lastDay;) {
    const { last } = periodContaining(period, day);
    periods.push({ first: day, last: Math.min(last, lastDay) });
    day = last + 1;
  }
  return periods;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
