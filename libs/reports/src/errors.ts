import { TypedError } from '@spapi-lake/core';

/** A field cannot be converted to its column type; the row goes to quarantine with this reason. */
export class CellParseError extends TypedError {
  override readonly name = 'CellParseError';
  readonly retryable = false;

  constructor(
    readonly column: string,
    readonly expected: string,
  ) {
    super(`column ${column}: not a valid ${expected}`);
  }
}

/** No definition exists for a report type, so it cannot be curated (its raw bytes are still kept). */
export class UnknownReportTypeError extends TypedError {
  override readonly name = 'UnknownReportTypeError';
  readonly retryable = false;

  constructor(readonly reportType: string) {
    super(`report type ${reportType} has no definition in the registry`);
  }
}

/** The document is not in the shape its report type promises (no header, not JSON...). */
export class MalformedReportDocumentError extends TypedError {
  override readonly name = 'MalformedReportDocumentError';
  readonly retryable = false;
}
