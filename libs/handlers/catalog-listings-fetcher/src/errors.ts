import { TypedError } from '@spapi-lake/core';

/** The account configuration (SSM) could not be read; a retry may succeed. */
export class PartnerDirectoryUnavailableError extends TypedError {
  override readonly name = 'PartnerDirectoryUnavailableError';
  readonly retryable = true;
}

/** The SKU refresh log (DynamoDB) is throttled or unreachable; a retry may succeed. */
export class SkuRefreshLogUnavailableError extends TypedError {
  override readonly name = 'SkuRefreshLogUnavailableError';
  readonly retryable = true;
}

/** The SKU refresh log refused the request for good (missing table, access denied). */
export class SkuRefreshLogRequestError extends TypedError {
  override readonly name = 'SkuRefreshLogRequestError';
  readonly retryable = false;
}
