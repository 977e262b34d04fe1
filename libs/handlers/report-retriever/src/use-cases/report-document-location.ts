import type { ReportDocumentLocation, ReportsPort } from '@spapi-lake/ingestion';
import { isRestrictedReportType } from '@spapi-lake/reports';

/**
 * getReportDocument for one document, with a Restricted Data Token naming exactly its path when
 * the report type is restricted (SP-API refuses a plain access token for those).
 */
export async function reportDocumentLocation(
  reports: ReportsPort,
  reportType: string,
  reportDocumentId: string,
): Promise<ReportDocumentLocation> {
  const restrictedDataToken = isRestrictedReportType(reportType)
    ? await reports.createRestrictedDataToken(`/reports/2021-06-30/documents/${reportDocumentId}`)
    : undefined;
  return reports.getReportDocument(
    reportDocumentId,
    restrictedDataToken === undefined ? {} : { restrictedDataToken },
  );
}
