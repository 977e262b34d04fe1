import type { AccessTokenCache } from './access-token-cache';
import type { AccessTokenCacheKey } from './access-token-cache-key';
import { LwaConfigurationError } from './errors';
import type { GrantlessScope } from './grantless-scope';
import type { LwaAccessToken } from './lwa-access-token';
import type { LwaClient, LwaClientCredentials } from './lwa-client';

/** Which token an SP-API call needs: the selling partner's, or a grantless one for a scope. */
export type LwaTokenGrant =
  { readonly kind: 'partner' } | { readonly kind: 'grantless'; readonly scope: GrantlessScope };

/** Dependencies of {@link LwaTokenProvider}; the sources are called on every `getToken`. */
export interface LwaTokenProviderOptions {
  readonly client: LwaClient;
  readonly cache: AccessTokenCache;
  /** Current client id and secret (read on each call, so a rotated secret is picked up). */
  readonly credentials: () => Promise<LwaClientCredentials>;
  /** The selling partner's refresh token; needed only for `{ kind: 'partner' }`. */
  readonly refreshToken?: () => Promise<string>;
}

/**
 * Access tokens for SP-API calls, cached and refreshed ahead of expiry. Structurally the
 * `TokenProvider` port of the SP-API client.
 */
export class LwaTokenProvider {
  constructor(private readonly options: LwaTokenProviderOptions) {}

  /** An access token for `grant`; `forceRefresh` drops the cached one first (SP-API said expired). */
  async getToken(
    grant: LwaTokenGrant,
    options: { readonly forceRefresh?: boolean } = {},
  ): Promise<string> {
    const { client, cache } = this.options;
    const { clientId, clientSecret } = await this.options.credentials();
    let key: AccessTokenCacheKey;
    let refresh: () => Promise<LwaAccessToken>;
    if (grant.kind === 'partner') {
      const refreshToken = await this.partnerRefreshToken();
      key = { clientId, refreshToken };
      refresh = () => client.refreshAccessToken({ clientId, clientSecret, refreshToken });
    } else {
      const { scope } = grant;
      key = { clientId, scope };
      refresh = () => client.requestGrantlessToken({ clientId, clientSecret, scope });
    }
    const token = await cache.get(key, refresh, options);
    return token.accessToken;
  }

  private async partnerRefreshToken(): Promise<string> {
    const source = this.options.refreshToken;
    if (source === undefined) {
      throw new LwaConfigurationError(
        'A partner token needs a refresh token source; this LwaTokenProvider has none',
      );
    }
    return source();
  }
}
