import type { CellValue, ColumnDefinition } from './column-type';
import { REPORT_SPECIFICATION, jsonColumnName } from './column-builders';
import { MalformedReportDocumentError } from './errors';
import { JsonDocumentScanner } from './json-document-scanner';
import type { DateConventions } from './date-conventions';
import { parseCell } from './parse-cell';
import type {
  DriftValue,
  ParseContext,
  ParsedRecord,
  SchemaObservation,
  SkippedTopLevelKey,
} from './parsed-record';
import { partitionDateOf } from './partition-date';
import type { DatasetDefinition, ReportTypeDefinition } from './report-type-definition';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function flatten(value: Json, path: string, into: Map<string, Json>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value))
      flatten(child, path ? `${path}.${key}` : key, into);
  } else {
    into.set(path, value);
  }
}

const ERROR_DETAILS = 'errorDetails';

// `parseCell` of the value's text, without the text for the common cases: the same result, as a
// finite number's text parses back to the very number.
function jsonCell(
  column: ColumnDefinition,
  value: Json | undefined,
  conventions: DateConventions | undefined,
): CellValue {
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (column.type === 'double' || column.type === 'decimal') return value;
    if (column.type === 'integer' && Number.isInteger(value)) return value;
  } else if (typeof value === 'string' && column.type === 'string') {
    return value === '' ? null : value;
  }
  return parseCell(column, asText(value), conventions);
}

