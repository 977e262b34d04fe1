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
 * cached one (the API said the token expired).
 */
export interface TokenProvider {
  getToken(grant: TokenGrant, options?: { readonly forceRefresh?: boolean }): Promise<string>;
}
