import type { DateConventions } from './date-conventions';
import type { CellValue } from './column-type';

/**
 * A column unknown to the schema: a TSV cell's text, or a JSON leaf as the document has it (a
 * scalar, or an array, which is not flattened).
 */
export type DriftValue =
  string | number | boolean | null | readonly unknown[] | { readonly [key: string]: unknown };

/** A curated row, typed by its dataset's schema; columns unknown to the schema ride along as drift. */
export interface CuratedRow {
  readonly kind: 'row';
  readonly dataset: string;
  /** `yyyy-mm-dd`, the `dt` partition. */
  readonly partitionDate: string;
  readonly values: Readonly<Record<string, CellValue>>;
  /** Columns not in the schema, kept rather than dropped (TSV: strings; JSON: typed values). */
  readonly drift: Readonly<Record<string, DriftValue>>;
  /** 1-based line (TSV) or element index (JSON) in the document, for lineage. */
  readonly position: number;
}

/** A row that could not be curated; it is kept with its reason and counted, never dropped. */
export interface QuarantinedRow {
  readonly kind: 'quarantine';
  readonly dataset: string;
  readonly position: number;
  /** The row as it was in the document (a TSV line, or JSON text). */
  readonly raw: string;
  readonly reason: string;
}

export type ParsedRecord = CuratedRow | QuarantinedRow;

/** What the window of the report was; snapshot and period datasets partition by its start. */
export interface ParseContext {
  /** ISO date-time of the requested dataStartTime. */
  readonly windowStart: string;
  /**
   * How the file's marketplace prints dates (`dateConventionsOf`); default
   * DEFAULT_DATE_CONVENTIONS.
   */
  readonly dateConventions?: DateConventions;
}

/** How the document's columns compare with the schema, per dataset. */
export interface SchemaObservation {
  readonly dataset: string;
  /** Columns in the document that the schema does not know (kept as strings). */
  readonly driftColumns: readonly string[];
  /** Schema columns the document did not carry (null in every row). */
  readonly missingColumns: readonly string[];
}

/**
 * A top-level key of a JSON document that no dataset reads (nor the report's metadata), skipped
 * without being buffered: its values are in the raw copy only.
 */
export interface SkippedTopLevelKey {
  readonly key: string;
  /** How many elements it held, when it was an array; absent for any other value. */
  readonly elements?: number;
}
