import { parseInstant, parseNumber } from '@spapi-lake/reports';
import { daysFromCivil } from '@spapi-lake/core';
import { fastBoolean, fastDecimal, fastInteger, fastIsoDate, fastIsoSeconds } from './fast-cells';

// Each fast path must agree with the slow path (parseCell's functions) wherever it answers, and
// answer NaN (hand over) for every form it does not know.

const at = (fast: (bytes: Uint8Array, start: number, end: number) => number, text: string) =>
  // Read from inside a larger document, as the engine does.
  fast(Buffer.from(`x\t${text}\ty`, 'latin1'), 2, 2 + text.length);

function xorshift(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

describe('fast cell parsers', () => {
  it('read ISO instants (seconds, milliseconds, Z or offsets) as parseInstant does', () => {
    const random = xorshift(7);
    for (let i = 0; i < 300; i++) {
      const ms = Math.floor(random() * 4e12) - 1e12;
      const iso = new Date(ms).toISOString();
      const offset = Math.floor(random() * 24 * 4) * 15 - 720;
      const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
      const sign = offset < 0 ? '-' : '+';
      const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
      for (const text of [iso, iso.replace(/\.\d{3}Z$/, 'Z'), `${local}${sign}${hhmm}`]) {
        const fast = at(fastIsoSeconds, text);
        if (!Number.isNaN(fast)) expect([text, fast]).toEqual([text, parseInstant(text)]);
      }
      expect(at(fastIsoSeconds, iso)).toBe(ms);
    }
  });

  it('hand over every instant form they do not read', () => {
    for (const text of [
      '2026-10-01 10:00:00 PST',
      '03.10.2026 10:00:00',
      '2026-10-01T24:00:00Z',
      '2026-02-30T10:00:00Z',
      '2026-10-01T10:00:00.5Z',
      '2026-10-01T10:00:00+0000',
      '0999-10-01T10:00:00Z',
      ' 2026-10-01T10:00:00Z',
      '2026-10-01',
      '',
    ]) {
      expect([text, at(fastIsoSeconds, text)]).toEqual([text, Number.NaN]);
    }
  });

  it('read ISO dates as epoch days, handing over anything else', () => {
    expect(at(fastIsoDate, '1970-01-01')).toBe(0);
    expect(at(fastIsoDate, '2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    expect(at(fastIsoDate, '2024-02-29')).toBe(Date.parse('2024-02-29') / 86_400_000);
    for (const text of ['2023-02-29', '03.11.2026', '2026-1-01', '2026-10-01T00:00:00Z']) {
      expect(at(fastIsoDate, text)).toBeNaN();
    }
  });

  it('read plain integers and hand over the rest', () => {
    expect(
      ['0', '-0', '42', '-17', '007', '999999999999999'].map((t) => at(fastInteger, t)),
    ).toEqual([0, 0, 42, -17, 7, 999_999_999_999_999]);
    for (const text of [
      '1,234',
      '-1,234',
      '+3',
      ' 4',
      '-12 ',
      '1.0',
      '-1.0',
      '1234567890123456',
      '-',
      '-x',
      'x',
    ]) {
      expect(at(fastInteger, text)).toBeNaN();
    }
  });

  it('read plain decimals as the unscaled integer the Parquet converter stores', () => {
    const random = xorshift(11);
    for (let i = 0; i < 500; i++) {
      const digits = Math.floor(random() * 1e6);
      const fraction = Math.floor(random() * 3);
      const text = `${random() < 0.3 ? '-' : ''}${(digits / 10 ** fraction).toFixed(fraction)}`;
      const value = parseNumber(text) ?? Number.NaN;
      // The converter's rule: the number, scaled and rounded, must read back as itself.
      expect([text, at((t, s, e) => fastDecimal(t, s, e, 2, 18), text)]).toEqual([
        text,
        Math.round(value * 100) || 0,
      ]);
    }
    expect(at((t, s, e) => fastDecimal(t, s, e, 2, 18), '-0.00')).toBe(0);
    for (const text of [
      '12,99',
      '1.234,56',
      '0.001',
      '1e3',
      '.5',
      '5.',
      '+1',
      '1234567890123456',
    ]) {
      expect([text, at((t, s, e) => fastDecimal(t, s, e, 2, 18), text)]).toEqual([
        text,
        Number.NaN,
      ]);
    }
    // Beyond the precision: handed over (the converter rejects it).
    expect(at((t, s, e) => fastDecimal(t, s, e, 2, 4), '123.45')).toBeNaN();
  });

  it('read exactly true and false as 1 and 0, handing over every other form', () => {
    expect([at(fastBoolean, 'true'), at(fastBoolean, 'false')]).toEqual([1, 0]);
    for (const text of ['True', 'FALSE', 'yes', 'Y', '1', 'truex', 'fals', ' true', '']) {
      expect([text, at(fastBoolean, text)]).toEqual([text, Number.NaN]);
    }
  });
});
