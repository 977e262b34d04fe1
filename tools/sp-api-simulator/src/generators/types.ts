/** What createReport (or Amazon's own settlement run) asked for; everything a document depends on. */
export interface ReportRequestSpec {
  reportType: string;
  sellingPartnerId: string;
  accountType: 'seller' | 'vendor';
  marketplaceIds: string[];
  /** ISO 8601 instant. */
  dataStartTime: string;
  /** ISO 8601 instant. */
  dataEndTime: string;
  reportOptions: Record<string, string>;
  seed: number;
  /** Size option: exactly this many order rows (or Brand Analytics records), generated lazily. */
  rowsOverride?: number;
  /**
   * ISO 8601 instant the report was requested at. Reports of the current state rather than of a
   * window (the vendor forecast) depend on it; specs without it use dataEndTime instead.
   */
  requestTime?: string;
}

/** The result of report processing: a document (DONE), no data (CANCELLED) or an error (FATAL). */
export type GenerationOutcome =
  | {
      kind: 'document';
      format: 'tsv' | 'json';
      flatFile: boolean;
      /** Data rows (TSV, header excluded) or records across the JSON arrays. */
      rowCount: number;
      /** The document text, produced lazily in chunks of ~64 KiB; every call starts afresh. */
      text: () => Iterable<string>;
    }
  | { kind: 'no-data' }
  | { kind: 'fatal'; errorDocument: string /* JSON text like {"errorDetails":"..."} */ };

/** One ground-truth record: header -> cell text (TSV), or one JSON array entry as it is. */
export type GroundTruthRecord = Readonly<Record<string, unknown>>;

/**
 * What a pipeline should land for a report. TSV: one table `rows`, each record maps every header
 * to the cell text exactly as in the document (settlement: the totals row first). JSON: one table
 * per top-level array, snake_case (`sales_and_traffic_by_date`, `sales_and_traffic_by_asin`,
 * `data_by_department_and_search_term`, `sales_aggregate`, `sales_by_asin`, `data_by_asin`,
 * `traffic_aggregate`, `inventory_by_asin`, `forecast_by_asin`, ...), each record the array
 * entry with its nested objects as in the document. Tables are arrays, except for `rowsOverride`
 * above 50,000 where they are re-iterable lazy iterables. No data: `{ rows: [] }` (TSV) or `{}`
 * (JSON); fatal: `{}`.
 */
export interface GroundTruth {
  readonly format: 'tsv' | 'json';
  readonly tables: Readonly<Record<string, Iterable<GroundTruthRecord>>>;
  /** JSON: the document's leading properties (`reportSpecification`, with its reportOptions). */
  readonly document?: Readonly<Record<string, unknown>>;
}

/** A report Amazon generates by itself (settlement), as `getReports` lists it. */
export interface AmazonGeneratedReport {
  reportType: string;
  dataStartTime: string;
  dataEndTime: string;
  /** Pass to `generateReport` / `groundTruth` for the document. */
  spec: ReportRequestSpec;
}
