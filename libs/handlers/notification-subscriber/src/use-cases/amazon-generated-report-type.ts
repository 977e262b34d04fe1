import { reportTypeDefinitions } from '@spapi-lake/reports';

/** The report types Amazon generates on its own (settlements), as the report registry knows them. */
export const AMAZON_GENERATED_REPORT_TYPES: readonly string[] = reportTypeDefinitions
  .filter((definition) => !definition.requestable)
  .map((d) => d.reportType);

const amazonGenerated = new Set(AMAZON_GENERATED_REPORT_TYPES);

/**
 * True for report types Amazon generates on its own (settlements): the pipeline never creates them,
 * so no ingestion execution ever waits for their REPORT_PROCESSING_FINISHED.
 */
export function isAmazonGeneratedReportType(reportType: string): boolean {
  return amazonGenerated.has(reportType);
}
