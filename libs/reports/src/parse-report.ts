import { JsonReportParser } from './json-report-parser';
import type {
  ParseContext,
  ParsedRecord,
  SchemaObservation,
  SkippedTopLevelKey,
} from './parsed-record';
import type { ReportTypeDefinition } from './report-type-definition';
import { TsvReportParser } from './tsv-report-parser';
import { MalformedReportDocumentError } from './errors';

/** A running parse: the records, then (once they are consumed) how the schema compared. */
export interface ReportParse {
  readonly records: AsyncIterable<ParsedRecord>;
  schema(): SchemaObservation[];
  /** Top-level keys of a JSON document that no dataset reads (none for TSV), once consumed. */
  skippedTopLevelKeys(): SkippedTopLevelKey[];
}

/** Parses a decoded report document (text chunks) by its report type's definition. */
export function parseReport(
  definition: ReportTypeDefinition,
  chunks: AsyncIterable<string>,
  context: ParseContext,
): ReportParse {
  if (definition.format === 'json') {
    const parser = new JsonReportParser(definition, context);
    return {
      records: parser.parse(chunks),
      schema: () => parser.schema,
      skippedTopLevelKeys: () => parser.skippedTopLevelKeys,
    };
  }
  const [dataset] = definition.datasets;
  if (!dataset || definition.datasets.length !== 1) {
    throw new MalformedReportDocumentError(
      `${definition.reportType}: a TSV report feeds one dataset`,
    );
  }
  const parser = new TsvReportParser(dataset, context);
  return {
    records: parser.parse(chunks),
    schema: () => [parser.schema],
    skippedTopLevelKeys: () => [],
  };
}
