import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AccountType, MarketplaceIdSchema, Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import { z } from 'zod';
import {
  AuthorizationConfigurationError,
  AuthorizationStateError,
  AuthorizationStateProblem,
} from './errors';
import type { NonceSource } from './nonce-source';
import type { UsedStateStore } from './used-state-store';

/** Which workflow issued a state: our `/authorize` page, or Amazon's Appstore via `/login`. */
export const AuthorizationFlow = { Website: 'website', Appstore: 'appstore' } as const;
export type AuthorizationFlow = (typeof AuthorizationFlow)[keyof typeof AuthorizationFlow];

/** Shortest accepted signing key (characters); shorter keys make forged states guessable. */
export const MIN_SIGNING_KEY_LENGTH = 32;

/** Prefix of the state cookies (`__Host-`: https only, this host, path /). */
export const AUTHORIZATION_COOKIE_PREFIX = '__Host-spapi-auth-';
const COOKIE_ID_LENGTH = 16;
const SIGNATURE_CONTEXT = 'spapi-lake/authorization-state/v1.';

const claimsSchema = z.strictObject({
  flow: z.enum(AuthorizationFlow),
  region: z.enum(Region),
  accountType: z.enum(AccountType),
  marketplaceIds: z.array(MarketplaceIdSchema).min(1),
  sellingPartnerId: z.string().optional(),
});

/** What a state carries from the start of a workflow to its callback (signed, not secret). */
export type AuthorizationStateClaims = z.output<typeof claimsSchema>;

const payloadSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().min(16),
  iat: z.number(),
  exp: z.number(),
  /** SHA-256 of the cookie nonce: the state alone (e.g. leaked in a log) is useless. */
  cookie: z.string().min(1),
  claims: claimsSchema,
});

/** A freshly issued state with the cookie that binds it to the browser that started the flow. */
export interface IssuedAuthorizationState {
  readonly state: string;
  readonly stateId: string;
  readonly cookieName: string;
  readonly cookieValue: string;
  readonly expiresAt: number;
}

/** A state that passed every check, now used up. */
export interface VerifiedAuthorizationState extends AuthorizationStateClaims {
  readonly stateId: string;
}

/** What issuing and verifying states needs. */
export interface AuthorizationStateDependencies {
  readonly signingKey: () => Promise<string>;
  readonly clock: Clock;
  readonly nonces: NonceSource;
  readonly usedStates: UsedStateStore;
}

/** The name of the cookie bound to state `stateId` (one per flow, so two tabs do not collide). */
export function authorizationCookieName(stateId: string): string {
  return `${AUTHORIZATION_COOKIE_PREFIX}${stateId.slice(0, COOKIE_ID_LENGTH)}`;
}

/** Issues a signed state for `claims`, valid for `ttlMs`, and the cookie it is bound to. */
export async function issueAuthorizationState(
  deps: Pick<AuthorizationStateDependencies, 'signingKey' | 'clock' | 'nonces'>,
  claims: AuthorizationStateClaims,
  ttlMs: number,
): Promise<IssuedAuthorizationState> {
  const key = await checkedKey(deps.signingKey);
  const stateId = deps.nonces.next();
  const cookieValue = deps.nonces.next();
  const issuedAt = deps.clock.now();
  const payload = {
    v: 1 as const,
    id: stateId,
    iat: issuedAt,
    exp: issuedAt + ttlMs,
    cookie: sha256(cookieValue),
    claims: claimsSchema.parse(claims),
  };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return {
    state: `${encoded}.${sign(key, encoded).toString('base64url')}`,
    stateId,
    cookieName: authorizationCookieName(stateId),
    cookieValue,
    expiresAt: payload.exp,
  };
}

/**
 * Checks, in this order, that `state` is present, well formed, signed by us, not expired, bound to
 * a cookie of this browser, and unused; then marks it used. Throws AuthorizationStateError.
 */
export async function verifyAuthorizationState(
  deps: Pick<AuthorizationStateDependencies, 'signingKey' | 'clock' | 'usedStates'>,
  state: string | undefined,
  cookies: Readonly<Record<string, string>>,
): Promise<VerifiedAuthorizationState> {
  if (state === undefined || state === '') {
    throw stateError('Missing', 'The callback carries no state parameter');
  }
  const [encoded, signature, ...rest] = state.split('.');
  if (encoded === undefined || signature === undefined || rest.length > 0) {
    throw stateError('Malformed', 'The state parameter is not one this application issued');
  }
  const key = await checkedKey(deps.signingKey);
  const expected = sign(key, encoded);
  if (!constantTimeEqual(Buffer.from(signature, 'base64url'), expected)) {
    throw stateError('Forged', 'The state parameter does not carry this application’s signature');
  }
  const payload = payloadSchema.safeParse(parseJson(Buffer.from(encoded, 'base64url')));
  if (!payload.success) {
    throw stateError('Malformed', 'The state parameter is signed but not understood');
  }
  const { id, exp, cookie, claims } = payload.data;
  if (deps.clock.now() >= exp) {
    throw stateError('Expired', 'The authorization took too long and its state expired');
  }
  const cookieValue = cookies[authorizationCookieName(id)];
  if (cookieValue === undefined || cookieValue === '') {
    throw stateError(
      'CookieMissing',
      'The browser did not send the cookie set when the flow began',
    );
  }
  if (!constantTimeEqual(Buffer.from(sha256(cookieValue)), Buffer.from(cookie))) {
    throw stateError('CookieMismatch', 'The state belongs to a flow begun in another browser');
  }
  // Claimed last: a request that fails any check above does not use the state up.
  if (!(await deps.usedStates.claim(id, exp))) {
    throw stateError('Replayed', 'The state was already used');
  }
  return { ...claims, stateId: id };
}

function stateError(problem: keyof typeof AuthorizationStateProblem, message: string) {
  return new AuthorizationStateError(AuthorizationStateProblem[problem], message);
}

async function checkedKey(source: () => Promise<string>): Promise<string> {
  const key = await source();
  if (key.length < MIN_SIGNING_KEY_LENGTH) {
    throw new AuthorizationConfigurationError(
      `The state signing key must be at least ${MIN_SIGNING_KEY_LENGTH} characters long`,
    );
  }
  return key;
}

function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function sign(key: string, encodedPayload: string): Buffer {
  return createHmac('sha256', key)
    .update(SIGNATURE_CONTEXT + encodedPayload)
    .digest();
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
