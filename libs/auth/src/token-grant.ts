import type { GrantlessScope } from './grantless-scope';

/**
 * Which token an SP-API call needs; structurally the `TokenGrant` of `@spapi-lake/sp-api`, so a
 * provider here is that client's `TokenProvider`.
 */
export type TokenGrant =
  { readonly kind: 'partner' } | { readonly kind: 'grantless'; readonly scope: GrantlessScope };

/** The `TokenProvider` shape of the SP-API client. */
export interface AccessTokenProvider {
  getToken(
    grant: TokenGrant,
    options?: { readonly forceRefresh?: boolean; readonly rejectedToken?: string },
  ): Promise<string>;
}
