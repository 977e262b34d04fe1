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
  /** A WHATWG fetch to download documents with; Node's own HTTP client by default. */
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
      // A charset nothing here decodes travels as its label: the raw copy is kept, and decoding
      // (curation) is what fails, with UnsupportedCharsetError, recorded beside the raw copy.
      const charset = opened.charset ?? opened.unsupportedCharset;
      return { bytes: opened.bytes, compression: opened.compression, charset };
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

// `open` hands out ReportCharset names (or an unsupported label); resolving them again checks that
// instead of casting, and throws UnsupportedCharsetError for the label.
function reportCharset(charset: string): ReportCharset {
  return resolveCharset(`text/plain; charset=${charset}`);
}
