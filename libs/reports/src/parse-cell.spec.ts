import { parseCell, parseDate, parseInstant, parseNumber } from './parse-cell';
import { dateConventionsOf } from './date-conventions';
import { CellParseError } from './errors';

const UK = dateConventionsOf('A1F83G8C2ARO7P');
const US = dateConventionsOf('ATVPDKIKX0DER');
const CA = dateConventionsOf('A2EUQ1WTGCTBG2');
const JP = dateConventionsOf('A1VC38T7YXB528');
const IE = dateConventionsOf('A28R8C7NBKEWEA');
const IN = dateConventionsOf('A21TJRUUN4KGV');
const SA = dateConventionsOf('A17E79C6D8DWNP');

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

describe('parseInstant by the marketplace conventions', () => {
  it("reads the UK's day-first slashed timestamps (merchant listings' open-date)", () => {
    expect(parseInstant('08/07/2016 10:12:40 BST', UK)).toBe(Date.UTC(2016, 6, 8, 9, 12, 40));
    expect(parseInstant('24/03/2011 09:29:39 GMT', UK)).toBe(Date.UTC(2011, 2, 24, 9, 29, 39));
    expect(parseInstant('31/02/2016 09:29:39 GMT', UK)).toBeUndefined();
    // No zone: which local time it is cannot be told.
    expect(parseInstant('08/07/2016 10:12:40', UK)).toBeUndefined();
  });

  it("reads Japan's year-first slashed timestamps, unambiguous in any marketplace", () => {
    expect(parseInstant('2009/09/18 15:18:58 JST', JP)).toBe(Date.UTC(2009, 8, 18, 6, 18, 58));
    expect(parseInstant('2009/09/18 15:18:58 JST')).toBe(Date.UTC(2009, 8, 18, 6, 18, 58));
    expect(parseInstant('2009/09/18', JP)).toBe(Date.UTC(2009, 8, 18));
  });

  it('refuses a slashed date whose order no file shows (the US, Canada, Germany, none known)', () => {
    expect(parseInstant('08/07/2016 10:12:40 PDT', US)).toBeUndefined();
    expect(parseInstant('08/07/2016 10:12:40 EST', CA)).toBeUndefined();
    expect(parseInstant('08/07/2016 10:12:40 CEST', dateConventionsOf('A1PA6795UKMFR9'))).toBe(
      undefined,
    );
    expect(parseInstant('08/07/2016 10:12:40 GMT')).toBeUndefined();
    expect(parseInstant('08/07/2016 10:12:40 GMT', dateConventionsOf('NOT-A-MARKETPLACE'))).toBe(
      undefined,
    );
    expect(parseDate('08/07/2016', US)).toBeUndefined();
    // Ireland shares the UK's English locale.
    expect(parseInstant('08/07/2016 10:12:40 IST', IE)).toBe(Date.UTC(2016, 6, 8, 9, 12, 40));
  });

  it("reads a zone abbreviation as the marketplace's zone where it is ambiguous", () => {
    // Irish Standard (summer) Time in Ireland, India Standard Time elsewhere.
    expect(parseInstant('2019-07-01 10:20:34 IST', IE)).toBe(Date.UTC(2019, 6, 1, 9, 20, 34));
    expect(parseInstant('2019-07-01 10:20:34 IST', IN)).toBe(Date.UTC(2019, 6, 1, 4, 50, 34));
    expect(parseInstant('2019-07-01 10:20:34 IST')).toBe(Date.UTC(2019, 6, 1, 4, 50, 34));
    // Arabia Standard Time in Saudi Arabia; elsewhere AST could be Atlantic time.
    expect(parseInstant('2019-07-01 10:20:34 AST', SA)).toBe(Date.UTC(2019, 6, 1, 7, 20, 34));
    expect(parseInstant('2019-07-01 10:20:34 AST')).toBeUndefined();
  });

  it('reads the other zone abbreviations of the marketplaces', () => {
    expect(parseInstant('2019-07-01 10:20:34 MESZ', dateConventionsOf('A1PA6795UKMFR9'))).toBe(
      Date.UTC(2019, 6, 1, 8, 20, 34),
    );
    expect(parseInstant('2019-07-01 10:20:34 BRT')).toBe(Date.UTC(2019, 6, 1, 13, 20, 34));
    expect(parseInstant('2019-07-01 10:20:34 TRT')).toBe(Date.UTC(2019, 6, 1, 7, 20, 34));
    expect(parseInstant('2019-07-01 10:20:34 GST')).toBe(Date.UTC(2019, 6, 1, 6, 20, 34));
    expect(parseInstant('2019-07-01 10:20:34 SGT')).toBe(Date.UTC(2019, 6, 1, 2, 20, 34));
  });

  it('gives a date column the date an instant was printed with, not its UTC date', () => {
    expect(parseDate('2009/09/18 08:00:00 JST', JP)).toBe('2009-09-18');
    expect(parseDate('2016-11-18 20:05:40 PST')).toBe('2016-11-18');
    expect(parseDate('2003-10-03T18:00:00-07:00')).toBe('2003-10-03');
    expect(parseDate('18.11.2016 23:30:00 CET')).toBe('2016-11-18');
    expect(parseDate('08/07/2016 00:30:00 BST', UK)).toBe('2016-07-08');
    expect(parseDate('2016-11-18 20:05:40 XYZ')).toBeUndefined();
  });

  it('takes slashed dates to calendar dates, and timestamps cells through parseCell', () => {
    expect(parseDate('08/07/2016', UK)).toBe('2016-07-08');
    expect(parseDate('2016/07/08')).toBe('2016-07-08');
    expect(
      parseCell(
        { name: 'open_date', source: 'open-date', type: 'timestamp' },
        '08/07/2016 10:12:40 BST',
        UK,
      ),
    ).toBe(Date.UTC(2016, 6, 8, 9, 12, 40));
    expect(() =>
      parseCell(
        { name: 'open_date', source: 'open-date', type: 'timestamp' },
        '08/07/2016 10:12:40 PDT',
        US,
      ),
    ).toThrow(CellParseError);
  });
});

