import { RESTRICTED_REPORT_TYPES } from '../server/access-rules';
import { unauthorized } from '../server/authenticate';
import { callerPartner } from '../server/caller-partner';
import type { CoreServices } from '../server/core-services';
import { DOCUMENT_URL_LIFETIME_S } from '../server/document-url';
import { type OperationHandlers, errorResponse } from '../server/operation';
import { reportState } from '../world/reports/report-state';

/** getReportDocument: a pre-signed-like URL on the simulator, valid five simulated minutes. */
export function createDocumentsHandlers(services: CoreServices): OperationHandlers {
  return {
    getReportDocument: (request, ctx) => {
      const partner = callerPartner(request.caller, ctx.world);
      const document = reportState(ctx.world).documents.get(
        request.pathParams['reportDocumentId'] ?? '',
      );
      if (partner === undefined || document?.sellingPartnerId !== partner.sellingPartnerId) {
        return errorResponse(404, 'NotFound', 'Report document not found');
      }
      // Restricted report types need an RDT; the router already matched its path to this request.
      if (
        RESTRICTED_REPORT_TYPES.has(document.reportType) &&
        request.caller.kind !== 'restricted'
      ) {
        return unauthorized(
          'A Restricted Data Token naming this report document path is required for this report type.',
        );
      }
      const now = ctx.clock.now();
      const url = services.documentUrls.sign({
        baseUrl: ctx.baseUrl,
        reportDocumentId: document.reportDocumentId,
        issuedAt: services.faults.urlsExpired() ? now - DOCUMENT_URL_LIFETIME_S * 1000 - 1000 : now,
        contentEncodingGzip:
          document.gzip && request.query.get('enableContentEncodingUrlHeader') === 'true',
      });
      return {
        status: 200,
        body: {
          reportDocumentId: document.reportDocumentId,
          url,
          ...(document.gzip ? { compressionAlgorithm: 'GZIP' } : {}),
        },
      };
    },
  };
}
