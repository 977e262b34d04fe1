import type { JsonArray } from './document-text';
import type { Marketplace } from './marketplaces';
import type { ReportRequestSpec } from './types';

/** A request after the common checks: known marketplaces and a parsed window. */
export interface ResolvedRequest {
  readonly spec: ReportRequestSpec;
  readonly marketplaces: readonly Marketplace[];
  /** Window start, epoch ms (inclusive). */
  readonly startMs: number;
  /** Window end, epoch ms (exclusive for timestamped rows). */
  readonly endMs: number;
}

/** A flat file: header, rows (cells in header order) and its line ending. */
export interface TsvReport {
  readonly kind: 'tsv';
  readonly header: readonly string[];
  readonly lineEnding: '\n' | '\r\n';
  readonly rowCount: number;
  /** Re-iterable; lazily generated for large sizes. */
  readonly rows: () => Iterable<readonly string[]>;
  /** The same rows already joined by tabs (no line ending), when that is cheaper to produce. */
  readonly lines?: () => Iterable<string>;
}

/** A JSON report: leading properties (reportSpecification) and its top-level arrays. */
export interface JsonReport {
  readonly kind: 'json';
  readonly head: Readonly<Record<string, unknown>>;
  readonly arrays: readonly JsonArray[];
}

/** What a report type's generator produces for a resolved request. */
export type BuildResult =
  | TsvReport
  | JsonReport
  | { readonly kind: 'no-data' }
  | { readonly kind: 'fatal'; readonly errorDetails: string };

/** One supported report type. */
export interface ReportDefinition {
  readonly reportType: string;
  readonly format: 'tsv' | 'json';
  /** Account types that may request it; the other one gets a FATAL. */
  readonly accountTypes: readonly ('seller' | 'vendor')[];
  /** False for reports only Amazon creates (settlement): createReport must refuse them. */
  readonly requestable: boolean;
  build(request: ResolvedRequest): BuildResult;
}

/** A FATAL result. */
export function fatal(errorDetails: string): BuildResult {
  return { kind: 'fatal', errorDetails };
}

/** The error text Amazon uses when required reportOptions are missing (observed for vendor reports). */
export function missingOptionsDetails(names: readonly string[]): string {
  return (
    `This report type requires the ${names.join(', ')} reportOption to be specified. ` +
    'Please review the document for this report type on GitHub, provide the required reportOption, and try again.'
  );
}

/** Up to this many generated rows, ground truth is returned as arrays. */
export const EAGER_ROW_LIMIT = 50_000;
