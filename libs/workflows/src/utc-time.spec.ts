import { floorUtcDay, parseInstant, toIsoSeconds } from './utc-time';

describe('utc time', () => {
  it('formats instants without milliseconds', () => {
    expect(toIsoSeconds(Date.UTC(2025, 0, 31, 23, 59, 59, 999))).toBe('2025-01-31T23:59:59Z');
  });

  it('reads dates as midnight UTC and date-times as given', () => {
    expect(parseInstant('2025-03-01')).toBe(Date.UTC(2025, 2, 1));
    expect(parseInstant('2025-03-01T12:00:00+02:00')).toBe(Date.UTC(2025, 2, 1, 10));
    expect(() => parseInstant('yesterday')).toThrow(RangeError);
  });

  it('floors to midnight UTC', () => {
    expect(floorUtcDay(Date.UTC(2025, 2, 1, 23, 59))).toBe(Date.UTC(2025, 2, 1));
  });
});
