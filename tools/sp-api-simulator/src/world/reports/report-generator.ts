/**
 * The report content the simulator serves, as SIM-GEN's `src/generators` provides it. Declared
 * structurally here so the server depends on a port; `src/server/default-generator.ts` binds it.
 */
export interface ReportRequestSpec {
  readonly reportType: string;
  readonly sellingPartnerId: string;
  readonly accountType: 'seller' | 'vendor';
  readonly marketplaceIds: string[];
  readonly dataStartTime: string;
  readonly dataEndTime: string;
  readonly reportOptions: Record<string, string>;
  readonly seed: number;
  readonly rowsOverride?: number;
  /** When the report was requested (ISO 8601): the vendor forecast depends on it. */
  readonly requestTime?: string;
}

/** What generating a report produced: a document, no data (CANCELLED) or a failure (FATAL). */
export type GenerationOutcome =
  | {
      readonly kind: 'document';
      readonly format: 'tsv' | 'json';
      readonly flatFile: boolean;
      readonly rowCount: number;
      readonly text: () => Iterable<string>;
    }
  | { readonly kind: 'no-data' }
  | { readonly kind: 'fatal'; readonly errorDocument: string };

/** One report Amazon creates on its own (settlement) for a partner. */
export interface AmazonGeneratedReport {
  readonly reportType: string;
  readonly dataStartTime: string;
  readonly dataEndTime: string;
  readonly spec: ReportRequestSpec;
}

/** The generator port. */
export interface ReportGenerator {
  generateReport(spec: ReportRequestSpec): GenerationOutcome;
  groundTruth(spec: ReportRequestSpec): unknown;
  readonly requestableReportTypes: readonly string[];
  readonly amazonGeneratedReportTypes: readonly string[];
  /** The reports Amazon created on its own for the partner in [from, to] (none for vendors). */
  amazonGeneratedReports(input: {
    sellingPartnerId: string;
    accountType: 'seller' | 'vendor';
    marketplaceIds: string[];
    from: string;
    to: string;
    seed: number;
  }): AmazonGeneratedReport[];
}
