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
  /**
   * Reports the slot's requests had before they asked again (the report was too old to reuse,
   * stuck, or failed): a recovery must not adopt one of them, it is another request's.
   */
  readonly formerReportIds?: readonly string[];
}

/** How many former report ids a slot remembers (a slot lives a few days; a few per request). */
export const MAX_FORMER_REPORT_IDS = 50;

/**
 * `slot` with `entry` at `requestKey` (none: the request removed); the report id of an entry it
 * replaces joins `formerReportIds`.
 */
export function withRequest(
  slot: ReportRequestSlot | undefined,
  requestKey: string,
  entry: ReportRequestEntry | undefined,
): ReportRequestSlot {
  const { [requestKey]: replaced, ...others } = slot?.requests ?? {};
  const former = [...(slot?.formerReportIds ?? [])];
  const formerId = replaced?.reportId;
  if (formerId !== undefined && formerId !== entry?.reportId && !former.includes(formerId)) {
    former.push(formerId);
  }
  return {
    requests: entry === undefined ? others : { ...slot?.requests, [requestKey]: entry },
    ...(former.length === 0 ? {} : { formerReportIds: former.slice(-MAX_FORMER_REPORT_IDS) }),
  };
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
  formerReportIds: z.array(z.string().min(1)).optional(),
});
