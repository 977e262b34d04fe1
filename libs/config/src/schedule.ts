import { z } from 'zod';

/**
 * Named schedules, each an EventBridge Scheduler cron at 09:15 UTC of its period (`hourly`: at :15).
 * A schedule is how often due windows are looked for, not the period: with a lag, a period is due
 * after its end, so `weekly` would fetch each week a week late; check weekly and monthly periods
 * `daily`. 09:15, not midnight: a day's window is due its type's `dataLagHours` after the day ends
 * (orders 1 h, analytics 80 h, that is 08:00), and a run at 00:00 would find it not yet due and
 * leave it to the next day's run, a day late.
 */
export const SCHEDULE_PRESETS = {
  hourly: 'cron(15 * * * ? *)',
  daily: 'cron(15 9 * * ? *)',
  // Brand Analytics and vendor weeks run Sunday -> Saturday.
  weekly: 'cron(15 9 ? * SUN *)',
  monthly: 'cron(15 9 1 * ? *)',
} as const;
export type SchedulePreset = keyof typeof SCHEDULE_PRESETS;

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;
const CRON_FIELD = /^[0-9A-Za-z*?,/#-]+$/;

function isPreset(schedule: string): schedule is SchedulePreset {
  return Object.hasOwn(SCHEDULE_PRESETS, schedule);
}

/** Why `schedule` is not a preset, `rate(...)` or `cron(...)` EventBridge Scheduler accepts; undefined when valid. */
export function scheduleProblem(schedule: string): string | undefined {
  if (isPreset(schedule)) return undefined;
  const rate = RATE.exec(schedule);
  if (rate) {
    const value = Number(rate[1]);
    const singular = !(rate[2] ?? '').endsWith('s');
    if (value < 1) return 'rate value must be at least 1';
    // EventBridge rejects `rate(1 days)` and `rate(2 day)`.
    if (singular !== (value === 1)) return 'rate unit must be singular for 1 and plural otherwise';
    return undefined;
  }
  const cron = CRON.exec(schedule);
  if (cron) {
    const fields = (cron[1] ?? '').trim().split(/\s+/);
    if (fields.length !== 6 || !fields.every((field) => CRON_FIELD.test(field))) {
      return 'cron needs 6 fields: minutes hours day-of-month month day-of-week year';
    }
    const [, , dayOfMonth, , dayOfWeek] = fields;
    if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
      return "cron needs '?' in exactly one of day-of-month and day-of-week";
    }
    return undefined;
  }
  return `must be one of ${Object.keys(SCHEDULE_PRESETS).join(', ')}, rate(...) or cron(...)`;
}

/** A schedule: a preset name, or an EventBridge Scheduler `rate(...)` / `cron(...)` expression. */
export const ScheduleSchema = z.string().superRefine((schedule, ctx) => {
  const problem = scheduleProblem(schedule);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The EventBridge Scheduler expression of a validated schedule (presets expanded). */
export function toScheduleExpression(schedule: string): string {
  return isPreset(schedule) ? SCHEDULE_PRESETS[schedule] : schedule;
}
