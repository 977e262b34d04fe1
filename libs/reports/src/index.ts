export { ColumnType, type CellValue, type ColumnDefinition } from './column-type';
export {
  DEFAULT_DATE_CONVENTIONS,
  type DateConventions,
  dateConventionsOf,
} from './date-conventions';
export type {
  DatasetDefinition,
  PartitionDateSource,
  ReportTypeDefinition,
  WindowRules,
} from './report-type-definition';
export { lookbackDaysOf } from './report-type-definition';
export {
  reportTypeDefinitions,
  reportTypeDefinition,
  findReportTypeDefinition,
  restrictedReportTypes,
  isRestrictedReportType,
} from './report-type-registry';
export type {
  CuratedRow,
  DriftValue,
  ParseContext,
  ParsedRecord,
  QuarantinedRow,
  SchemaObservation,
  SkippedTopLevelKey,
} from './parsed-record';
export { reportOptionsProblem } from './report-options-problem';
export { parseReport, type ReportParse } from './parse-report';
export { type TsvLayout, parseTsvLine, tsvHeaderFields, tsvLayout } from './tsv-report-parser';
export { partitionDateOf } from './partition-date';
export { parseCell, parseDate, parseInstant, parseNumber } from './parse-cell';
export { toSnakeCase } from './column-builders';
export { CellParseError, MalformedReportDocumentError, UnknownReportTypeError } from './errors';
