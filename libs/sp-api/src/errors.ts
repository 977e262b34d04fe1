import { TypedError } from '@spapi-lake/core';

/** One entry of an SP-API error list. */
export interface SpApiErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly details?: string;
}

/** What an SP-API error response told us. */
export interface SpApiFailedResponse {
  readonly operationId: string;
  readonly status: number;
  /** `x-amzn-RequestId`: quote it in support cases. */
  readonly requestId: string | undefined;
  readonly errors: readonly SpApiErrorDetail[];
}

function describeFailure(response: SpApiFailedResponse): string {
  const first = response.errors[0];
  const reason = first
    ? `${first.code}: ${first.message}${first.details ? ` (${first.details})` : ''}`
    : 'no error details';
  const more = response.errors.length > 1 ? ` (+${response.errors.length - 1} more)` : '';
  return `${response.operationId} failed with HTTP ${response.status}, ${reason}${more}, requestId ${response.requestId ?? 'none'}`;
}

/** An SP-API call answered with a non-2xx status. Subclasses narrow the status; this one is the rest. */
export class SpApiRequestError extends TypedError {
  override readonly name: string = 'SpApiRequestError';
  readonly retryable: boolean = false;
  readonly operationId: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly errors: readonly SpApiErrorDetail[];

  constructor(response: SpApiFailedResponse, options?: { cause?: unknown }) {
    super(describeFailure(response), options);
    this.operationId = response.operationId;
    this.status = response.status;
    this.requestId = response.requestId;
    this.errors = response.errors;
  }

  /** The first error code of the response, if any (e.g. `QuotaExceeded`, `InvalidInput`). */
  get code(): string | undefined {
    return this.errors[0]?.code;
  }
}

/** 400: the request has missing or invalid parameters. */
export class SpApiInvalidInputError extends SpApiRequestError {
  override readonly name = 'SpApiInvalidInputError';
}

/** 401 or 403: missing role, wrong or expired token (after the one refresh the client tries). */
export class SpApiAccessDeniedError extends SpApiRequestError {
  override readonly name = 'SpApiAccessDeniedError';
}

/** 404: the resource does not exist. */
export class SpApiNotFoundError extends SpApiRequestError {
  override readonly name = 'SpApiNotFoundError';
}

/** 429: the usage plan's bucket is empty; retry after backing off. */
export class SpApiQuotaExceededError extends SpApiRequestError {
  override readonly name = 'SpApiQuotaExceededError';
  override readonly retryable = true;
}

/** 5xx: Amazon-side failure or unavailability; retry after backing off. */
export class SpApiServerError extends SpApiRequestError {
  override readonly name = 'SpApiServerError';
  override readonly retryable = true;
}

/** The typed error for an SP-API error response, chosen by status. */
export function spApiErrorFromResponse(response: SpApiFailedResponse): SpApiRequestError {
  const { status } = response;
  if (status === 400) return new SpApiInvalidInputError(response);
  if (status === 401 || status === 403) return new SpApiAccessDeniedError(response);
  if (status === 404) return new SpApiNotFoundError(response);
  if (status === 429) return new SpApiQuotaExceededError(response);
  if (status >= 500 && status <= 599) return new SpApiServerError(response);
  return new SpApiRequestError(response);
}

/** No HTTP response at all (reset, refused, timeout). `retryable` is true for transient failures. */
export class SpApiNetworkError extends TypedError {
  override readonly name = 'SpApiNetworkError';
  readonly retryable: boolean;
  readonly operationId: string;

  constructor(operationId: string, options: { cause: unknown; retryable: boolean }) {
    const reason = options.cause instanceof Error ? options.cause.message : 'unknown failure';
    super(`${operationId} got no response: ${reason}`, { cause: options.cause });
    this.operationId = operationId;
    this.retryable = options.retryable;
  }
}

/** A 2xx response whose body does not have the shape the model promises. */
export class SpApiResponseValidationError extends TypedError {
  override readonly name = 'SpApiResponseValidationError';
  readonly retryable = false;
  readonly operationId: string;
  readonly status: number;
  readonly requestId: string | undefined;
  /** `path: message` per problem; never the offending values (they may hold pre-signed URLs). */
  readonly issues: readonly string[];

  constructor(
    response: { operationId: string; status: number; requestId: string | undefined },
    issues: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `${response.operationId} returned an unexpected body (HTTP ${response.status}, requestId ${response.requestId ?? 'none'}): ${issues.slice(0, 5).join('; ')}`,
      options,
    );
    this.operationId = response.operationId;
    this.status = response.status;
    this.requestId = response.requestId;
    this.issues = issues;
  }
}

/** A marketplace id missing from the marketplace table. */
export class SpApiUnknownMarketplaceError extends TypedError {
  override readonly name = 'SpApiUnknownMarketplaceError';
  readonly retryable = false;
  readonly marketplaceId: string;

  constructor(marketplaceId: string) {
    super(`Unknown marketplace id ${marketplaceId}`);
    this.marketplaceId = marketplaceId;
  }
}

/** The client was configured or called in a way that can never work (fix the code, do not retry). */
export class SpApiConfigurationError extends TypedError {
  override readonly name = 'SpApiConfigurationError';
  readonly retryable = false;
}
