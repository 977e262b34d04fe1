import type { ReportRecord, ReportsPort } from '@spapi-lake/ingestion';
import type { Report, ReportsApi, TokensApi } from '@spapi-lake/sp-api';

/** The part of an SP-API client the retriever uses. */
export interface ReportsClient {
  readonly reports: Pick<ReportsApi, 'getReport' | 'getReportDocument'>;
  readonly tokens: TokensApi;
}

/**
 * Ingestion's `ReportsPort` over one partner's SP-API client: getReport, getReportDocument (with a
 * Restricted Data Token as its access token when given one), and RDTs for one `GET` path.
 */
export function spApiReportsPort(client: ReportsClient): ReportsPort {
  return {
    async getReport(reportId) {
      return toReportRecord(await client.reports.getReport(reportId));
    },
    async getReportDocument(reportDocumentId, options = {}) {
      const document = await client.reports.getReportDocument(reportDocumentId, {
        ...(options.restrictedDataToken === undefined
          ? {}
          : { accessToken: options.restrictedDataToken }),
      });
      return {
        reportDocumentId: document.reportDocumentId,
        url: document.url,
        ...(document.compressionAlgorithm === 'GZIP' ? { compressionAlgorithm: 'GZIP' } : {}),
      };
    },
    async createRestrictedDataToken(path) {
      const token = await client.tokens.createRestrictedDataToken({
        restrictedResources: [{ method: 'GET', path }],
      });
      return token.restrictedDataToken;
    },
  };
}

function toReportRecord(report: Report): ReportRecord {
  return {
    reportId: report.reportId,
    reportType: report.reportType,
    processingStatus: report.processingStatus,
    createdTime: report.createdTime,
    ...(report.marketplaceIds === undefined ? {} : { marketplaceIds: report.marketplaceIds }),
    ...(report.dataStartTime === undefined ? {} : { dataStartTime: report.dataStartTime }),
    ...(report.dataEndTime === undefined ? {} : { dataEndTime: report.dataEndTime }),
    ...(report.processingEndTime === undefined
      ? {}
      : { processingEndTime: report.processingEndTime }),
    ...(report.reportDocumentId === undefined ? {} : { reportDocumentId: report.reportDocumentId }),
  };
}
