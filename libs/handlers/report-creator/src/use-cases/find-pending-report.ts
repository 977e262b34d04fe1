import type { Report } from '@spapi-lake/sp-api';
import type { ReportIngestionInput } from '@spapi-lake/workflows';
import type { ReportCreationApi } from '../report-creation-api';
import type { ReportRequestSlot } from '../report-request-store';

// Amazon's createdTime comes from Amazon's clock, requestedAt from ours.
const CLOCK_SKEW_MS = 5 * 60_000;

/** What a recovery search needs to know about the pending request. */
export interface PendingRequest {
  readonly input: ReportIngestionInput;
  readonly slot: ReportRequestSlot;
  readonly requestKey: string;
  readonly requestedAt: string;
  /** Snapshot types carry no dates: Amazon fills them in, so they cannot be compared. */
  readonly snapshot: boolean;
}

/**
 * The report a try that crashed between createReport and recording its id had created, if it can
 * be told apart: getReports does not return reportOptions, so a report is adopted only when it is
 * the one report of this type, marketplace and dates created since the request began, not in
 * progress or done elsewhere, and no request of the same slot with other options is pending (whose
 * report would look the same). Anything ambiguous answers undefined: a second report costs quota,
 * adopting a report with other options would ingest the wrong data.
 */
export async function findPendingReport(
  api: ReportCreationApi,
  pending: PendingRequest,
): Promise<string | undefined> {
  const others = Object.entries(pending.slot.requests).filter(
    ([key]) => key !== pending.requestKey,
  );
  if (others.some(([, entry]) => entry.reportId === undefined)) return undefined;
  const taken = new Set(others.map(([, entry]) => entry.reportId));
  const { input } = pending;
  const marketplaceId = input.marketplaceIds[0];
  const { reports } = await api.getReports({
    reportTypes: [input.reportType],
    marketplaceIds: [marketplaceId],
    processingStatuses: ['IN_QUEUE', 'IN_PROGRESS', 'DONE'],
    createdSince: new Date(Date.parse(pending.requestedAt) - CLOCK_SKEW_MS).toISOString(),
    pageSize: 100,
  });
  const candidates = reports.filter(
    (report) =>
      !taken.has(report.reportId) &&
      report.reportType === input.reportType &&
      report.marketplaceIds?.length === 1 &&
      report.marketplaceIds[0] === marketplaceId &&
      (pending.snapshot || sameDates(report, input)),
  );
  return candidates.length === 1 ? candidates[0]?.reportId : undefined;
}

function sameDates(report: Report, input: ReportIngestionInput): boolean {
  // Amazon answers `2025-01-01T00:00:00+00:00` for our `2025-01-01T00:00:00Z`: compare instants.
  const same = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b);
  return (
    same(report.dataStartTime, input.dataStartTime) && same(report.dataEndTime, input.dataEndTime)
  );
}
