import { z } from 'zod';
import { manifestFields, normaliseInstant, parseJsonWith, parseWith } from './manifest-fields';

/** How a report window ended. */
export const LedgerOutcome = { Done: 'DONE', Cancelled: 'CANCELLED', Fatal: 'FATAL' } as const;
export type LedgerOutcome = (typeof LedgerOutcome)[keyof typeof LedgerOutcome];

/**
 * The ledger entry at `ledgerKey(...)`: the final outcome of one ingestion unit (partner, report
 * config, marketplaces, window; no `reportConfigId` for Amazon-generated reports). FATAL needs a
 * `reason`; `rows` belongs to DONE only (CANCELLED means no data for the window).
 */
export const ledgerEntrySchema = z
  .strictObject({
    sellingPartnerId: manifestFields.sellingPartnerId,
    reportType: manifestFields.reportType,
    reportConfigId: manifestFields.reportConfigId.optional(),
    marketplaceIds: z.array(manifestFields.amazonId).min(1),
    windowStart: manifestFields.instant,
    windowEnd: manifestFields.instant,
    outcome: z.enum([LedgerOutcome.Done, LedgerOutcome.Cancelled, LedgerOutcome.Fatal]),
    rows: manifestFields.count.optional(),
    reason: z.string().min(1).max(2000).optional(),
    reportId: manifestFields.reportId,
    recordedAt: manifestFields.instant,
  })
  .superRefine((entry, context) => {
    if (Date.parse(entry.windowEnd) < Date.parse(entry.windowStart)) {
      context.addIssue({ code: 'custom', path: ['windowEnd'], message: 'is before windowStart' });
    }
    if (entry.outcome === LedgerOutcome.Fatal && entry.reason === undefined) {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'is required for FATAL' });
    }
    if (entry.outcome !== LedgerOutcome.Done && entry.rows !== undefined) {
      context.addIssue({ code: 'custom', path: ['rows'], message: 'is only recorded for DONE' });
    }
  });
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** Input of {@link buildLedgerEntry}: instants as Date or zoned ISO strings. */
export interface LedgerEntryInput extends Omit<
  LedgerEntry,
  'reportConfigId' | 'marketplaceIds' | 'windowStart' | 'windowEnd' | 'recordedAt'
> {
  reportConfigId?: string | undefined;
  /** Stored sorted and without repeats, as in the entry's key. */
  marketplaceIds: readonly string[];
  windowStart: string | Date;
  windowEnd: string | Date;
  /** Taken from the caller's Clock. */
  recordedAt: Date;
}

/** Builds a validated ledger entry with instants normalised to UTC; throws `ManifestInvalidError`. */
export function buildLedgerEntry(input: LedgerEntryInput): LedgerEntry {
  const candidate = {
    sellingPartnerId: input.sellingPartnerId,
    reportType: input.reportType,
    ...(input.reportConfigId === undefined ? {} : { reportConfigId: input.reportConfigId }),
    marketplaceIds: [...new Set(input.marketplaceIds)].sort(),
    windowStart: normaliseInstant(input.windowStart),
    windowEnd: normaliseInstant(input.windowEnd),
    outcome: input.outcome,
    ...(input.rows === undefined ? {} : { rows: input.rows }),
    ...(input.reason === undefined ? {} : { reason: input.reason }),
    reportId: input.reportId,
    recordedAt: normaliseInstant(input.recordedAt),
  };
  return parseWith(ledgerEntrySchema, candidate, 'ledger entry');
}

/** The entry as stored: pretty JSON with a trailing newline. */
export function serializeLedgerEntry(entry: LedgerEntry): string {
  return `${JSON.stringify(entry, null, 2)}\n`;
}

/** Reads a stored ledger entry back; throws `ManifestInvalidError` when it is not one. */
export function parseLedgerEntry(text: string | Buffer): LedgerEntry {
  return parseJsonWith(ledgerEntrySchema, text, 'ledger entry');
}
