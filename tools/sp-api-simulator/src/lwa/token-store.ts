import type { Caller } from '../server/operation';
import { TOKEN_CHARS, randomString } from '../world/seeded-random';

/** Lifetime of access tokens and RDTs, in seconds (simulated time). */
export const ACCESS_TOKEN_LIFETIME_S = 3600;
/** Lifetime of an spapi_oauth_code (5 minutes). */
export const AUTH_CODE_LIFETIME_MS = 5 * 60 * 1000;

/** An issued access token or RDT. */
export interface IssuedToken {
  readonly caller: Caller;
  /** `access` for LWA access tokens, `rdt` for Restricted Data Tokens. */
  readonly kind: 'access' | 'rdt';
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** A pending spapi_oauth_code. */
export interface AuthorizationCode {
  readonly clientId: string;
  readonly sellingPartnerId: string;
  readonly redirectUri: string;
  readonly expiresAt: number;
}

/** Opaque tokens the simulator issued: access tokens, RDTs and single-use authorization codes. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(private readonly random: () => number) {}

  /** Issues an LWA access token (`Atza|...`) for `caller`, valid one hour from `now`. */
  issueAccessToken(caller: Caller, now: number): string {
    return this.issue(
      `Atza|IwEB${randomString(this.random, 180, TOKEN_CHARS)}`,
      'access',
      caller,
      now,
    );
  }

  /** Issues a Restricted Data Token (`Atz.sprdt|...`) for `caller`. */
  issueRestrictedDataToken(caller: Caller, now: number): string {
    return this.issue(
      `Atz.sprdt|IwEB${randomString(this.random, 180, TOKEN_CHARS)}`,
      'rdt',
      caller,
      now,
    );
  }

  /** The token's record (expired ones included; callers compare `expiresAt`). */
  lookup(token: string): IssuedToken | undefined {
    return this.tokens.get(token);
  }

  /** Issues a single-use spapi_oauth_code valid for five minutes. */
  issueAuthorizationCode(code: Omit<AuthorizationCode, 'expiresAt'>, now: number): string {
    const value = randomString(this.random, 20, TOKEN_CHARS.slice(0, 52));
    this.codes.set(value, { ...code, expiresAt: now + AUTH_CODE_LIFETIME_MS });
    return value;
  }

  /** Consumes a code (it can never be redeemed twice); undefined when unknown or already used. */
  redeemAuthorizationCode(value: string): AuthorizationCode | undefined {
    const code = this.codes.get(value);
    this.codes.delete(value);
    return code;
  }

  private issue(token: string, kind: IssuedToken['kind'], caller: Caller, now: number): string {
    this.tokens.set(token, {
      caller,
      kind,
      issuedAt: now,
      expiresAt: now + ACCESS_TOKEN_LIFETIME_S * 1000,
    });
    return token;
  }
}
