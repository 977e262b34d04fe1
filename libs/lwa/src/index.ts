export {
  AccessTokenCache,
  type AccessTokenCacheOptions,
  DEFAULT_REFRESH_MARGIN_MS,
} from './access-token-cache';
export { type AccessTokenCacheKey } from './access-token-cache-key';
export {
  LwaConfigurationError,
  LwaError,
  type LwaErrorDetails,
  LwaInvalidClientError,
  LwaInvalidGrantError,
  LwaInvalidResponseError,
  LwaInvalidScopeError,
  LwaRequestError,
  LwaUnavailableError,
} from './errors';
export { GrantlessScope } from './grantless-scope';
export { type LwaAccessToken } from './lwa-access-token';
export {
  type AuthorizationCodeGrant,
  type ClientCredentialsGrant,
  DEFAULT_LWA_BASE_URL,
  LwaClient,
  type LwaClientCredentials,
  type LwaClientOptions,
  type RefreshTokenGrant,
} from './lwa-client';
export { LwaGrantType } from './lwa-grant-type';
export {
  LwaTokenProvider,
  type LwaTokenGrant,
  type LwaTokenProviderOptions,
} from './lwa-token-provider';
export { type RetryPolicy } from './with-bounded-retry';
