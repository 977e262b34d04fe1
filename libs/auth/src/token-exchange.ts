import type { AccessToken } from './access-token';
import type { ClientCredentials } from './client-credentials';
import type { GrantlessScope } from './grantless-scope';

/**
 * Port: the LWA token endpoint. Failures are TokenGrantRejectedError (`invalid_grant`),
 * ClientCredentialsRejectedError, GrantlessScopeRejectedError, TokenExchangeUnavailableError
 * (retryable) or TokenExchangeFailedError; messages never hold a credential.
 */
export interface TokenExchange {
  refreshAccessToken(credentials: ClientCredentials, refreshToken: string): Promise<AccessToken>;
  requestGrantlessToken(
    credentials: ClientCredentials,
    scope: GrantlessScope,
  ): Promise<AccessToken>;
  /** Redeems an `spapi_oauth_code`; the answer carries the partner's new refresh token. */
  redeemAuthorizationCode(
    credentials: ClientCredentials,
    code: string,
    redirectUri: string,
  ): Promise<AccessToken & { readonly refreshToken: string }>;
}
