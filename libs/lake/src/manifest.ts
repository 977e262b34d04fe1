import { z } from 'zod';
import { DocumentCompression } from './lake-keys';
import { manifestFields, normaliseInstant, parseJsonWith, parseWith } from './manifest-fields';

/** What one report contributed to one curated dataset. */
export const datasetManifestSchema = z.strictObject({
  dataset: manifestFields.dataset,
  rows: manifestFields.count,
  /** Curated object keys written (one per marketplace and date partition), sorted. */
  partitions: z.array(z.string().min(1)),
  /** `schemaHash` of the columns written. */
  schemaHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Columns found in the document but not in the report-type schema (kept as strings), sorted. */
  driftColumns: z.array(z.string().min(1)),
  /** Schema columns the document did not carry (null in every row), sorted. */
  missingColumns: z.array(z.string().min(1)),
  /** Rows of this dataset that could not be curated, kept at `quarantineKey` with their reason. */
  quarantinedRows: manifestFields.count,
  quarantineKey: z.string().min(1).optional(),
});
export type DatasetManifest = z.infer<typeof datasetManifestSchema>;

/**
 * A top-level key of a JSON document that no dataset reads (new data Amazon added, say a
 * `salesByWeek` array): it was skipped, so its values are in the raw copy only.
 */
export const skippedTopLevelKeySchema = z.strictObject({
  key: z.string(),
  /** How many elements it held, when it was an array; absent for any other value. */
  elements: manifestFields.count.optional(),
});

/**
 * What the curated rows came from besides the raw document, so a replay can rebuild them exactly
 * without asking SP-API: the window start as the report gave it (partition dates and parse context
 * come from its text) and the instant of the `_report_processed_at` lineage column.
 */
export const curationInputsSchema = z.strictObject({
  windowStart: z.string().min(1),
  reportProcessedAt: manifestFields.instant,
  /**
   * Rows per Parquet row group the report was curated with, when not the retriever's default
   * (`PARQUET_ROW_GROUP_SIZE` set): a replay writes the same row groups, so the same bytes.
   */
  rowGroupSize: z.number().int().positive().optional(),
});
export type CurationInputs = z.infer<typeof curationInputsSchema>;

/**
 * The per-report manifest at `manifestKey(...)`: where the raw bytes went, which curated files and
 * how many rows came out, what was quarantined. Written last, so its presence means "ingested".
 */
export const reportManifestSchema = z
  .strictObject({
    manifestVersion: z.literal(1),
    reportId: manifestFields.reportId,
    reportType: manifestFields.reportType,
    sellingPartnerId: manifestFields.sellingPartnerId,
    marketplaceIds: z.array(manifestFields.amazonId),
    dataStartTime: manifestFields.instant,
    dataEndTime: manifestFields.instant,
    documentId: z.string().min(1),
    compression: z.enum([DocumentCompression.Gzip, DocumentCompression.None]),
    charset: z.string().min(1),
    rawKey: z.string().min(1),
    rawBytes: manifestFields.count,
    /** Absent only from manifests written before replay existed (those cannot be replayed). */
    curationInputs: curationInputsSchema.optional(),
    datasets: z.array(datasetManifestSchema),
    /**
     * Drift no curated table holds: the JSON document's top-level keys that no dataset reads,
     * sorted. Absent when there were none, and from manifests written before they were recorded.
     */
    skippedTopLevelKeys: z.array(skippedTopLevelKeySchema).optional(),
    quarantinedRows: manifestFields.count,
    ingestedAt: manifestFields.instant,
  })
  .superRefine((manifest, context) => {
    if (Date.parse(manifest.dataEndTime) < Date.parse(manifest.dataStartTime)) {
      context.addIssue({
        code: 'custom',
        path: ['dataEndTime'],
        message: 'is before dataStartTime',
      });
    }
    manifest.datasets.forEach((entry, index) => {
      if (entry.quarantinedRows > 0 && entry.quarantineKey === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['datasets', index, 'quarantineKey'],
          message: 'is required when rows were quarantined',
        });
      }
    });
    const quarantined = manifest.datasets.reduce((sum, entry) => sum + entry.quarantinedRows, 0);
    if (quarantined !== manifest.quarantinedRows) {
      context.addIssue({
        code: 'custom',
        path: ['quarantinedRows'],
        message: "is not the sum of the datasets' quarantined rows",
      });
    }
    const names = manifest.datasets.map((entry) => entry.dataset);
    if (new Set(names).size !== names.length) {
      context.addIssue({ code: 'custom', path: ['datasets'], message: 'lists a dataset twice' });
    }
    const skipped = manifest.skippedTopLevelKeys?.map((entry) => entry.key) ?? [];
    if (new Set(skipped).size !== skipped.length) {
      context.addIssue({
        code: 'custom',
        path: ['skippedTopLevelKeys'],
        message: 'lists a key twice',
      });
    }
  });
