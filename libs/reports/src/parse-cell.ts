import { daysInMonth } from '@spapi-lake/core';
import type { CellValue, ColumnDefinition } from './column-type';
import { DEFAULT_DATE_CONVENTIONS, type DateConventions } from './date-conventions';
import { CellParseError } from './errors';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const SPACED_WITH_ZONE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([A-Z]{1,4})$/;
const EU_DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;
const EU_INSTANT = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}:\d{2}:\d{2})( ([A-Z]{1,4}))?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// `2009/09/18 15:18:58 JST` (Japan) and `08/07/2016 10:12:40 BST` (UK): a zone is required, as
// nothing says which one a zone-less local time is in.
const YEAR_FIRST_SLASHED = /^(\d{4})\/(\d{2})\/(\d{2})(?: (\d{2}:\d{2}:\d{2}) ([A-Z]{1,4}))?$/;
const YEAR_LAST_SLASHED = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}:\d{2}:\d{2}) ([A-Z]{1,4}))?$/;

// Arithmetic rather than a Date round trip: this runs for every date and timestamp cell.
function isRealDate(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// `2026-11-03T14:22:09+00:00` / `...Z` / `...-0700`: the form order and settlement files use.
const ISO_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:Z|([+-])(\d{2}):?(\d{2}))$/;

function parseIsoSeconds(text: string): number | undefined {
  const match = ISO_SECONDS.exec(text);
  if (!match) return undefined;
  const hours = Number(match[4]);
  const minutes = Number(match[5]);
  const seconds = Number(match[6]);
  const endOfDay = hours === 24 && minutes === 0 && seconds === 0;
  if ((hours > 23 && !endOfDay) || minutes > 59 || seconds > 59 || !isRealDate(text)) {
    return Number.NaN;
  }
  const offset =
    match[7] === undefined
      ? 0
      : (match[7] === '-' ? -1 : 1) * (Number(match[8]) * 60 + Number(match[9])) * 60_000;
  return (
    Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hours, minutes, seconds) -
    offset
  );
}

// The ISO instant of a slashed date (with its time and zone, or its UTC midnight), or undefined.
function slashedInstant(text: string, conventions: DateConventions): string | undefined {
  let day: string | undefined;
  let month: string | undefined;
  let year: string | undefined;
  let time: string | undefined;
  let zone: string | undefined;
  const yearFirst = YEAR_FIRST_SLASHED.exec(text);
  if (yearFirst) {
    [, year, month, day, time, zone] = yearFirst;
  } else {
    const yearLast = YEAR_LAST_SLASHED.exec(text);
    if (!yearLast || conventions.slashDates !== 'day-first') return undefined;
    [, day, month, year, time, zone] = yearLast;
  }
  if (time === undefined) return `${year}-${month}-${day}T00:00:00Z`;
  const offset = conventions.zones[zone ?? ''];
  return offset === undefined ? undefined : `${year}-${month}-${day}T${time}${offset}`;
}

/**
 * Parses the instant formats seen in SP-API reports into epoch milliseconds, or undefined. Zone
 * abbreviations and slashed dates are read by the file's marketplace `conventions`.
 */
