import { createHash } from 'node:crypto';
import type { ReportIngestionInput } from '@spapi-lake/workflows';

/** Where a request is recorded: its slot and its key within the slot. */
export interface ReportRequestIdentity {
  /** Readable: `<sellingPartnerId>#<region>#<reportType>#<marketplaceId>#<start>#<end>`. */
  readonly slotId: string;
  /** Hash of everything else createReport receives: the dates and the reportOptions. */
  readonly requestKey: string;
}

/**
 * The identity of a createReport request. Two inputs with the same identity ask Amazon for the same
 * report, whichever report config or attempt they come from. The window is part of the slot so
 * that snapshot types (no dates) get one request per day.
 */
export function reportRequestIdentity(input: ReportIngestionInput): ReportRequestIdentity {
  const slotId = [
    input.sellingPartnerId,
    input.region,
    input.reportType,
    input.marketplaceIds[0],
    input.window.start,
    input.window.end,
  ].join('#');
  const options = Object.entries(input.reportOptions).sort(([a], [b]) => (a < b ? -1 : 1));
  const identity = JSON.stringify([
    input.dataStartTime ?? null,
    input.dataEndTime ?? null,
    options,
  ]);
  const requestKey = createHash('sha256').update(identity).digest('hex').slice(0, 32);
  return { slotId, requestKey };
}
