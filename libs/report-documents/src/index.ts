export {
  JAPAN_MARKETPLACE_ID,
  ReportCharset,
  ReportDocumentFormat,
  resolveCharset,
} from './charset';
export {
  type DocumentTextEncoding,
  type ReportDocumentEncoding,
  decodeReportDocument,
  decompressReportDocument,
} from './decode-report-document';
export {
  type DocumentHttpClient,
  type DocumentHttpResponse,
  type NodeDocumentHttpClientOptions,
  fetchDocumentHttpClient,
  nodeDocumentHttpClient,
} from './document-http-client';
export {
  ReportDocumentCorruptError,
  ReportDocumentExpiredError,
  ReportDocumentRequestError,
  ReportDocumentTruncatedError,
  ReportDocumentUnavailableError,
  UnsupportedCharsetError,
} from './errors';
export {
  type OpenReportDocumentInput,
  type OpenedReportDocument,
  type ReportDocumentLocation,
  ReportCompression,
  openReportDocument,
} from './open-report-document';
export { redactUrl } from './redact-url';
export { splitLines } from '@spapi-lake/core';
