import { CellParseError } from './errors';
import { parseCell, parseInstant, parseNumber } from './parse-cell';

// The fast paths taken for the common forms must agree with the general parser on every input.
describe('parseInstant on whole-second ISO 8601 instants', () => {
  const general = (text: string): number | undefined => {
    const time = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(time) ? undefined : time;
  };

  it.each([
    '2026-11-03T14:22:09+00:00',
    '2026-11-03T14:22:09Z',
    '2026-11-03T14:22:09-07:00',
    '2026-11-03T14:22:09+0530',
    '2024-02-29T23:59:59+01:00',
    '1999-12-31T00:00:00-12:00',
    '2026-11-03T24:00:00Z',
  ])('reads %s as Date.parse does', (text) => {
    expect(parseInstant(text)).toBe(general(text));
    expect(parseInstant(text)).toBeDefined();
  });

  it.each([
    '2023-02-29T12:00:00Z',
    '2026-04-31T12:00:00Z',
    '2026-13-01T12:00:00Z',
    '2026-00-10T12:00:00Z',
    '2026-11-03T25:00:00Z',
    '2026-11-03T12:60:00Z',
    '2026-11-03T12:00:60Z',
    '2026-11-03T24:00:01Z',
  ])('refuses %s', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});

describe('parseNumber on plain amounts', () => {
  it.each(['12.99', '-5.00', '0', '007', '1234567.5'])('reads %s as Number does', (text) => {
    expect(parseNumber(text)).toBe(Number(text));
  });

  it('still reads decimal commas, thousands separators and spaces', () => {
    expect(parseNumber('12,99')).toBe(12.99);
    expect(parseNumber('1,234.56')).toBe(1234.56);
    expect(parseNumber(' 5.5 ')).toBe(5.5);
  });

  it('keeps rejecting what is not a number', () => {
    expect(parseNumber('12.9.9')).toBeUndefined();
    expect(() => parseCell({ name: 'price', source: 'price', type: 'decimal' }, '12.9.9')).toThrow(
      CellParseError,
    );
  });
});
