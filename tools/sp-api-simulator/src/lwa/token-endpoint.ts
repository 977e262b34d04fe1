import type { FaultInjector } from '../faults/fault-injector';
import type { LwaClient, World } from '../world/world';
import { newRefreshToken } from '../world/world';
import { type LwaErrorAnswer, lwaError } from './lwa-error';
import { ACCESS_TOKEN_LIFETIME_S, type TokenStore } from './token-store';

/** What the token endpoint needs. */
export interface TokenEndpointDeps {
  readonly world: World;
  readonly store: TokenStore;
  readonly now: () => number;
  readonly faults: FaultInjector;
  readonly random: () => number;
}

/** A successful token answer (`refresh_token` for refresh and code grants, `scope` for grantless). */
export interface TokenAnswer {
  readonly status: 200;
  readonly body: {
    readonly access_token: string;
    readonly token_type: 'bearer';
    readonly expires_in: number;
    readonly refresh_token?: string;
    readonly scope?: string;
  };
}

/** Handles `POST /auth/o2/token` for the three grants, with LWA's error bodies. */
export function exchangeToken(
  form: URLSearchParams,
  deps: TokenEndpointDeps,
): TokenAnswer | LwaErrorAnswer {
  const grantType = form.get('grant_type');
  if (grantType === null || grantType === '') {
    return lwaError('invalid_request', 'The request is missing a required parameter : grant_type');
  }
  if (!['refresh_token', 'client_credentials', 'authorization_code'].includes(grantType)) {
    return lwaError('unsupported_grant_type', 'The authorization grant type is not supported');
  }
  const client = authenticateClient(form, deps);
  if (client === undefined) return lwaError('invalid_client', 'Client authentication failed');
  switch (grantType) {
    case 'refresh_token':
      return refreshTokenGrant(form, client, deps);
    case 'client_credentials':
      return clientCredentialsGrant(form, client, deps);
    default:
      return authorizationCodeGrant(form, client, deps);
  }
}

function authenticateClient(form: URLSearchParams, deps: TokenEndpointDeps): LwaClient | undefined {
  const client = deps.world.clients.get(form.get('client_id') ?? '');
  const secret = form.get('client_secret') ?? '';
  const now = deps.now();
  const accepted = client?.clientSecrets.some(
    (s) => s.value === secret && (s.expiresAt === null || now < s.expiresAt),
  );
  return accepted === true ? client : undefined;
}

function refreshTokenGrant(form: URLSearchParams, client: LwaClient, deps: TokenEndpointDeps) {
  const refreshToken = form.get('refresh_token');
  if (refreshToken === null || refreshToken === '') {
    return lwaError(
      'invalid_request',
      'The request is missing a required parameter : refresh_token',
    );
  }
  const partner = [...deps.world.partners.values()].find((p) =>
    p.refreshTokens.includes(refreshToken),
  );
  if (partner === undefined || deps.faults.isRevoked(refreshToken, partner.sellingPartnerId)) {
    return lwaError('invalid_grant', 'The request has an invalid grant parameter : refresh_token');
  }
  const caller = {
    kind: 'partner',
    clientId: client.clientId,
    sellingPartnerId: partner.sellingPartnerId,
  } as const;
  return tokenAnswer(deps.store.issueAccessToken(caller, deps.now()), {
    refresh_token: refreshToken,
  });
}

function clientCredentialsGrant(form: URLSearchParams, client: LwaClient, deps: TokenEndpointDeps) {
  const scope = form.get('scope');
  if (scope === null || scope === '') {
    return lwaError('invalid_request', 'The request is missing a required parameter : scope');
  }
  if (!client.grantlessScopes.includes(scope)) {
    return lwaError('invalid_scope', 'The request has an invalid parameter : scope');
  }
  const caller = { kind: 'grantless', clientId: client.clientId, scope } as const;
  return tokenAnswer(deps.store.issueAccessToken(caller, deps.now()), { scope });
}

function authorizationCodeGrant(form: URLSearchParams, client: LwaClient, deps: TokenEndpointDeps) {
  const value = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (value === null || value === '') {
    return lwaError('invalid_request', 'The request is missing a required parameter : code');
  }
  if (redirectUri === null || redirectUri === '') {
    return lwaError(
      'invalid_request',
      'The request is missing a required parameter : redirect_uri',
    );
  }
  const code = deps.store.redeemAuthorizationCode(value);
  const partner = code && deps.world.partners.get(code.sellingPartnerId);
  if (
    code === undefined ||
    partner === undefined ||
    code.clientId !== client.clientId ||
    code.redirectUri !== redirectUri ||
    deps.now() >= code.expiresAt
  ) {
    return lwaError('invalid_grant', 'The request has an invalid grant parameter : code');
  }
  const refreshToken = newRefreshToken(deps.random);
  partner.refreshTokens.push(refreshToken);
  const caller = {
    kind: 'partner',
    clientId: client.clientId,
    sellingPartnerId: partner.sellingPartnerId,
  } as const;
  return tokenAnswer(deps.store.issueAccessToken(caller, deps.now()), {
    refresh_token: refreshToken,
  });
}

function tokenAnswer(
  accessToken: string,
  extra: { refresh_token?: string; scope?: string },
): TokenAnswer {
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      ...extra,
    },
  };
}
