import type { DocumentPort } from '@spapi-lake/ingestion';
import {
  type ReportCharset,
  decodeReportDocument,
  decompressReportDocument,
  openReportDocument,
  resolveCharset,
} from '@spapi-lake/report-documents';

/** Options of {@link reportDocumentPort}. */
export interface ReportDocumentPortOptions {
  /** WHATWG fetch for document URLs; the global one by default. */
  readonly fetch?: typeof fetch;
}

/**
 * Ingestion's `DocumentPort` over `@spapi-lake/report-documents`: downloads from the pre-signed URL
 * (one refresh when it has expired), then gunzips and decodes by the charset the response named
 * (UTF-8 for JSON reports, or hands out the gunzipped bytes with how they are text).
 */
export function reportDocumentPort(options: ReportDocumentPortOptions = {}): DocumentPort {
  return {
    async open(location, refresh, marketplaceId, openOptions) {
      const format = openOptions?.format;
      const opened = await openReportDocument({
        document: location,
        refreshDocument: refresh,
        ...(marketplaceId === undefined ? {} : { marketplaceId }),
        ...(format === undefined ? {} : { format }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      });
      return { bytes: opened.bytes, compression: opened.compression, charset: opened.charset };
    },
    decode(bytes, encoding) {
      return decodeReportDocument(bytes, {
        compression: encoding.compression,
        charset: reportCharset(encoding.charset),
      });
    },
    decompress(bytes, encoding) {
      return decompressReportDocument(bytes, {
        compression: encoding.compression,
        charset: reportCharset(encoding.charset),
      });
    },
  };
}

// `open` hands out ReportCharset names; resolving them again checks that instead of casting.
function reportCharset(charset: string): ReportCharset {
  return resolveCharset(`text/plain; charset=${charset}`);
}
