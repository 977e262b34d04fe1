export { type AccessToken } from './access-token';
export {
  type AuthorizedAccount,
  withAccountStatus,
  withAuthorizedAccount,
} from './account-list-changes';
export { type AccountRegistry } from './account-registry';
export { type AuthorizationSettings, DEFAULT_STATE_TTL_MS } from './authorization-settings';
export {
  AUTHORIZATION_COOKIE_PREFIX,
  AuthorizationFlow,
  type AuthorizationStateClaims,
  type AuthorizationStateDependencies,
  type IssuedAuthorizationState,
  MIN_SIGNING_KEY_LENGTH,
  type VerifiedAuthorizationState,
  authorizationCookieName,
  issueAuthorizationState,
  verifyAuthorizationState,
} from './authorization-state';
export { type BrokerInvoker } from './broker-invoker';
export { CENTRAL_URLS, type CentralSite, centralBaseUrl, findCentralSite } from './central-urls';
export {
  type CheckCredentialExpiryDependencies,
  type CredentialAgeStatus,
  type CredentialExpiryReport,
  type CredentialExpiryThresholds,
  DEFAULT_EXPIRY_THRESHOLDS,
  type RefreshTokenAge,
  checkCredentialExpiry,
} from './check-credential-expiry';
export {
  type ClientCredentials,
  type CurrentClientCredentials,
  type StoredClientCredentials,
} from './client-credentials';
export { type ClientSecretRotator } from './client-secret-rotator';
export {
  type CompleteAuthorizationDependencies,
  type CompleteAuthorizationInput,
  type CompletedAuthorization,
  completeAuthorization,
} from './complete-authorization';
export {
  AuthorizationCodeRejectedError,
  AuthorizationConfigurationError,
  AuthorizationRequestError,
  AuthorizationStateError,
  AuthorizationStateProblem,
  BrokerInvocationError,
  ClientCredentialsRejectedError,
  ClientSecretNotificationRejectedError,
  ClientSecretPromotionConflictError,
  ClientSecretProofFailedError,
  GrantlessScopeRejectedError,
  ReauthorizationRequiredError,
  RefreshTokenNotFoundError,
  TokenBrokerError,
  TokenBrokerUnavailableError,
  TokenExchangeFailedError,
  TokenExchangeUnavailableError,
  TokenGrantRejectedError,
  VendRequestInvalidError,
} from './errors';
export { GrantlessScope, isGrantlessScope } from './grantless-scope';
export {
  type ClientSecretExpiryNotification,
  type ClientSecretExpiryOutcome,
  type HandleClientSecretExpiryDependencies,
  handleClientSecretExpiry,
} from './handle-client-secret-expiry';
export { AuthMetric, type AuthMetricUnit, type MetricsRecorder } from './metrics-recorder';
export { type NonceSource } from './nonce-source';
export { type PartnerKey, partnerKeyId } from './partner-key';
export { type RotateClientSecretDependencies, rotateClientSecret } from './rotate-client-secret';
export {
  type PendingClientSecret,
  type SecretStore,
  type StoredRefreshToken,
} from './secret-store';
export {
  type StartAppstoreAuthorizationInput,
  startAppstoreAuthorization,
} from './start-appstore-authorization';
export {
  type AuthorizationRedirect,
  type StartAuthorizationDependencies,
  type StartAuthorizationInput,
  startAuthorization,
} from './start-authorization';
export {
  type NewClientSecretNotification,
  type NewClientSecretOutcome,
  type StoreNewClientSecretDependencies,
  storeNewClientSecret,
} from './store-new-client-secret';
export { TOKEN_REFRESH_MARGIN_MS, TokenCache } from './token-cache';
export { TokenBrokerClient, type TokenBrokerClientOptions } from './token-broker-client';
export { type TokenExchange } from './token-exchange';
export { type AccessTokenProvider, type TokenGrant } from './token-grant';
export { type UsedStateStore } from './used-state-store';
export { type VendDependencies, vendAccessToken, vendCacheKey } from './vend-access-token';
export {
  type VendFailure,
  VendFailureSchema,
  type VendGrant,
  VendGrantSchema,
  type VendRequest,
  VendRequestSchema,
  type VendResponse,
  VendResponseSchema,
  parseVendRequest,
  toVendFailure,
} from './vend-protocol';
export { vendingTokenProvider } from './vending-token-provider';
