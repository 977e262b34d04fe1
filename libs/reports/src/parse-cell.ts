import { daysInMonth } from '@spapi-lake/core';
import type { CellValue, ColumnDefinition } from './column-type';
import { CellParseError } from './errors';

// Time zone abbreviations Amazon prints in flat files ("2016-11-18 00:05:40 PST").
const ZONE_OFFSETS: Readonly<Record<string, string>> = {
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  PST: '-08:00',
  PDT: '-07:00',
  MST: '-07:00',
  MDT: '-06:00',
  CST: '-06:00',
  CDT: '-05:00',
  EST: '-05:00',
  EDT: '-04:00',
  BST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  MET: '+01:00',
  MEST: '+02:00',
  IST: '+05:30',
  JST: '+09:00',
  AEST: '+10:00',
  AEDT: '+11:00',
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const SPACED_WITH_ZONE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([A-Z]{1,4})$/;
const EU_DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;
const EU_INSTANT = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}:\d{2}:\d{2})( ([A-Z]{1,4}))?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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

/** Parses the instant formats seen in SP-API reports into epoch milliseconds, or undefined. */
export function parseInstant(text: string): number | undefined {
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
      const offset = ZONE_OFFSETS[spaced[3] ?? ''];
      if (offset) iso = `${spaced[1]}T${spaced[2]}${offset}`;
    } else if (eu) {
      const offset = ZONE_OFFSETS[eu[6] ?? 'UTC'];
      if (offset) iso = `${eu[3]}-${eu[2]}-${eu[1]}T${eu[4]}${offset}`;
    }
  }
  if (iso === undefined || !isRealDate(iso.slice(0, 10))) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/** Parses a calendar date (`2026-11-03`, `03.11.2026`, or the date of an instant) to `yyyy-mm-dd`. */
export function parseDate(text: string): string | undefined {
  if (ISO_DATE.test(text)) return isRealDate(text) ? text : undefined;
  const eu = EU_DATE.exec(text);
  if (eu) {
    const iso = `${eu[3]}-${eu[2]}-${eu[1]}`;
    return isRealDate(iso) ? iso : undefined;
  }
  const instant = parseInstant(text);
  return instant === undefined ? undefined : new Date(instant).toISOString().slice(0, 10);
}

/**
 * Parses an amount. A comma is a decimal comma (EU files print `12,99`) when one or two final digits
 * follow it, when nothing but a sign and `0` precedes it (`0,125`), or after dot-grouped thousands
 * (`1.234,125`); any other comma groups thousands (`1,234.56`, and the ambiguous `12,345`).
 */
export function parseNumber(text: string): number | undefined {
  if (PLAIN_NUMBER.test(text)) return Number(text);
  let normalized = text.replace(/\s/g, '');
  if (DECIMAL_COMMA.test(normalized)) {
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

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** Converts one field of a report to its column's type; empty fields are null. */
export function parseCell(column: ColumnDefinition, raw: string | undefined): CellValue {
  if (raw === undefined || raw === '') return null;
  switch (column.type) {
    case 'string':
      return raw;
    case 'integer': {
      const value = parseNumber(raw);
      if (value === undefined || !Number.isInteger(value)) {
        throw new CellParseError(column.name, 'integer');
      }
      return value;
    }
    case 'decimal':
    case 'double': {
      const value = parseNumber(raw);
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
      const value = parseInstant(raw.trim());
      if (value === undefined) throw new CellParseError(column.name, 'timestamp');
      return value;
    }
    case 'date': {
      const value = parseDate(raw.trim());
      if (value === undefined) throw new CellParseError(column.name, 'date');
      return value;
    }
  }
}
