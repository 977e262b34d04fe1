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
 * getReports pages a recovery reads (100 reports each) before it gives up as ambiguous: they fit
 * in the operation's burst of 10, and the CreateReport Lambda's timeout, with room to spare.
 */
export const MAX_RECOVERY_PAGES = 5;

/**
 * The report a try that crashed between createReport and recording its id had created, if it can
 * be told apart: getReports does not return reportOptions, so a report is adopted only when it is
 * the one report of this type, marketplace and dates created since the request began, not one
 * the slot's other requests have or any of its requests had, and no request of the same slot with other options is pending (whose
 * report would look the same). Anything ambiguous answers undefined, more than
 * MAX_RECOVERY_PAGES pages of reports included: a second report costs quota, adopting a report
 * with other options would ingest the wrong data.
 */
export async function findPendingReport(
  api: ReportCreationApi,
  pending: PendingRequest,
): Promise<string | undefined> {
  const others = Object.entries(pending.slot.requests).filter(
    ([key]) => key !== pending.requestKey,
  );
  if (others.some(([, entry]) => entry.reportId === undefined)) return undefined;
  // Reports the slot's other requests have, or had before they asked again, are theirs.
  const taken = new Set([
    ...others.map(([, entry]) => entry.reportId),
    ...(pending.slot.formerReportIds ?? []),
  ]);
  const { input } = pending;
  const marketplaceId = input.marketplaceIds[0];
  const isCandidate = (report: Report) =>
    !taken.has(report.reportId) &&
    report.reportType === input.reportType &&
    report.marketplaceIds?.length === 1 &&
    report.marketplaceIds[0] === marketplaceId &&
    (pending.snapshot || sameDates(report, input));

  const candidates = new Set<string>();
  let page = await api.getReports({
    reportTypes: [input.reportType],
    marketplaceIds: [marketplaceId],
    processingStatuses: ['IN_QUEUE', 'IN_PROGRESS', 'DONE'],
    createdSince: new Date(Date.parse(pending.requestedAt) - CLOCK_SKEW_MS).toISOString(),
    pageSize: 100,
  });
  for (let pagesRead = 1; ; pagesRead += 1) {
    for (const report of page.reports) if (isCandidate(report)) candidates.add(report.reportId);
    if (candidates.size > 1) return undefined;
    if (page.nextToken === undefined) break;
    // The pages not read may hold another candidate.
    if (pagesRead >= MAX_RECOVERY_PAGES) return undefined;
    // SPAPI.md 4.4: a page token goes alone; any other parameter fails the call.
    page = await api.getReports({ nextToken: page.nextToken });
  }
  const [found] = candidates;
  return found;
}

function sameDates(report: Report, input: ReportIngestionInput): boolean {
  // Amazon answers `2025-01-01T00:00:00+00:00` for our `2025-01-01T00:00:00Z`: compare instants.
  const same = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b);
  return (
    same(report.dataStartTime, input.dataStartTime) && same(report.dataEndTime, input.dataEndTime)
  );
}
