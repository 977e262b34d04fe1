import type { CellValue } from './column-type';
import { CellParseError } from './errors';
import type { ParseContext } from './parsed-record';
import type { DatasetDefinition } from './report-type-definition';

/** The `dt` partition of a row: its date column's UTC date, or the window's start date. */
export function partitionDateOf(
  dataset: DatasetDefinition,
  values: Readonly<Record<string, CellValue>>,
  context: ParseContext,
): string {
  const source = dataset.partitionDate;
  if ('window' in source) return context.windowStart.slice(0, 10);
  const value = values[source.column];
  if (typeof value === 'number') return utcDay(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new CellParseError(source.column, 'partition date (it is empty)');
}

const DAY_MS = 86_400_000;
// Rows come in date order, so the day of the previous row is nearly always the day of this one.
let lastDay = Number.NaN;
let lastDayText = '';

function utcDay(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== lastDay) {
    lastDayText = new Date(day * DAY_MS).toISOString().slice(0, 10);
    lastDay = day;
  }
  return lastDayText;
}