export function parseInstant(
  text: string,
  conventions: DateConventions = DEFAULT_DATE_CONVENTIONS,
): number | undefined {
  const fast = parseIsoSeconds(text);
  if (fast !== undefined) return Number.isNaN(fast) ? undefined : fast;
  let iso: string | undefined;
  if (ISO_INSTANT.test(text)) {
    iso = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  } else if (ISO_DATE.test(text)) {
    iso = `${text}T00:00:00Z`;
  } else if (EU_DATE.test(text)) {
    // A bare date (EU settlement files print `18.11.2016`) is its UTC midnight, as an ISO one is.
    iso = `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}T00:00:00Z`;
  } else {
    const spaced = SPACED_WITH_ZONE.exec(text);
    const eu = EU_INSTANT.exec(text);
    if (spaced) {
      const offset = conventions.zones[spaced[3] ?? ''];
      if (offset) iso = `${spaced[1]}T${spaced[2]}${offset}`;
    } else if (eu) {
      const offset = conventions.zones[eu[6] ?? 'UTC'];
      if (offset) iso = `${eu[3]}-${eu[2]}-${eu[1]}T${eu[4]}${offset}`;
    } else {
      iso = slashedInstant(text, conventions);
    }
  }
  if (iso === undefined || !isRealDate(iso.slice(0, 10))) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Parses a calendar date (`2026-11-03`, `03.11.2026`, a slashed date the `conventions` read, or an
 * instant) to `yyyy-mm-dd`. An instant gives the date it was printed with, not its UTC date:
 * `2009/09/18 08:00:00 JST` is the 18th, as the file says, though it is the 17th in UTC.
 */
export function parseDate(
  text: string,
  conventions: DateConventions = DEFAULT_DATE_CONVENTIONS,
): string | undefined {
  if (ISO_DATE.test(text)) return isRealDate(text) ? text : undefined;
  const eu = EU_DATE.exec(text);
  if (eu) {
    const iso = `${eu[3]}-${eu[2]}-${eu[1]}`;
    return isRealDate(iso) ? iso : undefined;
  }
  // Parsed whole first: only a valid instant (a known zone, a real time) gives its date.
  if (parseInstant(text, conventions) === undefined) return undefined;
  return printedDate(text);
}

// The calendar date an instant that parseInstant accepted was printed with, as `yyyy-mm-dd`.
function printedDate(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(text);
  if (dotted) return `${dotted[3]}-${dotted[2]}-${dotted[1]}`;
  const yearFirst = /^(\d{4})\/(\d{2})\/(\d{2})/.exec(text);
  if (yearFirst) return `${yearFirst[1]}-${yearFirst[2]}-${yearFirst[3]}`;
  const dayFirst = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(text);
  return dayFirst ? `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}` : undefined;
}

/**
 * Parses an amount. A comma is a decimal comma (EU files print `12,99`) when one or two final digits
 * follow it, when nothing but a sign and `0` precedes it (`0,125`), or after dot-grouped thousands
 * (`1.234,125`); any other comma groups thousands (`1,234.56`, and the ambiguous `12,345`), unless
 * `decimalComma` says the file's marketplace writes a lone comma only as the decimal separator.
 */
export function parseNumber(text: string, decimalComma = false): number | undefined {
  if (PLAIN_NUMBER.test(text)) return Number(text);
  let normalized = text.replace(/\s/g, '');
  if (DECIMAL_COMMA.test(normalized) || (decimalComma && LONE_COMMA.test(normalized))) {
    normalized = normalized.replace(/\./g, '').replace(',', '.');
  } else {
    normalized = normalized.replace(/,/g, '');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalized)) return undefined;
  return Number(normalized);
}

// The common case, `12.99`, `-5.00`, `3`: nothing to normalise.
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

// A thousands group never follows a lone `0` (or nothing), and a group of dots before the comma
// means the comma is the decimal separator, however many digits follow it.
const DECIMAL_COMMA = /^[-+]?(?:[\d.]*,\d{1,2}|0?,\d+|\d{1,3}(?:\.\d{3})+,\d+)$/;

// One comma between digits, nothing else: `1,125`.
const LONE_COMMA = /^[-+]?\d*,\d+$/;

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/**
 * Converts one field of a report to its column's type; empty fields are null. Dates and instants
 * follow the file's marketplace `conventions`.
 */
export function parseCell(
  column: ColumnDefinition,
  raw: string | undefined,
  conventions: DateConventions = DEFAULT_DATE_CONVENTIONS,
): CellValue {
  if (raw === undefined || raw === '') return null;
  switch (column.type) {
    case 'string':
      return raw;
    case 'integer': {
      const value = parseNumber(raw, conventions.decimalComma);
      if (value === undefined || !Number.isInteger(value)) {
        throw new CellParseError(column.name, 'integer');
      }
      return value;
    }
    case 'decimal':
    case 'double': {
      const value = parseNumber(raw, conventions.decimalComma);
      if (value === undefined) throw new CellParseError(column.name, column.type);
      return value;
    }
    case 'boolean': {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw new CellParseError(column.name, 'boolean');
    }
    case 'timestamp': {
      const value = parseInstant(raw.trim(), conventions);
      if (value === undefined) throw new CellParseError(column.name, 'timestamp');
      return value;
    }
    case 'date': {
      const value = parseDate(raw.trim(), conventions);
      if (value === undefined) throw new CellParseError(column.name, 'date');
      return value;
    }
  }
}
