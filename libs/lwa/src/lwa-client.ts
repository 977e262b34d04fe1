import { type Clock, mathRandom, type Random, systemClock } from '@spapi-lake/core';
import { z } from 'zod';
import { LwaInvalidResponseError, LwaUnavailableError } from './errors';
import type { GrantlessScope } from './grantless-scope';
import type { LwaAccessToken } from './lwa-access-token';
import { lwaErrorFromResponse } from './lwa-error-from-response';
import { LwaGrantType } from './lwa-grant-type';
import { parseJsonQuietly } from './parse-json-quietly';
import { type RetryPolicy, withBoundedRetry } from './with-bounded-retry';

/** Amazon's LWA host; the token endpoint is `${baseUrl}/auth/o2/token` in every region. */
export const DEFAULT_LWA_BASE_URL = 'https://api.amazon.com';

const TOKEN_PATH = '/auth/o2/token';
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=UTF-8';
// Form fields whose values must never reach an error message.
const SECRET_FIELDS = ['client_secret', 'refresh_token', 'code'] as const;
const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2_000 };
const DEFAULT_TIMEOUT_MS = 10_000;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
});

/** The application's LWA credentials (from the developer console). */
export interface LwaClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Input of the `refresh_token` grant. */
export interface RefreshTokenGrant extends LwaClientCredentials {
  readonly refreshToken: string;
}

/** Input of the `authorization_code` grant (`code` is the `spapi_oauth_code`, valid 5 minutes). */
export interface AuthorizationCodeGrant extends LwaClientCredentials {
  readonly code: string;
  readonly redirectUri: string;
}

/** Input of the `client_credentials` grant used by grantless operations. */
export interface ClientCredentialsGrant extends LwaClientCredentials {
  readonly scope: GrantlessScope;
}

/** Options of {@link LwaClient}; every field has a production default. */
export interface LwaClientOptions {
  /** Defaults to {@link DEFAULT_LWA_BASE_URL}; a path prefix is kept (`http://127.0.0.1:9/lwa`). */
  readonly baseUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly clock?: Clock;
  /** Jitter source of the retry backoff. */
  readonly random?: Random;
  /** Retry of retryable failures; defaults to 3 attempts, 250 ms base, 2 s cap. */
  readonly retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout; a timed-out attempt is an {@link LwaUnavailableError}. */
  readonly timeoutMs?: number;
}

/** Login with Amazon token endpoint client: the three OAuth 2.0 grants SP-API uses. */
export class LwaClient {
  private readonly tokenUrl: string;
  private readonly fetch: typeof globalThis.fetch;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(options: LwaClientOptions = {}) {
    this.tokenUrl = (options.baseUrl ?? DEFAULT_LWA_BASE_URL).replace(/\/+$/, '') + TOKEN_PATH;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? mathRandom;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Exchanges a selling partner's refresh token for an access token (no `scope` is sent). */
  async refreshAccessToken(grant: RefreshTokenGrant): Promise<LwaAccessToken> {
    return this.requestToken(LwaGrantType.RefreshToken, {
      refresh_token: grant.refreshToken,
      client_id: grant.clientId,
      client_secret: grant.clientSecret,
    });
  }

  /** Exchanges an OAuth authorization code; the result carries the new refresh token to store. */
  async exchangeAuthorizationCode(
    grant: AuthorizationCodeGrant,
  ): Promise<LwaAccessToken & { readonly refreshToken: string }> {
    const token = await this.requestToken(LwaGrantType.AuthorizationCode, {
      code: grant.code,
      redirect_uri: grant.redirectUri,
      client_id: grant.clientId,
      client_secret: grant.clientSecret,
    });
    const { refreshToken } = token;
    if (refreshToken === undefined) {
      throw new LwaInvalidResponseError(
        'LWA authorization_code grant answered without a refresh_token',
        { grantType: LwaGrantType.AuthorizationCode },
      );
    }
    return { ...token, refreshToken };
  }

  /** Gets a grantless access token for `scope` (no `refresh_token` is sent). */
  async requestGrantlessToken(grant: ClientCredentialsGrant): Promise<LwaAccessToken> {
    return this.requestToken(LwaGrantType.ClientCredentials, {
      scope: grant.scope,
      client_id: grant.clientId,
      client_secret: grant.clientSecret,
    });
  }

  private requestToken(
    grantType: LwaGrantType,
    fields: Record<string, string>,
  ): Promise<LwaAccessToken> {
    return withBoundedRetry(() => this.postOnce(grantType, fields), this.retry, {
      clock: this.clock,
      random: this.random,
    });
  }

  private async postOnce(
    grantType: LwaGrantType,
    fields: Record<string, string>,
  ): Promise<LwaAccessToken> {
    const secrets = SECRET_FIELDS.flatMap((name) => fields[name] ?? []);
    // Taken before sending: the token cannot expire earlier than this plus expires_in.
    const sentAt = this.clock.now();
    let status: number;
    let ok: boolean;
    let body: string;
    try {
      const response = await this.fetch(this.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': FORM_CONTENT_TYPE, accept: 'application/json' },
        body: new URLSearchParams({ grant_type: grantType, ...fields }).toString(),
        // A followed 307/308 would re-send the credentials to wherever LWA's answer points.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      ok = response.ok;
      body = await response.text();
    } catch (error) {
      const message = `LWA ${grantType} grant failed: no answer from the token endpoint`;
      throw new LwaUnavailableError(message, { grantType, cause: error });
    }
    if (!ok) throw lwaErrorFromResponse({ grantType, status, body, secrets });
    return parseTokenResponse(grantType, status, body, sentAt);
  }
}

function parseTokenResponse(
  grantType: LwaGrantType,
  status: number,
  body: string,
  sentAt: number,
): LwaAccessToken {
  const parsed = tokenResponseSchema.safeParse(parseJsonQuietly(body));
  if (!parsed.success) {
    // Name the fields only: the body (and zod's view of it) may hold tokens.
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'body'))];
    throw new LwaInvalidResponseError(
      `LWA ${grantType} grant answered HTTP ${status} with an invalid token response (${fields.join(', ')})`,
      { grantType, status },
    );
  }
  const { access_token, expires_in, refresh_token } = parsed.data;
  return {
    accessToken: access_token,
    expiresAt: sentAt + expires_in * 1000,
    ...(refresh_token === undefined ? {} : { refreshToken: refresh_token }),
  };
}
