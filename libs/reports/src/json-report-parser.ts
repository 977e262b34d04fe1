import { JSONParser, TokenType } from '@streamparser/json';
import type { CellValue } from './column-type';
import { REPORT_SPECIFICATION, jsonColumnName } from './column-builders';
import { MalformedReportDocumentError } from './errors';
import { parseCell } from './parse-cell';
import type { ParseContext, ParsedRecord, SchemaObservation } from './parsed-record';
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

function asText(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Streams a JSON report (sales and traffic, Brand Analytics, vendor analytics) into one table per
 * top-level array, element by element, so a multi-gigabyte document never sits in memory. A
 * document missing one of those arrays fails with `MalformedReportDocumentError`.
 */
export class JsonReportParser {
  private readonly drift = new Map<string, Set<string>>();
  private readonly seen = new Map<string, Set<string>>();
  private readonly templates = new Map<string, Readonly<Record<string, CellValue>>>();
  /** The document's `reportSpecification` leaves (`reportSpecification.reportOptions.x`). */
  private readonly specification = new Map<string, Json>();

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

  async *parse(chunks: AsyncIterable<string>): AsyncGenerator<ParsedRecord> {
    const datasets = new Map(
      this.definition.datasets.map((dataset) => [dataset.jsonArray ?? dataset.name, dataset]),
    );
    const parser = new JSONParser({
      paths: [...[...datasets.keys()].map((array) => `$.${array}.*`), `$.${REPORT_SPECIFICATION}`],
      keepStack: false,
    });
    const pending: ParsedRecord[] = [];
    const topLevel = new TopLevelWatcher();
    parser.onToken = (token) => topLevel.observe(token.token, token.value);
    let failure: Error | undefined;
    let rowsBeforeSpecification = false;
    parser.onValue = ({ value, key, stack }) => {
      // Amazon writes it before the arrays, so every row gets the report's options.
      if (key === REPORT_SPECIFICATION && stack.length === 1) {
        flatten(value as Json, REPORT_SPECIFICATION, this.specification);
        return;
      }
      const array = stack[1]?.key;
      const dataset = typeof array === 'string' ? datasets.get(array) : undefined;
      if (dataset && typeof key === 'number') {
        if (this.specification.size === 0 && readsSpecification(dataset)) {
          rowsBeforeSpecification = true;
        }
        pending.push(this.toRecord(dataset, value as Json, key + 1));
      }
    };
    parser.onError = (error) => {
      // The first error says where the document breaks; the parser may report more after it.
      failure ??= error;
    };
    for await (const chunk of chunks) {
      if (!failure) parser.write(chunk);
      if (failure) break;
      yield* pending.splice(0);
    }
    if (!failure && !parser.isEnded) parser.end();
    if (failure) {
      // Neither the parser's value nor its error as cause: they may hold a buyer's data.
      throw new MalformedReportDocumentError(
        `the document is not valid JSON: ${withoutValue(failure.message)}`,
      );
    }
    yield* pending.splice(0);
    if (rowsBeforeSpecification && this.specification.size > 0) {
      // Rows already handed on lack the report's options: never leave them silently empty.
      throw new MalformedReportDocumentError(
        'the reportSpecification follows rows that read its reportOptions',
      );
    }
    const missing = [...datasets.keys()].filter((array) => !topLevel.arrays.has(array));
    if (missing.length > 0) {
      throw new MalformedReportDocumentError(missingArraysMessage(missing, topLevel.errorDetails));
    }
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
        values[column.name] = parseCell(column, asText(value));
      }
      const known = new Set(dataset.columns.map((column) => column.source));
      const extra: Record<string, string | null> = {};
      const driftNames = this.drift.get(dataset.name) ?? new Set<string>();
      this.drift.set(dataset.name, driftNames);
      for (const [path, value] of leaves) {
        if (known.has(path)) continue;
        const name = jsonColumnName(path, dataset.jsonStripPrefixes ?? []);
        driftNames.add(name);
        extra[name] = asText(value) ?? null;
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

// Follows the tokens of the document's top-level object to learn which of its keys hold arrays
// (empty ones included, which emit no element) and the text of an `errorDetails` string, without
// keeping any value.
class TopLevelWatcher {
  readonly arrays = new Set<string>();
  errorDetails: string | undefined;
  private depth = 0;
  private key: string | undefined;
  private afterColon = false;

  observe(token: TokenType, value: unknown): void {
    if (this.depth === 1) {
      if (this.afterColon) {
        if (token === TokenType.LEFT_BRACKET && this.key !== undefined) this.arrays.add(this.key);
        if (token === TokenType.STRING && this.key === 'errorDetails') {
          this.errorDetails = String(value);
        }
        this.afterColon = false;
        this.key = undefined;
      } else if (token === TokenType.STRING) {
        this.key = String(value);
      } else if (token === TokenType.COLON) {
        this.afterColon = true;
      }
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) this.depth += 1;
    else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) this.depth -= 1;
  }
}

// `Unexpected STRING ("<value>") in state …` (the JSON parser's token errors) without the value.
function withoutValue(message: string): string {
  return message.replace(/ \(.*\) in state /s, ' in state ');
}
