// Report content of the SP-API simulator: deterministic documents and their ground truth.
export type {
  AmazonGeneratedReport,
  GenerationOutcome,
  GroundTruth,
  GroundTruthRecord,
  ReportRequestSpec,
} from './types';
export { generateReport, groundTruth } from './generate-report';
export { requestableReportTypes, amazonGeneratedReportTypes } from './registry';
export { amazonGeneratedReports } from './amazon-generated-reports';
export { listingsFor, productsFor, type Listing, type Product } from './listings';
export { noOrdersOn } from './no-orders-on';
