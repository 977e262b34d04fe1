import type { ReportsPort } from '@spapi-lake/ingestion';
import { ReportPlacementUnknownError } from '../errors';

/**
 * The ingestion unit a report belongs to, besides its partner and type: what names its ledger entry
 * and where its rows go. Fan-out windows carry it; for Amazon-generated reports it comes from
 * getReport and there is no report config.
 */
export interface ReportPlacement {
  /** Absent for Amazon-generated reports (settlements): no report config asked for them. */
  readonly reportConfigId?: string;
  /** The first is the curated `marketplace_id` partition (a flat file names no marketplace). */
  readonly marketplaceIds: readonly [string, ...string[]];
  readonly window: { readonly start: string; readonly end: string };
}

/**
 * The placement of a report no fan-out window describes, from getReport: its marketplaces and its
 * data interval. A report without `dataStartTime`/`dataEndTime` covers the instant it was created
 * (SPAPI.md 4.2: both default to "now" at creation); one without marketplaces cannot be placed.
 */
export async function placeReportFromGetReport(
  reports: Pick<ReportsPort, 'getReport'>,
  reportId: string,
): Promise<ReportPlacement> {
  const report = await reports.getReport(reportId);
  const [first, ...others] = report.marketplaceIds ?? [];
  if (first === undefined) {
    throw new ReportPlacementUnknownError(
      `report ${reportId} (${report.reportType}) names no marketplace, so it has no place in the lake`,
    );
  }
  const start = report.dataStartTime ?? report.createdTime;
  return {
    marketplaceIds: [first, ...others],
    window: { start, end: report.dataEndTime ?? start },
  };
}

/** The ledger's name for a report's ingestion unit: the partner, the report type and its placement. */
export function ledgerUnit(
  partner: { readonly sellingPartnerId: string; readonly reportType: string },
  placement: ReportPlacement,
) {
  return {
    sellingPartnerId: partner.sellingPartnerId,
    reportType: partner.reportType,
    reportConfigId: placement.reportConfigId,
    marketplaceIds: placement.marketplaceIds,
    windowStart: placement.window.start,
    windowEnd: placement.window.end,
  };
}