function asText(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Streams a JSON report (sales and traffic, Brand Analytics, vendor analytics) into one table per
 * top-level array, element by element (`JsonDocumentScanner`), so a multi-gigabyte document never
 * sits in memory. A document missing one of those arrays fails with `MalformedReportDocumentError`;
 * other top-level keys (but the metadata it reads) are skipped unbuffered and listed as skipped.
 */
export class JsonReportParser {
  private readonly drift = new Map<string, Set<string>>();
  private readonly seen = new Map<string, Set<string>>();
  private readonly templates = new Map<string, Readonly<Record<string, CellValue>>>();
  private readonly driftNames = new Map<string, DriftNames>();
  /** The document's `reportSpecification` leaves (`reportSpecification.reportOptions.x`). */
  private readonly specification = new Map<string, Json>();
  /** Skipped top-level keys, in document order, with the elements of those that held arrays. */
  private readonly skipped = new Map<string, number | undefined>();

  constructor(
    private readonly definition: ReportTypeDefinition,
    private readonly context: ParseContext,
  ) {}

  /** Drift and missing columns per dataset, complete once parsing has finished. */
  get schema(): SchemaObservation[] {
    return this.definition.datasets.map((dataset) => ({
      dataset: dataset.name,
      driftColumns: [...(this.drift.get(dataset.name) ?? [])].sort(),
      missingColumns: dataset.columns
        .filter((column) => !this.seen.get(dataset.name)?.has(column.source))
        .map((column) => column.name),
    }));
  }

  /** The top-level keys no dataset reads, in document order, complete once parsing has finished. */
  get skippedTopLevelKeys(): SkippedTopLevelKey[] {
    return [...this.skipped].map(([key, elements]) =>
      elements === undefined ? { key } : { key, elements },
    );
  }

  async *parse(chunks: AsyncIterable<string>): AsyncGenerator<ParsedRecord> {
    const datasets = new Map(
      this.definition.datasets.map((dataset) => [dataset.jsonArray ?? dataset.name, dataset]),
    );
    const pending: ParsedRecord[] = [];
    const arrays = new Set<string>();
    let errorDetails: string | undefined;
    let rowsBeforeSpecification = false;
    const scanner = new JsonDocumentScanner({
      wants: (key) => datasets.has(key) || key === REPORT_SPECIFICATION || key === ERROR_DETAILS,
      arrayStart: (key) => arrays.add(key),
      value: (key, value) => {
        // Amazon writes it before the arrays, so every row gets the report's options.
        if (key === REPORT_SPECIFICATION) flatten(value, REPORT_SPECIFICATION, this.specification);
        else if (key === ERROR_DETAILS && typeof value === 'string') errorDetails = value;
      },
      element: (key, index, value) => {
        const dataset = datasets.get(key);
        if (dataset === undefined) return;
        if (this.specification.size === 0 && readsSpecification(dataset)) {
          rowsBeforeSpecification = true;
        }
        pending.push(this.toRecord(dataset, value, index + 1));
      },
      skipped: (key, elements) => {
        // A key repeated in the document (JSON allows it) is listed once, its elements summed.
        const before = this.skipped.get(key);
        this.skipped.set(key, elements === undefined ? before : (before ?? 0) + elements);
      },
    });
    for await (const chunk of chunks) {
      scanner.write(chunk);
      yield* pending.splice(0);
    }
    scanner.end();
    yield* pending.splice(0);
    if (rowsBeforeSpecification && this.specification.size > 0) {
      // Rows already handed on lack the report's options: never leave them silently empty.
      throw new MalformedReportDocumentError(
        'the reportSpecification follows rows that read its reportOptions',
      );
    }
    const missing = [...datasets.keys()].filter((array) => !arrays.has(array));
    if (missing.length > 0) {
      throw new MalformedReportDocumentError(missingArraysMessage(missing, errorDetails));
    }
  }

  private driftNamesOf(dataset: DatasetDefinition): DriftNames {
    let names = this.driftNames.get(dataset.name);
    if (!names) {
      names = new DriftNames(dataset);
      this.driftNames.set(dataset.name, names);
    }
    return names;
  }

  private templateOf(dataset: DatasetDefinition): Readonly<Record<string, CellValue>> {
    let template = this.templates.get(dataset.name);
    if (!template) {
      template = Object.fromEntries(dataset.columns.map((column) => [column.name, null]));
      this.templates.set(dataset.name, template);
    }
    return template;
  }

  private toRecord(dataset: DatasetDefinition, element: Json, position: number): ParsedRecord {
    const leaves = new Map<string, Json>();
    flatten(element, '', leaves);
    const seen = this.seen.get(dataset.name) ?? new Set<string>();
    this.seen.set(dataset.name, seen);
    try {
      // A copy of a template stays in V8's fast property mode (see TsvReportParser).
      const values: Record<string, CellValue> = { ...this.templateOf(dataset) };
      for (const column of dataset.columns) {
        const value = leaves.has(column.source)
          ? leaves.get(column.source)
          : this.specification.get(column.source);
        if (value !== undefined) seen.add(column.source);
        values[column.name] = jsonCell(
          column,
          value === undefined ? column.absentMeans : value,
          this.context.dateConventions,
        );
      }
      const names = this.driftNamesOf(dataset);
      const extra: Record<string, DriftValue> = {};
      const driftNames = this.drift.get(dataset.name) ?? new Set<string>();
      this.drift.set(dataset.name, driftNames);
      for (const [path, value] of leaves) {
        if (names.known.has(path)) continue;
        const name = names.of(path);
        driftNames.add(name);
        // As the document has it: a number stays a number in `_extra_fields`, an array an array.
        extra[name] = value;
      }
      const partitionDate = partitionDateOf(dataset, values, this.context);
      return { kind: 'row', dataset: dataset.name, partitionDate, values, drift: extra, position };
    } catch (error) {
      return {
        kind: 'quarantine',
        dataset: dataset.name,
        position,
        raw: JSON.stringify(element),
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  }
}

function readsSpecification(dataset: DatasetDefinition): boolean {
  return dataset.columns.some((column) => column.source.startsWith(`${REPORT_SPECIFICATION}.`));
}

const maxErrorDetailsChars = 500;

// Amazon answers some DONE reports with an error document (`{"errorDetails":"..."}`) instead of
// the report: without the arrays its schema requires, it must not pass for a report with 0 rows.
function missingArraysMessage(
  missing: readonly string[],
  errorDetails: string | undefined,
): string {
  const arrays = `the document has no top-level ${missing.join(', ')} array (required by its schema)`;
  if (errorDetails === undefined) return arrays;
  // Amazon's text, shortened, on one line, with any URL's query string (a signature) cut off.
  const details = errorDetails
    .replace(/(https?:\/\/[^\s?"]*)\?[^\s"]*/g, '$1?…')
    .replace(/\s+/g, ' ')
    .trim();
  const shown =
    details.length <= maxErrorDetailsChars ? details : `${details.slice(0, maxErrorDetailsChars)}…`;
  return `${arrays}; errorDetails: ${JSON.stringify(shown)}`;
}

/**
 * The `_extra_fields` names of one dataset's unknown paths, kept for the document. A path is named
 * as its columns are (`jsonColumnName`); when that name is taken, by a column or by an earlier path
 * (`salesByDate.newMetric` and `trafficByDate.newMetric` both strip to `new_metric`), the path is
 * named whole, then with its position among the colliding paths, so no value replaces another.
 */
class DriftNames {
  readonly known: ReadonlySet<string>;
  private readonly names = new Map<string, string>();
  private readonly taken: Set<string>;

  constructor(private readonly dataset: DatasetDefinition) {
    this.known = new Set(dataset.columns.map((column) => column.source));
    this.taken = new Set(dataset.columns.map((column) => column.name));
  }

  of(path: string): string {
    const known = this.names.get(path);
    if (known !== undefined) return known;
    let name = jsonColumnName(path, this.dataset.jsonStripPrefixes ?? []);
    if (this.taken.has(name)) name = jsonColumnName(path, []);
    for (let suffix = 2; this.taken.has(name); suffix++) {
      name = `${jsonColumnName(path, [])}_${suffix}`;
    }
    this.taken.add(name);
    this.names.set(path, name);
    return name;
  }
}
