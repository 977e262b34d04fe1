import { TypedError } from '@spapi-lake/core';
import type { LwaGrantType } from './lwa-grant-type';

/** What every LWA error records. None of it may hold a secret: `description` is redacted first. */
export interface LwaErrorDetails {
  readonly grantType?: LwaGrantType;
  /** HTTP status of LWA's answer; absent when no answer arrived (network failure, timeout). */
  readonly status?: number;
  /** The `error` string of LWA's `{"error","error_description"}` body, when there was one. */
  readonly code?: string;
  /** LWA's `error_description`, with any credential sent in the request replaced by `[redacted]`. */
  readonly description?: string;
  readonly cause?: unknown;
}

/** Base of the errors of this lib: carries the grant, HTTP status and LWA error code. */
export abstract class LwaError extends TypedError {
  readonly grantType: LwaGrantType | undefined;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly description: string | undefined;

  constructor(message: string, details: LwaErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.grantType = details.grantType;
    this.status = details.status;
    this.code = details.code;
    this.description = details.description;
  }
}

/** `invalid_grant`: the refresh token or auth code is revoked, expired or foreign; re-authorise. */
export class LwaInvalidGrantError extends LwaError {
  override readonly name = 'LwaInvalidGrantError';
  readonly retryable = false;
  /** The selling partner has to go through the OAuth consent again to get a new refresh token. */
  readonly reauthorizationRequired = true;
}

/** `invalid_client`: wrong client id or secret, typically a secret that was rotated and expired. */
export class LwaInvalidClientError extends LwaError {
  override readonly name = 'LwaInvalidClientError';
  readonly retryable = false;
}

/** `invalid_scope`: the application may not use the requested grantless scope. */
export class LwaInvalidScopeError extends LwaError {
  override readonly name = 'LwaInvalidScopeError';
  readonly retryable = false;
}

/** Any other refusal (`invalid_request`, `unauthorized_client`, `access_denied`, unexpected 3xx/4xx). */
export class LwaRequestError extends LwaError {
  override readonly name = 'LwaRequestError';
  readonly retryable = false;
}

/** LWA could not answer: 5xx, 429, `server_error`, `temporarily_unavailable`, network or timeout. */
export class LwaUnavailableError extends LwaError {
  override readonly name = 'LwaUnavailableError';
  readonly retryable = true;
}

/** LWA answered 2xx with a body that is not a token response. */
export class LwaInvalidResponseError extends LwaError {
  override readonly name = 'LwaInvalidResponseError';
  readonly retryable = false;
}

/** The token provider was asked for something its configuration cannot serve. */
export class LwaConfigurationError extends LwaError {
  override readonly name = 'LwaConfigurationError';
  readonly retryable = false;
}
