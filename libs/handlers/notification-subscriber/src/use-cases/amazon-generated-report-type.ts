import { reportTypeDefinitions } from '@spapi-lake/reports';

const amazonGenerated = new Set(
  reportTypeDefinitions.filter((definition) => !definition.requestable).map((d) => d.reportType),
);

/**
 * True for report types Amazon generates on its own (settlements): the pipeline never creates them,
 * so no ingestion execution ever waits for their REPORT_PROCESSING_FINISHED.
 */
export function isAmazonGeneratedReportType(reportType: string): boolean {
  return amazonGenerated.has(reportType);
}
