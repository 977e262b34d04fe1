import { z } from 'zod';
import type { VersionedStore } from './versioned-store';

/** One createReport request of a slot (one set of dates and reportOptions). */
export interface ReportRequestEntry {
  /** When the first try of this request began: the lower bound of a recovery search. */
  readonly requestedAt: string;
  /** Absent while pending: createReport may or may not have gone through. */
  readonly reportId?: string;
}

/**
 * Every request recorded for one (partner, region, report type, marketplace, window), keyed by the
 * hash of its dates and reportOptions: two report configs of one type with other options share a
 * slot, so a recovery can tell their reports apart.
 */
export interface ReportRequestSlot {
  readonly requests: Readonly<Record<string, ReportRequestEntry>>;
}

/** Port: the report requests made, so a retried CreateReport reuses the report it already asked for. */
export type ReportRequestStore = VersionedStore<ReportRequestSlot>;

/** What a stored slot must look like. */
export const reportRequestSlotSchema: z.ZodType<ReportRequestSlot> = z.strictObject({
  requests: z.record(
    z.string(),
    z.strictObject({
      requestedAt: z.iso.datetime({ offset: true }),
      reportId: z.string().min(1).optional(),
    }),
  ),
});
