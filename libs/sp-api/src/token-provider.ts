/** Scopes of grantless (client_credentials) tokens used by the operations in scope (SPAPI.md 2.4). */
export const GrantlessScope = {
  Notifications: 'sellingpartnerapi::notifications',
  ClientCredentialRotation: 'sellingpartnerapi::client_credential:rotation',
} as const;

/** One grantless scope string. */
export type GrantlessScope = (typeof GrantlessScope)[keyof typeof GrantlessScope];

/** Which token a call needs: the selling partner's (refresh-token derived) or a grantless one. */
export type TokenGrant =
  { readonly kind: 'partner' } | { readonly kind: 'grantless'; readonly scope: GrantlessScope };

/**
 * Port: LWA access tokens for SP-API calls. `forceRefresh` asks for a fresh token instead of a
 * cached one (the API said the token expired); `rejectedToken` is the token it refused, so that a
 * provider whose cached token is already a newer one serves that instead of fetching again.
 */
export interface TokenProvider {
  getToken(grant: TokenGrant, options?: TokenRefreshOptions): Promise<string>;
}

/** How a token is asked for after SP-API refused one. */
export interface TokenRefreshOptions {
  readonly forceRefresh?: boolean;
  readonly rejectedToken?: string;
}
