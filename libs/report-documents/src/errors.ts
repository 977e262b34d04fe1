import { TypedError } from '@spapi-lake/core';

/**
 * The pre-signed document URL was refused (403) and so was the fresh one from `refreshDocument`.
 * Retryable: a later attempt asks SP-API for yet another URL (mind getReportDocument's quota).
 */
export class ReportDocumentExpiredError extends TypedError {
  override readonly name = 'ReportDocumentExpiredError';
  readonly retryable = true;
}

/** The document host failed (5xx, 408, 429) or could not be reached: trying again can help. */
export class ReportDocumentUnavailableError extends TypedError {
  override readonly name = 'ReportDocumentUnavailableError';
  readonly retryable = true;
}

/** The document request was rejected for good (404, other 4xx, malformed URL). */
export class ReportDocumentRequestError extends TypedError {
  override readonly name = 'ReportDocumentRequestError';
  readonly retryable = false;
}

/**
 * The document ended early: connection reset or short body mid-download, or a gzip stream cut off.
 * Retryable, so a short document is never mistaken for a complete one.
 */
export class ReportDocumentTruncatedError extends TypedError {
  override readonly name = 'ReportDocumentTruncatedError';
  readonly retryable = true;
}

/** The bytes are not valid gzip although the document says GZIP; downloading again will not help. */
export class ReportDocumentCorruptError extends TypedError {
  override readonly name = 'ReportDocumentCorruptError';
  readonly retryable = false;
}

/** The `Content-Type` names a charset this library does not decode (never silently UTF-8). */
export class UnsupportedCharsetError extends TypedError {
  override readonly name = 'UnsupportedCharsetError';
  readonly retryable = false;
}
