import { daysFromCivil, daysInMonth } from './civil-date';

describe('civil dates', () => {
  it('counts days in months, leap years included', () => {
    expect([1, 2, 4, 12].map((month) => daysInMonth(2025, month))).toEqual([31, 28, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('numbers days from the Unix epoch as Date.UTC does', () => {
    for (const [year, month, day] of [
      [1970, 1, 1],
      [1969, 12, 31],
      [2000, 2, 29],
      [2026, 11, 27],
      [1600, 3, 1],
    ] as const) {
      expect(daysFromCivil(year, month, day)).toBe(Date.UTC(year, month - 1, day) / 86_400_000);
    }
  });
});