describe('parseDate and parseNumber', () => {
  it('reads ISO and European dates', () => {
    expect(parseDate('2026-11-03')).toBe('2026-11-03');
    expect(parseDate('03.11.2026')).toBe('2026-11-03');
    // The date it was printed with (the file's local date), not the UTC one.
    expect(parseDate('2026-11-03T23:30:00-02:00')).toBe('2026-11-03');
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

  it("reads a lone comma as the decimal separator where the marketplace's files write it so", () => {
    expect(parseNumber('1,125', true)).toBe(1.125);
    expect(parseNumber('-12,345', true)).toBe(-12.345);
    // Dot-grouped thousands and English forms read as before.
    expect(parseNumber('1.234,125', true)).toBe(1234.125);
    expect(parseNumber('1,234.56', true)).toBe(1234.56);
    expect(parseNumber('1,234,567', true)).toBe(1234567);
  });
});

describe('parseCell', () => {
  it("reads amounts after the report's marketplace", () => {
    const volume = { name: 'per_unit_volume', source: 'per-unit-volume', type: 'double' } as const;
    expect(parseCell(volume, '1,125', dateConventionsOf('A1PA6795UKMFR9'))).toBe(1.125);
    expect(parseCell(volume, '1,125', dateConventionsOf('ATVPDKIKX0DER'))).toBe(1125);
    const quantity = { name: 'quantity', source: 'quantity', type: 'integer' } as const;
    // A German `1,125` is no whole number: the row is quarantined, never read as 1125.
    expect(() => parseCell(quantity, '1,125', dateConventionsOf('A1PA6795UKMFR9'))).toThrow(
      'column quantity',
    );
  });

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
