import type { ParquetColumn } from '@spapi-lake/lake';
import type { ColumnDefinition, DatasetDefinition } from '@spapi-lake/reports';
import type { ReportRecord } from './ports';

/**
 * Lineage carried by every curated row. All of it comes from the report itself, so processing the
 * same report twice writes byte-identical files (the ingestion time lives in the manifest). The
 * window tells rows of reports over different spans apart (a 7-day catch-up window's totals beside
 * daily ones).
 */
export const lineageColumns: readonly ParquetColumn[] = [
  { name: '_report_id', type: 'string', nullable: false },
  { name: '_report_processed_at', type: 'timestamp', nullable: false },
  { name: '_data_start_time', type: 'timestamp', nullable: false },
  { name: '_data_end_time', type: 'timestamp', nullable: false },
  { name: '_source_position', type: 'int64', nullable: false },
];

// tsvLayout names every drift field this way (`column_…` where snake_case gives no such name), so
// the check only guards lineage's `_` prefix and names from elsewhere.
const DRIFT_COLUMN_NAME = /^[a-z][a-z0-9_]*$/;

// Money in flat files is exact: DECIMAL(18, scale) holds any realistic amount.
const DECIMAL_PRECISION = 18;

function parquetColumn(column: ColumnDefinition): ParquetColumn {
  switch (column.type) {
    case 'integer':
      return { name: column.name, type: 'int64', nullable: true };
    case 'decimal':
      return {
        name: column.name,
        type: 'decimal',
        nullable: true,
        precision: DECIMAL_PRECISION,
        scale: column.scale ?? 2,
      };
    default:
      return { name: column.name, type: column.type, nullable: true };
  }
}

/**
 * The columns of one dataset's Parquet file: the schema's typed columns, then columns the document
 * carried that the schema does not know (TSV: one string column each, once, when its name is a
 * usable snake_case name; JSON: one `_extra_fields` column holding them as a JSON object, since
 * JSON drift can appear mid-document), then lineage.
 */
export function datasetColumns(
  dataset: DatasetDefinition,
  driftColumns: readonly string[],
  json: boolean,
): ParquetColumn[] {
  const known = new Set(dataset.columns.map((column) => column.name));
  const drift: ParquetColumn[] = json
    ? [{ name: '_extra_fields', type: 'string', nullable: true }]
    : [...new Set(driftColumns)]
        .filter((name) => !known.has(name) && DRIFT_COLUMN_NAME.test(name))
        .map((name) => ({ name, type: 'string', nullable: true }));
  return [...dataset.columns.map(parquetColumn), ...drift, ...lineageColumns];
}

/** The lineage values shared by every row of a report (instants as epoch ms), by column name. */
export interface ReportLineage {
  readonly _report_id: string;
  readonly _report_processed_at: number;
  readonly _data_start_time: number;
  readonly _data_end_time: number;
}

/** The lineage of a report whose window starts at `windowStart` (the report's, as given). */
export function lineageValues(report: ReportRecord, windowStart: string): ReportLineage {
  const processedAt = report.processingEndTime ?? report.createdTime;
  return {
    _report_id: report.reportId,
    _report_processed_at: Date.parse(processedAt),
    _data_start_time: Date.parse(windowStart),
    _data_end_time: Date.parse(report.dataEndTime ?? windowStart),
  };
}
