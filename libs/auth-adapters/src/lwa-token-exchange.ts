import {
  type AccessToken,
  type ClientCredentials,
  ClientCredentialsRejectedError,
  type GrantlessScope,
  GrantlessScopeRejectedError,
  type TokenExchange,
  TokenExchangeFailedError,
  TokenExchangeUnavailableError,
  TokenGrantRejectedError,
} from '@spapi-lake/auth';
import {
  type LwaAccessToken,
  type LwaClient,
  LwaError,
  LwaInvalidClientError,
  LwaInvalidGrantError,
  LwaInvalidScopeError,
  LwaUnavailableError,
} from '@spapi-lake/lwa';

/** The TokenExchange port over the LWA token endpoint client (which retries what it can). */
export class LwaTokenExchange implements TokenExchange {
  constructor(private readonly client: LwaClient) {}

  async refreshAccessToken(
    credentials: ClientCredentials,
    refreshToken: string,
  ): Promise<AccessToken> {
    const token = await mapped(() =>
      this.client.refreshAccessToken({ ...pick(credentials), refreshToken }),
    );
    return accessTokenOf(token);
  }

  async requestGrantlessToken(
    credentials: ClientCredentials,
    scope: GrantlessScope,
  ): Promise<AccessToken> {
    const token = await mapped(() =>
      this.client.requestGrantlessToken({ ...pick(credentials), scope }),
    );
    return accessTokenOf(token);
  }

  async redeemAuthorizationCode(
    credentials: ClientCredentials,
    code: string,
    redirectUri: string,
  ): Promise<AccessToken & { readonly refreshToken: string }> {
    const token = await mapped(() =>
      this.client.exchangeAuthorizationCode({ ...pick(credentials), code, redirectUri }),
    );
    return { ...accessTokenOf(token), refreshToken: token.refreshToken };
  }
}

function pick(credentials: ClientCredentials): ClientCredentials {
  return { clientId: credentials.clientId, clientSecret: credentials.clientSecret };
}

// The refresh grant echoes the refresh token: drop it so it can never travel with a vended token.
function accessTokenOf(token: LwaAccessToken): AccessToken {
  return { accessToken: token.accessToken, expiresAt: token.expiresAt };
}

async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof LwaError)) throw error;
    const detail = `LWA ${error.grantType ?? 'token'} grant: ${error.code ?? 'no error code'}${error.status === undefined ? '' : `, HTTP ${error.status}`}`;
    if (error instanceof LwaInvalidGrantError) {
      throw new TokenGrantRejectedError(`${detail}: grant revoked, expired or already used`, {
        cause: error,
      });
    }
    if (error instanceof LwaInvalidClientError) {
      throw new ClientCredentialsRejectedError(`${detail}: client id or secret refused`, {
        cause: error,
      });
    }
    if (error instanceof LwaInvalidScopeError) {
      throw new GrantlessScopeRejectedError(`${detail}: scope not allowed for this application`, {
        cause: error,
      });
    }
    if (error instanceof LwaUnavailableError) {
      throw new TokenExchangeUnavailableError(`${detail}: LWA unavailable`, { cause: error });
    }
    throw new TokenExchangeFailedError(`${detail}: request refused`, { cause: error });
  }
}
