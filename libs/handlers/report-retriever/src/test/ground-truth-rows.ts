import {
  type ColumnDefinition,
  type DatasetDefinition,
  type ReportTypeDefinition,
  toSnakeCase,
} from '@spapi-lake/reports';
import type { JsonRow } from './duckdb-lake';

// The test's own reading of the simulator's ground truth: cell text (TSV) or JSON values turned
// into what each curated column must hold, written independently of the pipeline's parsers.

/** What one report must have landed in one curated dataset. */
export interface ExpectedDataset {
  readonly definition: DatasetDefinition;
  readonly json: boolean;
  /** TSV columns the schema does not know, snake_case (kept as strings). */
  readonly driftColumns: readonly string[];
  /** In document order, with lineage and Hive partition columns. */
  readonly rows: readonly JsonRow[];
}

/** Where and from what report the rows came. */
export interface ReportContext {
  readonly reportId: string;
  readonly processedAt: string;
  readonly sellingPartnerId: string;
  readonly marketplaceId: string;
  /** The report's dataStartTime: the `dt` of snapshot and period datasets. */
  readonly windowStart: string;
}

/** The simulator's ground truth of one report (see its `GroundTruth`). */
export interface GroundTruthTables {
  readonly format: 'tsv' | 'json';
  readonly tables: Readonly<Record<string, Iterable<Readonly<Record<string, unknown>>>>>;
}

const LINEAGE = ['_report_id', '_report_processed_at', '_source_position'];

/** Every dataset of `definition` with the rows the ground truth says it must hold. */
export function expectedDatasets(
  definition: ReportTypeDefinition,
  truth: GroundTruthTables,
  context: ReportContext,
): ExpectedDataset[] {
  if (truth.format === 'tsv') {
    const [dataset] = definition.datasets;
    if (dataset === undefined) throw new Error('a TSV report type has one dataset');
    const records = [...(truth.tables['rows'] ?? [])];
    const sources = new Set(dataset.columns.map((column) => column.source));
    const header = Object.keys(records[0] ?? {});
    const drift = header.filter((name) => !sources.has(name));
    return [
      {
        definition: dataset,
        json: false,
        driftColumns: drift.map(toSnakeCase),
        rows: records.map((record, index) => {
          const row: JsonRow = {};
          for (const column of dataset.columns) {
            row[column.name] = fromText(column, String(record[column.source] ?? ''));
          }
          for (const name of drift) row[toSnakeCase(name)] = textOrNull(String(record[name]));
          // Line 1 is the header.
          return withLineage(row, dataset, context, index + 2);
        }),
      },
    ];
  }
  return definition.datasets.map((dataset) => {
    const records = [...(truth.tables[toSnakeCase(dataset.jsonArray ?? dataset.name)] ?? [])];
    const sources = new Set(dataset.columns.map((column) => column.source));
    return {
      definition: dataset,
      json: true,
      driftColumns: [],
      rows: records.map((record, index) => {
        const leaves = new Map<string, unknown>();
        flatten(record, '', leaves);
        const row: JsonRow = {};
        for (const column of dataset.columns) {
          row[column.name] = fromJson(column, leaves.get(column.source));
        }
        const extra: Record<string, string | null> = {};
        for (const [leaf, value] of leaves) {
          if (!sources.has(leaf)) extra[jsonName(leaf, dataset)] = jsonText(value);
        }
        row['_extra_fields'] = Object.keys(extra).length === 0 ? null : extra;
        return withLineage(row, dataset, context, index + 1);
      }),
    };
  });
}

/** The SELECT reading one report's rows of a dataset back, cast for exact comparison. */
export function selectRows(source: string, expected: ExpectedDataset, reportId: string): string {
  const columns = [
    ...expected.definition.columns.map(sqlColumn),
    ...expected.driftColumns.map((name) => `"${name}"`),
    ...(expected.json ? ['"_extra_fields"'] : []),
    '"_report_id"',
    'epoch_ms("_report_processed_at")::VARCHAR AS "_report_processed_at"',
    '"_source_position"::VARCHAR AS "_source_position"',
    '"selling_partner_id"::VARCHAR AS "selling_partner_id"',
    '"marketplace_id"::VARCHAR AS "marketplace_id"',
    '"dt"::VARCHAR AS "dt"',
  ];
  return `SELECT ${columns.join(', ')} FROM ${source} WHERE "_report_id" = '${reportId}' ORDER BY "_source_position"::BIGINT`;
}

