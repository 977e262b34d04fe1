import type { ReportFilter, ReportRecord } from './report-state';

/** Reports of `sellingPartnerId` matching `filter`, newest first. */
export function queryReports(
  reports: Iterable<ReportRecord>,
  sellingPartnerId: string,
  filter: ReportFilter,
): ReportRecord[] {
  const matches: ReportRecord[] = [];
  for (const report of reports) {
    if (report.sellingPartnerId !== sellingPartnerId) continue;
    if (!filter.reportTypes.includes(report.reportType)) continue;
    if (filter.processingStatuses && !filter.processingStatuses.includes(report.processingStatus)) {
      continue;
    }
    if (
      filter.marketplaceIds &&
      !report.marketplaceIds.some((id) => filter.marketplaceIds?.includes(id))
    ) {
      continue;
    }
    if (report.createdTime < filter.createdSince || report.createdTime > filter.createdUntil)
      continue;
    matches.push(report);
  }
  return matches.sort(
    (a, b) => b.createdTime - a.createdTime || Number(b.reportId) - Number(a.reportId),
  );
}
