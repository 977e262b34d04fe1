import { parseInstant } from './calendar';
import { joinedRows, jsonText, tsvText } from './document-text';
import { findMarketplace, type Marketplace } from './marketplaces';
import { EAGER_ROW_LIMIT, type BuildResult, type TsvReport } from './report-definition';
import { findReportDefinition } from './registry';
import type { GenerationOutcome, GroundTruth, GroundTruthRecord, ReportRequestSpec } from './types';

/**
 * Processes a report request: a document (DONE), no data (CANCELLED) or an error document
 * (FATAL). Pure: the same spec always gives the same outcome and the same text.
 */
export function generateReport(spec: ReportRequestSpec): GenerationOutcome {
  const result = build(spec);
  switch (result.kind) {
    case 'fatal':
      return {
        kind: 'fatal',
        errorDocument: JSON.stringify({ errorDetails: result.errorDetails }),
      };
    case 'no-data':
      return { kind: 'no-data' };
    case 'tsv':
      return {
        kind: 'document',
        format: 'tsv',
        flatFile: true,
        rowCount: result.rowCount,
        text: tsvText(
          result.header,
          result.lines ?? (() => joinedRows(result.rows())),
          result.lineEnding,
        ),
      };
    case 'json':
      return {
        kind: 'document',
        format: 'json',
        flatFile: false,
        rowCount: result.arrays.reduce((sum, array) => sum + array.count, 0),
        text: jsonText(result.head, result.arrays),
      };
  }
}

/** The records the document of `spec` holds (see `GroundTruth` for the shape). */
export function groundTruth(spec: ReportRequestSpec): GroundTruth {
  const result = build(spec);
  const format = findReportDefinition(spec.reportType)?.format ?? 'tsv';
  switch (result.kind) {
    case 'fatal':
      return { format, tables: {} };
    case 'no-data':
      return { format, tables: format === 'tsv' ? { rows: [] } : {} };
    case 'tsv':
      return { format, tables: { rows: tsvRecords(result) } };
    case 'json':
      return {
        format,
        document: result.head,
        tables: Object.fromEntries(
          result.arrays.map((array) => [
            array.table,
            array.count <= EAGER_ROW_LIMIT ? [...array.items()] : reiterable(array.items),
          ]),
        ),
      };
  }
}

function build(spec: ReportRequestSpec): BuildResult {
  const definition = findReportDefinition(spec.reportType);
  if (!definition)
    return { kind: 'fatal', errorDetails: `Report type ${spec.reportType} is not supported.` };
  if (!definition.accountTypes.includes(spec.accountType)) {
    return {
      kind: 'fatal',
      errorDetails: `This report type is not available for ${spec.accountType} accounts.`,
    };
  }
  const marketplaces: Marketplace[] = [];
  for (const id of spec.marketplaceIds) {
    const marketplace = findMarketplace(id);
    if (!marketplace) return { kind: 'fatal', errorDetails: `Invalid marketplaceId: ${id}.` };
    marketplaces.push(marketplace);
  }
  if (marketplaces.length === 0)
    return { kind: 'fatal', errorDetails: 'At least one marketplaceId is required.' };
  const startMs = parseInstant(spec.dataStartTime);
  const endMs = parseInstant(spec.dataEndTime);
  if (startMs === undefined || endMs === undefined) {
    return {
      kind: 'fatal',
      errorDetails: 'dataStartTime and dataEndTime must be ISO 8601 date-times.',
    };
  }
  return definition.build({ spec, marketplaces, startMs, endMs });
}

function tsvRecords(report: TsvReport): Iterable<GroundTruthRecord> {
  const toRecord = (row: readonly string[]): GroundTruthRecord =>
    Object.fromEntries(report.header.map((column, index) => [column, row[index] ?? '']));
  if (report.rowCount <= EAGER_ROW_LIMIT) return [...report.rows()].map(toRecord);
  return reiterable(function* records() {
    for (const row of report.rows()) yield toRecord(row);
  });
}

function reiterable<T>(items: () => Iterable<T>): Iterable<T> {
  return { [Symbol.iterator]: () => items()[Symbol.iterator]() };
}
