import { TypedError } from '@spapi-lake/core';
import type { PartnerKey } from './partner-key';

/** Why an authorization `state` was refused at the callback. */
export const AuthorizationStateProblem = {
  Missing: 'missing',
  Malformed: 'malformed',
  Forged: 'forged',
  Expired: 'expired',
  Replayed: 'replayed',
  CookieMissing: 'cookie-missing',
  CookieMismatch: 'cookie-mismatch',
} as const;
export type AuthorizationStateProblem =
  (typeof AuthorizationStateProblem)[keyof typeof AuthorizationStateProblem];

/** The callback's `state` is missing, not ours, expired, used before, or not bound to this browser. */
export class AuthorizationStateError extends TypedError {
  override readonly name = 'AuthorizationStateError';
  readonly retryable = false;

  constructor(
    readonly problem: AuthorizationStateProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A request of the authorization workflow lacks a parameter or names something unknown. */
export class AuthorizationRequestError extends TypedError {
  override readonly name = 'AuthorizationRequestError';
  readonly retryable = false;
}

/** LWA refused the `spapi_oauth_code` (expired after five minutes, already used, or foreign). */
export class AuthorizationCodeRejectedError extends TypedError {
  override readonly name = 'AuthorizationCodeRejectedError';
  readonly retryable = false;
}

/**
 * LWA answered `invalid_grant` for a partner's refresh token: the partner must authorize the
 * application again. `recorded` says whether the account list now shows it.
 */
export class ReauthorizationRequiredError extends TypedError {
  override readonly name = 'ReauthorizationRequiredError';
  readonly retryable = false;
  readonly sellingPartnerId: string;
  readonly region: string;

  constructor(
    partner: PartnerKey,
    readonly recorded: boolean,
    options?: { cause?: unknown },
  ) {
    super(
      `Selling partner ${partner.sellingPartnerId} (${partner.region}) must authorize the application again: ` +
        'LWA rejected its refresh token (invalid_grant: revoked, expired after 365 days, or issued to another client). ' +
        'Send the partner through /authorize; calls for this account fail until then.',
      options,
    );
    this.sellingPartnerId = partner.sellingPartnerId;
    this.region = partner.region;
  }
}

/** No refresh token is stored for the partner and region: it never authorized the application. */
export class RefreshTokenNotFoundError extends TypedError {
  override readonly name = 'RefreshTokenNotFoundError';
  readonly retryable = false;

  constructor(partner: PartnerKey) {
    super(
      `No refresh token is stored for selling partner ${partner.sellingPartnerId} in region ${partner.region}; ` +
        'the partner has to authorize the application first',
    );
  }
}

/** A vend request names no valid partner, region or grantless scope. */
export class VendRequestInvalidError extends TypedError {
  override readonly name = 'VendRequestInvalidError';
  readonly retryable = false;
}

/** Token exchange port: the refresh token or authorization code was refused (`invalid_grant`). */
export class TokenGrantRejectedError extends TypedError {
  override readonly name = 'TokenGrantRejectedError';
  readonly retryable = false;
}

/** Token exchange port: the client id or secret was refused (`invalid_client`). */
export class ClientCredentialsRejectedError extends TypedError {
  override readonly name = 'ClientCredentialsRejectedError';
  readonly retryable = false;
}

/** Token exchange port: the application may not use the grantless scope (`invalid_scope`). */
export class GrantlessScopeRejectedError extends TypedError {
  override readonly name = 'GrantlessScopeRejectedError';
  readonly retryable = false;
}

/** Token exchange port: LWA could not answer (5xx, 429, network); trying later may succeed. */
export class TokenExchangeUnavailableError extends TypedError {
  override readonly name = 'TokenExchangeUnavailableError';
  readonly retryable = true;
}

/** Token exchange port: any other refusal or an answer that is not a token. */
export class TokenExchangeFailedError extends TypedError {
  override readonly name = 'TokenExchangeFailedError';
  readonly retryable = false;
}

/** A client secret notification names another LWA client than the one the broker holds. */
export class ClientSecretNotificationRejectedError extends TypedError {
  override readonly name = 'ClientSecretNotificationRejectedError';
  readonly retryable = false;
}

/**
 * The new client secret of a notification failed its token call; it stays pending and the current
 * secret stays in use. Retryable: LWA may not accept a fresh secret at once.
 */
export class ClientSecretProofFailedError extends TypedError {
  override readonly name = 'ClientSecretProofFailedError';
  readonly retryable = true;
}

/**
 * The current client secret changed between reading it and promoting a new one (another
 * notification was handled at the same time): nothing was promoted. Retryable: the next try reads
 * the secret current then and decides again.
 */
export class ClientSecretPromotionConflictError extends TypedError {
  override readonly name = 'ClientSecretPromotionConflictError';
  readonly retryable = true;
}

/**
 * The token broker could not be invoked for a reason a retry does not cure (access denied, no such
 * function), or answered something that is not a vend response. Throttling and outages are
 * TokenBrokerUnavailableError.
 */
export class BrokerInvocationError extends TypedError {
  override readonly name = 'BrokerInvocationError';
  readonly retryable = false;
}

/**
 * No access token for now, but a later try may get one: LWA throttled or down behind the broker
 * (429, 5xx, network), or the broker itself throttled or failing. The state machines retry this
 * name; permanent refusals (ReauthorizationRequiredError, ...) keep their own, never retried, names.
 */
export class TokenBrokerUnavailableError extends TypedError {
  override readonly name = 'TokenBrokerUnavailableError';
  readonly retryable = true;
}

/**
 * The token broker answered with an error this client has no class for and that it says is not
 * retryable; `remoteName` is its name.
 */
export class TokenBrokerError extends TypedError {
  override readonly name = 'TokenBrokerError';

  constructor(
    readonly remoteName: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(`${remoteName}: ${message}`);
  }
}

/** The broker's authorization settings cannot serve a request (e.g. a too short signing key). */
export class AuthorizationConfigurationError extends TypedError {
  override readonly name = 'AuthorizationConfigurationError';
  readonly retryable = false;
}
