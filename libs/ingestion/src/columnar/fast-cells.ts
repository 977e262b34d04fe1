import { daysFromCivil, daysInMonth } from '@spapi-lake/core';

// Fast paths for the cell forms Amazon's flat files nearly always use, read straight from the
// document bytes (ASCII forms only, so any ASCII-compatible charset) without decoding. Each returns NaN when the text is not in its one simple form: the
// caller then parses the cell with `parseCell` and the Parquet converter, the slow path that
// defines the semantics; the fast paths give the same result wherever they apply.

const ZERO = 48;
const DAY_MS = 86_400_000;

function digit(bytes: Uint8Array, at: number): number {
  const d = (bytes[at] ?? 0) - ZERO;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

function digits2(bytes: Uint8Array, at: number): number {
  return digit(bytes, at) * 10 + digit(bytes, at + 1);
}

function digits4(bytes: Uint8Array, at: number): number {
  return digits2(bytes, at) * 100 + digits2(bytes, at + 2);
}

// `yyyy-mm-dd` at `at`, a real date: its epoch day, else NaN.
function isoDay(bytes: Uint8Array, at: number): number {
  if ((bytes[at + 4] ?? 0) !== 45 || (bytes[at + 7] ?? 0) !== 45) return Number.NaN;
  const year = digits4(bytes, at);
  const month = digits2(bytes, at + 5);
  const day = digits2(bytes, at + 8);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) {
    return Number.NaN;
  }
  return daysFromCivil(year, month, day);
}

/** `yyyy-mm-dd` exactly: the epoch day (a date cell), else NaN. */
export function fastIsoDate(bytes: Uint8Array, start: number, end: number): number {
  return end - start === 10 ? isoDay(bytes, start) : Number.NaN;
}

/**
 * `yyyy-mm-ddThh:mm:ss[.sss](Z|+hh:mm|-hh:mm)` (years 1000-9999, a real date and time of day, no
 * fraction or exactly three digits of it): epoch milliseconds, else NaN.
 */
export function fastIsoSeconds(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  let zoneAt = start + 19;
  let millis = 0;
  if (length === 24 || length === 29) {
    if ((bytes[zoneAt] ?? 0) !== 46) return Number.NaN;
    millis = digit(bytes, zoneAt + 1) * 100 + digits2(bytes, zoneAt + 2);
    zoneAt += 4;
  } else if (length !== 20 && length !== 25) return Number.NaN;
  if (
    (bytes[start + 10] ?? 0) !== 84 ||
    (bytes[start + 13] ?? 0) !== 58 ||
    (bytes[start + 16] ?? 0) !== 58 ||
    (bytes[start] ?? 0) === ZERO
  ) {
    return Number.NaN;
  }
  const day = isoDay(bytes, start);
  const hours = digits2(bytes, start + 11);
  const minutes = digits2(bytes, start + 14);
  const seconds = digits2(bytes, start + 17);
  if (!(hours <= 23 && minutes <= 59 && seconds <= 59)) return Number.NaN;
  let offset = 0;
  const zone = bytes[zoneAt] ?? 0;
  if (end - zoneAt === 1) {
    if (zone !== 90) return Number.NaN;
  } else {
    if ((zone !== 43 && zone !== 45) || (bytes[zoneAt + 3] ?? 0) !== 58) return Number.NaN;
    offset = (digits2(bytes, zoneAt + 1) * 60 + digits2(bytes, zoneAt + 4)) * 60_000;
    if (zone === 45) offset = -offset;
  }
  return day * DAY_MS + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + millis - offset;
}

/** `-?\d{1,15}`: the integer, else NaN. */
export function fastInteger(bytes: Uint8Array, start: number, end: number): number {
  let at = start;
  const negative = (bytes[at] ?? 0) === 45;
  if (negative) at++;
  const count = end - at;
  if (count < 1 || count > 15) return Number.NaN;
  let value = 0;
  for (; at < end; at++) value = value * 10 + digit(bytes, at);
  // NaN (a non-digit) must stay NaN: `-NaN || 0` would turn `-1,234` into 0.
  if (value !== value) return Number.NaN;
  return negative ? -value || 0 : value;
}

const POWERS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/**
 * `-?\d+(\.\d+)?` with at most 15 digits, at most `scale` of them after the point, and fewer than
 * `precision` digits once scaled: the unscaled integer (`12.5`, scale 2 -> 1250), else NaN.
 */
export function fastDecimal(
  bytes: Uint8Array,
  start: number,
  end: number,
  scale: number,
  precision: number,
): number {
  let at = start;
  const negative = (bytes[at] ?? 0) === 45;
  if (negative) at++;
  let value = 0;
  let digitsSeen = 0;
  let fraction = -1;
  for (; at < end; at++) {
    const code = bytes[at] ?? 0;
    if (code === 46) {
      if (fraction !== -1 || digitsSeen === 0) return Number.NaN;
      fraction = 0;
      continue;
    }
    const d = code - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
    digitsSeen++;
    if (fraction !== -1) fraction++;
  }
  if (digitsSeen === 0 || fraction === 0 || digitsSeen > 15) return Number.NaN;
  const fractionDigits = fraction === -1 ? 0 : fraction;
  const shift = scale - fractionDigits;
  const power = POWERS[shift];
  if (shift < 0 || power === undefined) return Number.NaN;
  const unscaled = value * power;
  if (!Number.isSafeInteger(unscaled) || digitsSeen - fractionDigits + scale > precision) {
    return Number.NaN;
  }
  return negative ? -unscaled || 0 : unscaled;
}

/** `true` or `false` exactly: 1 or 0, else NaN. */
export function fastBoolean(bytes: Uint8Array, s: number, e: number): number {
  if (
    e - s === 4 &&
    bytes[s] === 116 &&
    bytes[s + 1] === 114 &&
    bytes[s + 2] === 117 &&
    bytes[s + 3] === 101
  ) {
    return 1;
  }
  if (
    e - s === 5 &&
    bytes[s] === 102 &&
    bytes[s + 1] === 97 &&
    bytes[s + 2] === 108 &&
    bytes[s + 3] === 115 &&
    bytes[s + 4] === 101
  ) {
    return 0;
  }
  return Number.NaN;
}
