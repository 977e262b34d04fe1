import { ScheduleSchema, scheduleProblem, toScheduleExpression } from './schedule';

describe('schedules', () => {
  it.each([
    'hourly',
    'daily',
    'weekly',
    'monthly',
    'rate(1 hour)',
    'rate(15 minutes)',
    'rate(2 days)',
    'cron(0 6 * * ? *)',
    'cron(30 2 ? * MON-FRI *)',
  ])('accepts %s', (schedule) => {
    expect(scheduleProblem(schedule)).toBeUndefined();
    expect(ScheduleSchema.safeParse(schedule).success).toBe(true);
  });

  it.each([
    ['rate(1 days)', 'rate unit must be singular for 1 and plural otherwise'],
    ['rate(2 hour)', 'rate unit must be singular for 1 and plural otherwise'],
    ['rate(0 minutes)', 'rate value must be at least 1'],
    ['cron(0 6 * * *)', 'cron needs 6 fields'],
    ['cron(0 6 * * * *)', "cron needs '?' in exactly one of day-of-month and day-of-week"],
    [
      'at(2025-01-01T00:00:00)',
      'must be one of hourly, daily, weekly, monthly, rate(...) or cron(...)',
    ],
    ['Daily', 'must be one of'],
  ])('rejects %s', (schedule, problem) => {
    expect(scheduleProblem(schedule)).toContain(problem);
  });

  it('expands presets and keeps expressions as they are', () => {
    expect(toScheduleExpression('daily')).toBe('cron(15 9 * * ? *)');
    expect(toScheduleExpression('weekly')).toBe('cron(15 9 ? * SUN *)');
    expect(toScheduleExpression('rate(6 hours)')).toBe('rate(6 hours)');
  });
});
