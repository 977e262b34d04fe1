import { parseCell, parseDate, parseInstant, parseNumber } from './parse-cell';
import { CellParseError } from './errors';

describe('parseInstant', () => {
  it('reads ISO 8601 with offsets and Z', () => {
    expect(parseInstant('2026-11-03T14:22:09+00:00')).toBe(Date.UTC(2026, 10, 3, 14, 22, 9));
    expect(parseInstant('2026-11-03T14:22:09-0700')).toBe(Date.UTC(2026, 10, 3, 21, 22, 9));
    expect(parseInstant('2026-11-03T14:22:09.5Z')).toBe(Date.UTC(2026, 10, 3, 14, 22, 9, 500));
  });

  it('reads flat-file timestamps with zone abbreviations', () => {
    expect(parseInstant('2016-11-18 00:05:40 PST')).toBe(Date.UTC(2016, 10, 18, 8, 5, 40));
    expect(parseInstant('2016-07-18 00:05:40 CEST')).toBe(Date.UTC(2016, 6, 17, 22, 5, 40));
    expect(parseInstant('18.11.2016 10:00:00 UTC')).toBe(Date.UTC(2016, 10, 18, 10));
    expect(parseInstant('18.11.2016')).toBe(Date.UTC(2016, 10, 18));
    expect(parseInstant('2016-11-18')).toBe(Date.UTC(2016, 10, 18));
    expect(parseInstant('31.02.2016')).toBeUndefined();
  });

  it('rejects unknown zones and impossible dates', () => {
    expect(parseInstant('2016-11-18 00:05:40 XYZ')).toBeUndefined();
    expect(parseInstant('2026-02-30T00:00:00Z')).toBeUndefined();
    expect(parseInstant('yesterday')).toBeUndefined();
  });
});

describe('parseDate and parseNumber', () => {
  it('reads ISO and European dates', () => {
    expect(parseDate('2026-11-03')).toBe('2026-11-03');
    expect(parseDate('03.11.2026')).toBe('2026-11-03');
    expect(parseDate('2026-11-03T23:30:00-02:00')).toBe('2026-11-04');
  });

  it('reads decimal points, decimal commas and thousands separators', () => {
    expect(parseNumber('19.99')).toBe(19.99);
    expect(parseNumber('12,99')).toBe(12.99);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234.56')).toBe(1234.56);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('12abc')).toBeUndefined();
  });

  it('reads a comma after a lone 0 as a decimal comma, whatever the number of digits after it', () => {
    expect(parseNumber('0,125')).toBe(0.125);
    expect(parseNumber('-0,125')).toBe(-0.125);
    expect(parseNumber('+0,5')).toBe(0.5);
    expect(parseNumber('0,1234')).toBe(0.1234);
    expect(parseNumber(',125')).toBe(0.125);
  });

  it('reads a comma after dot-grouped thousands as a decimal comma', () => {
    expect(parseNumber('1.234,125')).toBe(1234.125);
    expect(parseNumber('-12.345.678,5')).toBe(-12345678.5);
  });

  it('keeps reading an ambiguous comma before three digits as a thousands separator', () => {
    expect(parseNumber('12,345')).toBe(12345);
    expect(parseNumber('1,234,567')).toBe(1234567);
    expect(parseNumber('-1,234')).toBe(-1234);
  });

  it('reads a leading plus sign with a decimal comma', () => {
    expect(parseNumber('+12,99')).toBe(12.99);
  });
});

describe('parseCell', () => {
  it('turns empty fields into null for every type', () => {
    for (const type of ['string', 'integer', 'decimal', 'boolean', 'timestamp', 'date'] as const) {
      expect(parseCell({ name: 'x', source: 'x', type }, '')).toBeNull();
    }
  });

  it('reads booleans in the spellings reports use', () => {
    const column = { name: 'b', source: 'b', type: 'boolean' } as const;
    expect(parseCell(column, 'Yes')).toBe(true);
    expect(parseCell(column, 'false')).toBe(false);
    expect(() => parseCell(column, 'maybe')).toThrow(CellParseError);
  });

  it('names the column when a value does not fit its type', () => {
    expect(() => parseCell({ name: 'quantity', source: 'q', type: 'integer' }, '2.5')).toThrow(
      'column quantity: not a valid integer',
    );
  });
});
