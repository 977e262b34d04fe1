import {
  type ColumnDefinition,
  type DatasetDefinition,
  type ReportTypeDefinition,
  toSnakeCase,
} from '@spapi-lake/reports';

// The tests' own reading of the simulator's ground truth: cell text (TSV) or JSON values turned
// into what each curated column must hold, written independently of the pipeline's parsers.

/** A row as compared: every value as DuckDB prints it after the casts of `selectRows`. */
export type ExpectedRow = Record<string, unknown>;

/** What one report must have landed in one curated dataset. */
export interface ExpectedDataset {
  readonly definition: DatasetDefinition;
  readonly json: boolean;
  /** TSV columns the schema does not know, snake_case (kept as strings). */
  readonly driftColumns: readonly string[];
  /** Whether `rows` carry the lineage columns (`_report_id`, ...), and `selectRows` reads them. */
  readonly lineage: boolean;
  /** In document order, with the Hive partition columns. */
  readonly rows: readonly ExpectedRow[];
}

/** The simulator's ground truth of one report (see its `GroundTruth`). */
export interface GroundTruthTables {
  readonly format: 'tsv' | 'json';
  readonly tables: Readonly<Record<string, Iterable<Readonly<Record<string, unknown>>>>>;
  /** JSON: the document's leading properties (`reportSpecification`). */
  readonly document?: Readonly<Record<string, unknown>>;
}

/** Where the report's rows go. */
export interface RowPlacement {
  readonly sellingPartnerId: string;
  readonly marketplaceId: string;
  /** The report's window start: the `dt` of snapshot and period datasets. */
  readonly windowStart: string;
}

/** The lineage every curated row carries, when the comparison includes it. */
export interface RowLineage {
  readonly reportId: string;
  /** The report's `processingEndTime`. */
  readonly processedAt: string;
  /** The report's window, as getReport gives it. */
  readonly dataStartTime: string;
  readonly dataEndTime: string;
}

const LINEAGE_COLUMNS = [
  '_report_id',
  '_report_processed_at',
  '_data_start_time',
  '_data_end_time',
  '_source_position',
];

/** The simulator's `rows` ground truth checked for the shape this module reads. */
export function groundTruthTables(rows: unknown): GroundTruthTables {
  if (typeof rows !== 'object' || rows === null) throw new Error('ground truth without tables');
  const format = Reflect.get(rows, 'format');
  const tables = Reflect.get(rows, 'tables');
  if ((format !== 'tsv' && format !== 'json') || typeof tables !== 'object' || tables === null) {
    throw new Error('ground truth of an unknown shape');
  }
  const document = Reflect.get(rows, 'document');
  return {
    format,
    tables: tables as GroundTruthTables['tables'],
    ...(typeof document === 'object' && document !== null
      ? { document: document as Readonly<Record<string, unknown>> }
      : {}),
  };
}

/**
 * Every dataset of `definition` with the rows the ground truth says it must hold, placed in their
 * partitions; with `lineage`, each row also carries its lineage columns.
 */