/** Rows as read, with `_extra_fields` parsed (JSON text in the file). */
export function normaliseRead(rows: readonly JsonRow[]): JsonRow[] {
  return rows.map((row) =>
    typeof row['_extra_fields'] === 'string'
      ? { ...row, _extra_fields: JSON.parse(row['_extra_fields']) as unknown }
      : row,
  );
}

/** The column names every file of the dataset must have, in any order. */
export function expectedFileColumns(expected: ExpectedDataset): string[] {
  return [
    ...expected.definition.columns.map((column) => column.name),
    ...expected.driftColumns,
    ...(expected.json ? ['_extra_fields'] : []),
    ...LINEAGE,
  ].sort();
}

function withLineage(
  row: JsonRow,
  dataset: DatasetDefinition,
  context: ReportContext,
  position: number,
): JsonRow {
  return {
    ...row,
    _report_id: context.reportId,
    _report_processed_at: String(Date.parse(context.processedAt)),
    _source_position: String(position),
    selling_partner_id: context.sellingPartnerId,
    marketplace_id: context.marketplaceId,
    dt: partitionOf(row, dataset, context),
  };
}

function partitionOf(row: JsonRow, dataset: DatasetDefinition, context: ReportContext): string {
  const source = dataset.partitionDate;
  if ('window' in source) return context.windowStart.slice(0, 10);
  const column = dataset.columns.find((candidate) => candidate.name === source.column);
  const value = row[source.column];
  if (typeof value !== 'string') throw new Error(`row without ${source.column}`);
  return column?.type === 'timestamp' ? new Date(Number(value)).toISOString().slice(0, 10) : value;
}

function sqlColumn(column: ColumnDefinition): string {
  const name = `"${column.name}"`;
  switch (column.type) {
    case 'integer':
    case 'decimal':
    case 'date':
      return `${name}::VARCHAR AS ${name}`;
    case 'timestamp':
      return `epoch_ms(${name})::VARCHAR AS ${name}`;
    default:
      return name;
  }
}

function textOrNull(text: string): string | null {
  return text === '' ? null : text;
}

function fromText(column: ColumnDefinition, text: string): unknown {
  if (text === '') return null;
  switch (column.type) {
    case 'string':
      return text;
    case 'integer':
      return BigInt(text).toString();
    case 'decimal':
      return decimalText(text, column.scale ?? 2);
    case 'double':
      return Number(text);
    case 'boolean':
      return booleanOf(text);
    case 'timestamp': {
      const millis = Date.parse(text);
      if (Number.isNaN(millis)) throw new Error(`${column.name}: not an instant`);
      return String(millis);
    }
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error(`${column.name}: not a date`);
      return text;
  }
}

function fromJson(column: ColumnDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new Error(`${column.name}: not an integer`);
      }
      return String(value);
    case 'double':
      return value;
    case 'decimal':
      return decimalText(String(value), column.scale ?? 2);
    case 'timestamp':
      return String(Date.parse(String(value)));
    default:
      return value;
  }
}

function booleanOf(text: string): boolean {
  const word = text.toLowerCase();
  if (word === 'true' || word === 'yes') return true;
  if (word === 'false' || word === 'no') return false;
  throw new Error('not a boolean');
}

/** `12.5` at scale 2 -> `12.50`, as DuckDB prints DECIMAL(18, 2). */
function decimalText(text: string, scale: number): string {
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new Error('not a plain decimal');
  const fraction = (match[3] ?? '').padEnd(scale, '0');
  if (fraction.length > scale) throw new Error('more fraction digits than the scale');
  const integer = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const zero = /^0*$/.test(integer + fraction);
  const sign = match[1] === '-' && !zero ? '-' : '';
  return scale === 0 ? `${sign}${integer}` : `${sign}${integer}.${fraction}`;
}

function flatten(value: unknown, path: string, into: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, path === '' ? key : `${path}.${key}`, into);
    }
  } else {
    into.set(path, value);
  }
}

function jsonName(path: string, dataset: DatasetDefinition): string {
  const prefix = (dataset.jsonStripPrefixes ?? []).find((p) => path.startsWith(`${p}.`));
  return toSnakeCase(prefix === undefined ? path : path.slice(prefix.length + 1));
}

function jsonText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
