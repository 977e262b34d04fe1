import * as generators from '../generators';
import type { ReportGenerator } from '../world/reports/report-generator';

/** The report generator of `src/generators`, bound to the engine's port. */
export const defaultReportGenerator: ReportGenerator = {
  generateReport: (spec) => generators.generateReport(spec),
  groundTruth: (spec) => generators.groundTruth(spec),
  requestableReportTypes: generators.requestableReportTypes,
  amazonGeneratedReportTypes: generators.amazonGeneratedReportTypes,
  amazonGeneratedReports: (input) => generators.amazonGeneratedReports(input),
};
