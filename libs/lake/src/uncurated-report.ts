import { z } from 'zod';
import { DocumentCompression } from './lake-keys';
import { curationInputsOf, curationInputsSchema } from './manifest';
import { manifestFields, normaliseInstant, parseJsonWith, parseWith } from './manifest-fields';

/** The ingestion unit (ledger entry) a report was retrieved for: see `ledgerKey`. */
export const ledgerUnitSchema = z
  .strictObject({
    reportConfigId: manifestFields.reportConfigId.optional(),
    marketplaceIds: z.array(manifestFields.amazonId).min(1),
    windowStart: manifestFields.instant,
    windowEnd: manifestFields.instant,
  })
  .refine((unit) => Date.parse(unit.windowEnd) >= Date.parse(unit.windowStart), {
    path: ['windowEnd'],
    message: 'is before windowStart',
  });
export type LedgerUnit = z.infer<typeof ledgerUnitSchema>;

/**
 * The record at `uncuratedReportKey(...)` of a DONE report whose document could not be curated (a
 * non-retryable error: a parser or schema that does not fit it yet): the raw copy was kept, and this
 * says everything a replay needs to curate it later without SP-API, and why it failed. It is not a
 * manifest: a report with one of these has not landed.
 */
export const uncuratedReportSchema = z.strictObject({
  recordVersion: z.literal(1),
  reportId: manifestFields.reportId,
  reportType: manifestFields.reportType,
  sellingPartnerId: manifestFields.sellingPartnerId,
  marketplaceIds: z.array(manifestFields.amazonId).min(1),
  dataStartTime: manifestFields.instant,
  dataEndTime: manifestFields.instant,
  documentId: z.string().min(1),
  compression: z.enum([DocumentCompression.Gzip, DocumentCompression.None]),
  charset: z.string().min(1),
  rawKey: z.string().min(1),
  rawBytes: manifestFields.count,
  curationInputs: curationInputsSchema,
  /** The ledger entry the window's outcome goes to; absent when the retrieval named none. */
  ledgerUnit: ledgerUnitSchema.optional(),
  /** The error that stopped curation: its name and message (no values beyond what it says). */
  failure: z.strictObject({
    error: z.string().min(1).max(200),
    message: z.string().max(2000),
  }),
  failedAt: manifestFields.instant,
});
export type UncuratedReport = z.infer<typeof uncuratedReportSchema>;

/** Input of {@link buildUncuratedReport}: instants as Date or zoned ISO strings. */
export interface UncuratedReportInput extends Omit<
  UncuratedReport,
  'recordVersion' | 'dataStartTime' | 'dataEndTime' | 'failedAt' | 'ledgerUnit'
> {
  dataStartTime: string | Date;
  dataEndTime: string | Date;
  ledgerUnit?: {
    readonly reportConfigId?: string | undefined;
    readonly marketplaceIds: readonly string[];
    readonly windowStart: string | Date;
    readonly windowEnd: string | Date;
  };
  failedAt: Date;
}

const MAX_MESSAGE = 2000;

/** Builds a validated record in canonical form; throws `ManifestInvalidError`. */
export function buildUncuratedReport(input: UncuratedReportInput): UncuratedReport {
  const unit = input.ledgerUnit;
  const message = input.failure.message;
  const candidate = {
    recordVersion: 1,
    reportId: input.reportId,
    reportType: input.reportType,
    sellingPartnerId: input.sellingPartnerId,
    marketplaceIds: [...new Set(input.marketplaceIds)].sort(),
    dataStartTime: normaliseInstant(input.dataStartTime),
    dataEndTime: normaliseInstant(input.dataEndTime),
    documentId: input.documentId,
    compression: input.compression,
    charset: input.charset,
    rawKey: input.rawKey,
    rawBytes: input.rawBytes,
    curationInputs: curationInputsOf(input.curationInputs),
    ...(unit === undefined
      ? {}
      : {
          ledgerUnit: {
            ...(unit.reportConfigId === undefined ? {} : { reportConfigId: unit.reportConfigId }),
            marketplaceIds: [...new Set(unit.marketplaceIds)].sort(),
            windowStart: normaliseInstant(unit.windowStart),
            windowEnd: normaliseInstant(unit.windowEnd),
          },
        }),
    failure: {
      error: input.failure.error.slice(0, 200),
      message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message,
    },
    failedAt: normaliseInstant(input.failedAt),
  };
  return parseWith(uncuratedReportSchema, candidate, 'uncurated report record');
}

/** The record as stored: pretty JSON with a trailing newline. */
export function serializeUncuratedReport(record: UncuratedReport): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Reads a stored record back; throws `ManifestInvalidError` when it is not one. */
export function parseUncuratedReport(text: string | Buffer): UncuratedReport {
  return parseJsonWith(uncuratedReportSchema, text, 'uncurated report record');
}
