import { type ReportTypeDefinition, reportTypeDefinition } from '@spapi-lake/reports';

/** The registry's definition of a report type, or undefined for a type kept raw only. */
export function findReportDefinition(reportType: string): ReportTypeDefinition | undefined {
  try {
    return reportTypeDefinition(reportType);
  } catch {
    return undefined;
  }
}