export type ReportManifest = z.infer<typeof reportManifestSchema>;

/** Input of {@link buildReportManifest}: instants as Date or zoned ISO strings. */
export interface ReportManifestInput extends Omit<
  ReportManifest,
  'manifestVersion' | 'dataStartTime' | 'dataEndTime' | 'ingestedAt'
> {
  dataStartTime: string | Date;
  dataEndTime: string | Date;
  /** The same instant as the rows' `_ingested_at` lineage column: taken once from the Clock by the caller. */
  ingestedAt: Date;
}

/**
 * Builds a validated manifest in canonical form (instants in UTC, ids, datasets, partitions and
 * drift columns sorted and de-duplicated, skipped top-level keys sorted and left out when none),
 * so processing a report twice yields the same document apart from `ingestedAt`. Throws
 * `ManifestInvalidError`.
 */
export function buildReportManifest(input: ReportManifestInput): ReportManifest {
  const candidate = {
    manifestVersion: 1,
    reportId: input.reportId,
    reportType: input.reportType,
    sellingPartnerId: input.sellingPartnerId,
    marketplaceIds: sortedUnique(input.marketplaceIds),
    dataStartTime: normaliseInstant(input.dataStartTime),
    dataEndTime: normaliseInstant(input.dataEndTime),
    documentId: input.documentId,
    compression: input.compression,
    charset: input.charset,
    rawKey: input.rawKey,
    rawBytes: input.rawBytes,
    ...(input.curationInputs === undefined
      ? {}
      : {
          curationInputs: curationInputsOf(input.curationInputs),
        }),
    datasets: [...input.datasets]
      .map((entry) => ({
        dataset: entry.dataset,
        rows: entry.rows,
        partitions: sortedUnique(entry.partitions),
        schemaHash: entry.schemaHash,
        driftColumns: sortedUnique(entry.driftColumns),
        missingColumns: sortedUnique(entry.missingColumns),
        quarantinedRows: entry.quarantinedRows,
        ...(entry.quarantineKey === undefined ? {} : { quarantineKey: entry.quarantineKey }),
      }))
      .sort((a, b) => compare(a.dataset, b.dataset)),
    ...(input.skippedTopLevelKeys?.length
      ? {
          skippedTopLevelKeys: input.skippedTopLevelKeys
            .map(({ key, elements }) => (elements === undefined ? { key } : { key, elements }))
            .sort((a, b) => compare(a.key, b.key)),
        }
      : {}),
    quarantinedRows: input.quarantinedRows,
    ingestedAt: normaliseInstant(input.ingestedAt),
  };
  return parseWith(reportManifestSchema, candidate, 'report manifest');
}

/** The manifest as stored: pretty JSON with a trailing newline. */
export function serializeReportManifest(manifest: ReportManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads a stored manifest back; throws `ManifestInvalidError` when it is not one. */
export function parseReportManifest(text: string | Buffer): ReportManifest {
  return parseJsonWith(reportManifestSchema, text, 'report manifest');
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Curation inputs as stored: instants normalised, the row group size only when recorded. */
export function curationInputsOf(inputs: CurationInputs): CurationInputs {
  return {
    windowStart: inputs.windowStart,
    reportProcessedAt: normaliseInstant(inputs.reportProcessedAt),
    ...(inputs.rowGroupSize === undefined ? {} : { rowGroupSize: inputs.rowGroupSize }),
  };
}