export function expectedDatasets(
  definition: ReportTypeDefinition,
  truth: GroundTruthTables,
  placement: RowPlacement,
  lineage?: RowLineage,
): ExpectedDataset[] {
  const complete = (row: ExpectedRow, dataset: DatasetDefinition, position: number) => ({
    ...row,
    ...(lineage === undefined ? {} : lineageColumns(lineage, position)),
    selling_partner_id: placement.sellingPartnerId,
    marketplace_id: placement.marketplaceId,
    dt: partitionOf(row, dataset, placement),
  });
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
        lineage: lineage !== undefined,
        rows: records.map((record, index) => {
          const row: ExpectedRow = {};
          for (const column of dataset.columns) {
            row[column.name] = fromText(column, String(record[column.source] ?? ''));
          }
          for (const name of drift) row[toSnakeCase(name)] = textOrNull(String(record[name]));
          // Line 1 is the header.
          return complete(row, dataset, index + 2);
        }),
      },
    ];
  }
  // Columns of the document itself (the reportSpecification's options) hold the same value in
  // every row.
  const documentLeaves = new Map<string, unknown>();
  flatten(truth.document ?? {}, '', documentLeaves);
  return definition.datasets.map((dataset) => {
    const records = [...(truth.tables[toSnakeCase(dataset.jsonArray ?? dataset.name)] ?? [])];
    const sources = new Set(dataset.columns.map((column) => column.source));
    return {
      definition: dataset,
      json: true,
      driftColumns: [],
      lineage: lineage !== undefined,
      rows: records.map((record, index) => {
        const leaves = new Map<string, unknown>();
        flatten(record, '', leaves);
        const row: ExpectedRow = {};
        for (const column of dataset.columns) {
          const value = leaves.has(column.source)
            ? leaves.get(column.source)
            : documentLeaves.get(column.source);
          row[column.name] = fromJson(column, value);
        }
        const extra: Record<string, unknown> = {};
        for (const [leaf, value] of leaves) {
          if (!sources.has(leaf)) extra[jsonName(leaf, dataset)] = value ?? null;
        }
        row['_extra_fields'] = Object.keys(extra).length === 0 ? null : extra;
        return complete(row, dataset, index + 1);
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
    ...(expected.lineage
      ? [
          '"_report_id"',
          'epoch_ms("_report_processed_at")::VARCHAR AS "_report_processed_at"',
          'epoch_ms("_data_start_time")::VARCHAR AS "_data_start_time"',
          'epoch_ms("_data_end_time")::VARCHAR AS "_data_end_time"',
          '"_source_position"::VARCHAR AS "_source_position"',
        ]
      : []),
    '"selling_partner_id"::VARCHAR AS "selling_partner_id"',
    '"marketplace_id"::VARCHAR AS "marketplace_id"',
    '"dt"::VARCHAR AS "dt"',
  ];
  return `SELECT ${columns.join(', ')} FROM ${source} WHERE "_report_id" = '${reportId}' ORDER BY "_source_position"::BIGINT`;
}

/** Rows as read, with `_extra_fields` parsed (JSON text in the file). */
export function normaliseRead(rows: readonly ExpectedRow[]): ExpectedRow[] {
  return rows.map((row) =>
    typeof row['_extra_fields'] === 'string'
      ? { ...row, _extra_fields: JSON.parse(row['_extra_fields']) as unknown }
      : row,
  );
}

/** The column names every file of the dataset must have (lineage included), in any order. */
export function expectedFileColumns(expected: ExpectedDataset): string[] {
  return [
    ...expected.definition.columns.map((column) => column.name),
    ...expected.driftColumns,
    ...(expected.json ? ['_extra_fields'] : []),
    ...LINEAGE_COLUMNS,
  ].sort();
}

function lineageColumns(lineage: RowLineage, position: number): ExpectedRow {
  return {
    _report_id: lineage.reportId,
    _report_processed_at: String(Date.parse(lineage.processedAt)),
    _data_start_time: String(Date.parse(lineage.dataStartTime)),
    _data_end_time: String(Date.parse(lineage.dataEndTime)),
    _source_position: String(position),
  };
}

function partitionOf(row: ExpectedRow, dataset: DatasetDefinition, placement: RowPlacement) {
  const source = dataset.partitionDate;
  if ('window' in source) return placement.windowStart.slice(0, 10);
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

// The UK's `24/03/2011 09:29:39 GMT` and Japan's `2009/09/18 15:18:58 JST` (the simulator's
// listings) and settlements' `2026-11-04 17:16:30 UTC`, as ISO 8601; other text as it is.
function isoOfPrinted(text: string): string {
  const uk = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}:\d{2}:\d{2}) GMT$/.exec(text);
  if (uk) return `${uk[3]}-${uk[2]}-${uk[1]}T${uk[4]}Z`;
  const jp = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}:\d{2}) JST$/.exec(text);
  if (jp) return `${jp[1]}-${jp[2]}-${jp[3]}T${jp[4]}+09:00`;
  const utc = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(text);
  if (utc) return `${utc[1]}T${utc[2]}Z`;
  return text;
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
      const millis = Date.parse(isoOfPrinted(text));
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

/**
 * `12.5` at scale 2 -> `12.50`, as DuckDB prints DECIMAL(18, 2). The point may be a comma (the
 * simulator's continental European settlements print `95,00`, never with thousands separators).
 */
function decimalText(text: string, scale: number): string {
  const match = /^([+-]?)(\d+)(?:[.,](\d*))?$/.exec(text);
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
