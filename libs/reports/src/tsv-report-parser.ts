import { splitLines } from '@spapi-lake/core';
import type { CellValue, ColumnDefinition } from './column-type';
import { MalformedReportDocumentError } from './errors';
import { parseCell } from './parse-cell';
import type { ParseContext, ParsedRecord, SchemaObservation } from './parsed-record';
import { partitionDateOf } from './partition-date';
import type { DatasetDefinition } from './report-type-definition';
import { toSnakeCase } from './column-builders';

/** How a TSV document's header maps onto its dataset, known once the header line is read. */
export interface TsvLayout {
  readonly dataset: DatasetDefinition;
  /** Fields every line must have. */
  readonly width: number;
  /** Schema columns the document carries, and the field each is in. */
  readonly slots: readonly { readonly index: number; readonly column: ColumnDefinition }[];
  /** The other fields (unknown headers, a schema header repeated), by unique column name. */
  readonly drift: readonly { readonly index: number; readonly name: string }[];
  readonly observation: SchemaObservation;
  readonly valuesTemplate: Readonly<Record<string, CellValue>>;
  readonly driftTemplate: Readonly<Record<string, string | null>>;
}

/** The fields of a header line (a leading byte-order mark dropped). */
export function tsvHeaderFields(line: string): string[] {
  return line.replace(/^\uFEFF/, '').split('\t');
}

/** Maps a header's fields onto a dataset: columns matched by header name, the rest drift. */
export function tsvLayout(dataset: DatasetDefinition, header: readonly string[]): TsvLayout {
  const byHeader = new Map(header.map((name, index) => [name.trim(), index]));
  const slots: { index: number; column: ColumnDefinition }[] = [];
  const missing: string[] = [];
  for (const column of dataset.columns) {
    const index = [column.source, ...(column.aliases ?? [])]
      .map((name) => byHeader.get(name))
      .find((found) => found !== undefined);
    if (index === undefined) missing.push(column.name);
    else slots.push({ index, column });
  }
  if (slots.length === 0) throw headerUnrecognised(dataset, header);
  // Every field a schema column does not read is drift, a repeated schema header too. A name that
  // a schema column or another drift header also has gets a hash of its own header (whatever the
  // order of the columns), and the very same header repeated its position after the first: no
  // two columns share a name, so no value is dropped.
  const read = new Set(slots.map((slot) => slot.index));
  const fields = header
    .map((name, index) => ({ index, header: name.trim() }))
    .filter(({ index }) => !read.has(index))
    .map((field) => ({ ...field, base: driftColumnName(field.header, field.index) }));
  const uses = new Map<string, number>(dataset.columns.map((column) => [column.name, 1]));
  for (const { base } of fields) uses.set(base, (uses.get(base) ?? 0) + 1);
  const taken = new Set(dataset.columns.map((column) => column.name));
  const drift = fields.map(({ index, header: name, base }) => {
    let unique = (uses.get(base) ?? 0) > 1 ? `${base}_${fnv1a(name)}` : base;
    if (taken.has(unique)) unique = `${unique}_${index + 1}`;
    while (taken.has(unique)) unique = `${unique}_`;
    taken.add(unique);
    return { index, name: unique };
  });
  return {
    dataset,
    width: header.length,
    slots,
    drift,
    observation: {
      dataset: dataset.name,
      driftColumns: drift.map(({ name }) => name),
      missingColumns: missing,
    },
    valuesTemplate: Object.fromEntries(dataset.columns.map((column) => [column.name, null])),
    driftTemplate: Object.fromEntries(drift.map(({ name }) => [name, null])),
  };
}

// A drift column's name: the header in snake_case. A header with characters snake_case drops
// (another script, accents: `お届け先住所1` and `請求先住所1` would both be `1`) gets a hash of
// itself after them, so no two headers share a name and a name stays put wherever its column
// moves; one with a leading digit gets `column_` before it; an empty one (a trailing tab) is
// named by its position.
const COLUMN_NAME = /^[a-z][a-z0-9_]*$/;
const NOT_ASCII = /[\u0080-\uffff]/;

function driftColumnName(header: string, index: number): string {
  const trimmed = header.trim();
  if (trimmed === '') return `column_${index + 1}`;
  const snake = toSnakeCase(trimmed);
  if (snake !== '' && !NOT_ASCII.test(trimmed)) {
    return COLUMN_NAME.test(snake) ? snake : `column_${snake}`;
  }
  return `column_${snake === '' ? '' : `${snake}_`}${fnv1a(trimmed)}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16_777_619);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

// Curating such a document would land rows of nothing but nulls and drift. The header is not
// quoted: a document without one has a data line there, which may hold personal data.
function headerUnrecognised(
  dataset: DatasetDefinition,
  header: readonly string[],
): MalformedReportDocumentError {
  return new MalformedReportDocumentError(
    `the header line (${header.length} fields) names none of the ${dataset.columns.length} ` +
      `columns of ${dataset.name}: no header, or a translated one (Amazon localises some flat ` +
      `files after the seller's language settings in Seller Central)`,
  );
}

/**
 * Parses one data line (without its line terminator) of a TSV document: a typed row, or the line
 * quarantined with the reason it cannot be curated.
 */
export function parseTsvLine(
  layout: TsvLayout,
  line: string,
  position: number,
  context: ParseContext,
): ParsedRecord {
  const fields = line.split('\t');
  const quarantine = (reason: string): ParsedRecord => ({
    kind: 'quarantine',
    dataset: layout.dataset.name,
    position,
    raw: line,
    reason,
  });
  if (fields.length !== layout.width) {
    return quarantine(`expected ${layout.width} fields, found ${fields.length}`);
  }
  try {
    // Copies of a template keep every row in V8's fast property mode (an object built key by
    // computed key turns into a hash table past a dozen keys, slowing every later read).
    const values: Record<string, CellValue> = { ...layout.valuesTemplate };
    const conventions = context.dateConventions;
    for (const { index, column } of layout.slots) {
      values[column.name] = parseCell(column, fields[index], conventions);
    }
    const extra: Record<string, string | null> = { ...layout.driftTemplate };
    for (const { index, name } of layout.drift) extra[name] = fields[index] || null;
    const partitionDate = partitionDateOf(layout.dataset, values, context);
    return {
      kind: 'row',
      dataset: layout.dataset.name,
      partitionDate,
      values,
      drift: extra,
      position,
    };
  } catch (error) {
    return quarantine(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Parses a tab-separated flat-file report. Columns are matched by header name (files may carry
 * extra or reordered columns); Amazon does not quote fields, so a tab always separates.
 */
export class TsvReportParser {
  private observation: SchemaObservation;

  constructor(
    private readonly dataset: DatasetDefinition,
    private readonly context: ParseContext,
  ) {
    this.observation = { dataset: dataset.name, driftColumns: [], missingColumns: [] };
  }

  /** Drift and missing columns, known once the header has been read. */
  get schema(): SchemaObservation {
    return this.observation;
  }

  async *parse(chunks: AsyncIterable<string>): AsyncGenerator<ParsedRecord> {
    let layout: TsvLayout | undefined;
    let lineNumber = 0;
    for await (const line of splitLines(chunks)) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      if (layout === undefined) {
        // The first line with text; one without any is a report of no rows.
        layout = tsvLayout(this.dataset, tsvHeaderFields(line));
        this.observation = layout.observation;
        continue;
      }
      yield parseTsvLine(layout, line, lineNumber, this.context);
    }
  }
}
