import { type ReportTypeDefinition, findReportTypeDefinition } from '@spapi-lake/reports';

/** The registry's definition of a report type, or undefined for a type kept raw only. */
export function findReportDefinition(reportType: string): ReportTypeDefinition | undefined {
  return findReportTypeDefinition(reportType);
}
