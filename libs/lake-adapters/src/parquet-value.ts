import { daysFromCivil, daysInMonth } from '@spapi-lake/core';
import { ParquetRowError } from '@spapi-lake/lake';
import type { ParquetColumn, ParquetValue } from '@spapi-lake/lake';

/** A cell as the Parquet writer takes it: timestamps in epoch ms, dates in epoch days, decimals unscaled. */
export type StoredValue = string | number | bigint | boolean | null;

/** Turns one cell of a column into its stored form, or throws `ParquetRowError`. */
export type ValueConverter = (value: ParquetValue) => StoredValue;

const DAY_MS = 86_400_000;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Builds the converter of one column. Error messages name the column and the JS type received, never
 * the value: they may be logged, and report contents must not be.
 */
export function valueConverter(column: ParquetColumn): ValueConverter {
  const convert = typedConverter(column);
  return (value) => {
    if (value === null || value === undefined) {
      if (column.nullable) return null;
      throw new ParquetRowError(`Column ${column.name} is required but the row has no value`);
    }
    return convert(value);
  };
}

function typedConverter(column: ParquetColumn): (value: NonNullable<ParquetValue>) => StoredValue {
  const reject = (expected: string, value: unknown): never => {
    throw new ParquetRowError(`Column ${column.name} expects ${expected}, got ${describe(value)}`);
  };
  switch (column.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : reject('a string', value));
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : reject('a boolean', value));
    case 'double':
      return (value) => (typeof value === 'number' ? value : reject('a number', value));
    case 'int32':
      return (value) => {
        const integer = typeof value === 'bigint' ? Number(value) : value;
        return typeof integer === 'number' &&
          Number.isInteger(integer) &&
          integer >= INT32_MIN &&
          integer <= INT32_MAX
          ? integer
          : reject('a 32-bit integer', value);
      };
    case 'int64':
      return (value) => {
        const integer =
          typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
        return typeof integer === 'bigint' && integer >= INT64_MIN && integer <= INT64_MAX
          ? integer
          : reject('a bigint or a safe integer', value);
      };
    case 'timestamp':
      return (value) => {
        const millis = value instanceof Date ? value.getTime() : value;
        return typeof millis === 'number' && Number.isSafeInteger(millis)
          ? BigInt(millis)
          : reject('a valid Date or epoch milliseconds', value);
      };
    case 'date': {
      // Reports repeat the same few dates row after row: remember the last one parsed.
      let lastText: string | undefined;
      let lastDays: number | undefined;
      return (value) => {
        let days: number | undefined;
        if (value instanceof Date) days = Math.floor(value.getTime() / DAY_MS);
        else if (value === lastText) days = lastDays;
        else if (typeof value === 'string' && (days = parseDate(value)) !== undefined) {
          lastText = value;
          lastDays = days;
        }
        return typeof days === 'number' && Number.isSafeInteger(days)
          ? days
          : reject('a yyyy-mm-dd string or a valid Date', value);
      };
    }
    case 'decimal':
      return decimalConverter(column, reject);
  }
}

function decimalConverter(
  column: ParquetColumn,
  reject: (expected: string, value: unknown) => never,
): (value: NonNullable<ParquetValue>) => StoredValue {
  const precision = column.precision ?? 0;
  const scale = column.scale ?? 0;
  const limit = 10n ** BigInt(precision);
  const factor = 10 ** scale;
  const expected = `a decimal(${precision},${scale}) as a string or a number`;
  return (value) => {
    // Fast path for numbers whose value has at most `scale` fraction digits: `rounded / factor`
    // is then the one decimal of that scale that reads back as `value`, which is exactly what the
    // text path below would find in `String(value)`.
    if (typeof value === 'number') {
      const rounded = Math.round(value * factor);
      if (Number.isSafeInteger(rounded) && rounded / factor === value) {
        const unscaled = BigInt(rounded);
        if ((unscaled < 0n ? -unscaled : unscaled) < limit) return unscaled;
      }
    }
    const text =
      typeof value === 'string'
        ? value.trim()
        : typeof value === 'number' && Number.isFinite(value)
          ? String(value)
          : undefined;
    const match = text === undefined ? null : DECIMAL.exec(text);
    const integerDigits = match?.[2] ?? '';
    const fractionDigits = match?.[3] ?? '';
    if (!match || integerDigits.length + fractionDigits.length === 0)
      return reject(expected, value);
    const digits = BigInt(integerDigits + fractionDigits);
    // value = digits x 10^(exponent - fraction length); stored = value x 10^scale.
    const shift = Number(match[4] ?? 0) - fractionDigits.length + scale;
    let unscaled: bigint;
    if (shift >= 0) {
      unscaled = digits * 10n ** BigInt(shift);
    } else {
      const divisor = 10n ** BigInt(-shift);
      // More significant fraction digits than the scale holds: reject rather than round silently.
      if (digits % divisor !== 0n) return reject(`${expected} (too many fraction digits)`, value);
      unscaled = digits / divisor;
    }
    if (unscaled >= limit) return reject(`${expected} (out of range)`, value);
    return match[1] === '-' ? -unscaled : unscaled;
  };
}

function parseDate(value: string): number | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Arithmetic, not a Date round trip: this runs once per cell.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

function describe(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a non-finite number';
  return `a value of type ${typeof value}`;
}
