import {
  dateKey,
  dayFromDateKey,
  daysFromCivil,
  formatIsoOffset,
  periodContaining,
  periodsBetween,
  weekday,
} from './calendar';

describe('calendar', () => {
  it('formats instants as ISO 8601 with an offset', () => {
    const ms = Date.parse('2026-11-03T14:22:09Z');
    expect(formatIsoOffset(ms)).toBe('2026-11-03T14:22:09+00:00');
    expect(formatIsoOffset(ms, -480)).toBe('2026-11-03T06:22:09-08:00');
    expect(formatIsoOffset(ms, 330)).toBe('2026-11-03T19:52:09+05:30');
  });

  it('numbers days in UTC and knows weekdays and leap years', () => {
    const day = dayFromDateKey('2024-02-29T23:00:00Z') ?? Number.NaN;
    expect(dateKey(day)).toBe('2024-02-29');
    expect(dateKey(day + 1)).toBe('2024-03-01');
    expect(weekday(daysFromCivil(2026, 10, 4))).toBe(0);
    expect(dayFromDateKey('not a date')).toBeUndefined();
  });

  it('finds report periods (weeks run Sunday to Saturday)', () => {
    const day = daysFromCivil(2026, 11, 18);
    const span = (period: Parameters<typeof periodContaining>[0]) => {
      const { first, last } = periodContaining(period, day);
      return [dateKey(first), dateKey(last)];
    };
    expect(span('WEEK')).toEqual(['2026-11-15', '2026-11-21']);
    expect(span('MONTH')).toEqual(['2026-11-01', '2026-11-30']);
    expect(span('QUARTER')).toEqual(['2026-10-01', '2026-12-31']);
    expect(span('YEAR')).toEqual(['2026-01-01', '2026-12-31']);
    expect(
      periodsBetween('MONTH', daysFromCivil(2026, 10, 20), daysFromCivil(2026, 12, 5)).map((p) =>
        dateKey(p.first),
      ),
    ).toEqual(['2026-10-20', '2026-11-01', '2026-12-01']);
  });
});
