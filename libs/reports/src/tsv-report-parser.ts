import { splitLines } from '@spapi-lake/core';
import type { CellValue, ColumnDefinition } from './column-type';
import { MalformedReportDocumentError } from './errors';
import { parseCell } from './parse-cell';
import type { ParseContext, ParsedRecord, SchemaObservation } from './parsed-record';
import { partitionDateOf } from './partition-date';
import type { DatasetDefinition } from './report-type-definition';
import { toSnakeCase } from './column-builders';

type Slot = { readonly index: number; readonly column: ColumnDefinition };

/**
 * Parses a tab-separated flat-file report. Columns are matched by header name (files may carry
 * extra or reordered columns); Amazon does not quote fields, so a tab always separates.
 */
export class TsvReportParser {
  private observation: SchemaObservation;
  private readonly valuesTemplate: Readonly<Record<string, CellValue>>;
  private driftTemplate: Readonly<Record<string, string | null>> = {};

  constructor(
    private readonly dataset: DatasetDefinition,
    private readonly context: ParseContext,
  ) {
    this.observation = { dataset: dataset.name, driftColumns: [], missingColumns: [] };
    this.valuesTemplate = Object.fromEntries(dataset.columns.map((column) => [column.name, null]));
  }

  /** Drift and missing columns, known once the header has been read. */
  get schema(): SchemaObservation {
    return this.observation;
  }

  async *parse(chunks: AsyncIterable<string>): AsyncGenerator<ParsedRecord> {
    let header: string[] | undefined;
    let slots: Slot[] = [];
    let drift: { index: number; name: string }[] = [];
    let lineNumber = 0;
    for await (const line of splitLines(chunks)) {
      lineNumber += 1;
      if (header === undefined) {
        header = line.replace(/^\uFEFF/, '').split('\t');
        ({ slots, drift } = this.mapHeader(header));
        continue;
      }
      if (line.trim() === '') continue;
      yield this.parseLine(line, lineNumber, header.length, slots, drift);
    }
    if (header === undefined)
      throw new MalformedReportDocumentError('the document has no header line');
  }

  private mapHeader(header: string[]) {
    const byHeader = new Map(header.map((name, index) => [name.trim(), index]));
    const slots: Slot[] = [];
    const missing: string[] = [];
    for (const column of this.dataset.columns) {
      const index = byHeader.get(column.source);
      if (index === undefined) missing.push(column.name);
      else slots.push({ index, column });
    }
    const known = new Set(this.dataset.columns.map((column) => column.source));
    const drift = header
      .map((name, index) => ({ index, name: toSnakeCase(name.trim()) }))
      .filter(({ index }) => !known.has((header[index] ?? '').trim()));
    this.observation = {
      dataset: this.dataset.name,
      driftColumns: drift.map(({ name }) => name),
      missingColumns: missing,
    };
    this.driftTemplate = Object.fromEntries(drift.map(({ name }) => [name, null]));
    return { slots, drift };
  }

  private parseLine(
    line: string,
    position: number,
    width: number,
    slots: Slot[],
    drift: { index: number; name: string }[],
  ): ParsedRecord {
    const fields = line.split('\t');
    const quarantine = (reason: string): ParsedRecord => ({
      kind: 'quarantine',
      dataset: this.dataset.name,
      position,
      raw: line,
      reason,
    });
    if (fields.length !== width) {
      return quarantine(`expected ${width} fields, found ${fields.length}`);
    }
    try {
      // Copies of a template keep every row in V8's fast property mode (an object built key by
      // computed key turns into a hash table past a dozen keys, slowing every later read).
      const values: Record<string, CellValue> = { ...this.valuesTemplate };
      for (const { index, column } of slots) values[column.name] = parseCell(column, fields[index]);
      const extra: Record<string, string | null> = { ...this.driftTemplate };
      for (const { index, name } of drift) extra[name] = fields[index] || null;
      const partitionDate = partitionDateOf(this.dataset, values, this.context);
      return {
        kind: 'row',
        dataset: this.dataset.name,
        partitionDate,
        values,
        drift: extra,
        position,
      };
    } catch (error) {
      return quarantine(error instanceof Error ? error.message : String(error));
    }
  }
}
