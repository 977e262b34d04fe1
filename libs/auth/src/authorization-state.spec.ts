import {
  type AuthorizationStateClaims,
  authorizationCookieName,
  issueAuthorizationState,
  verifyAuthorizationState,
} from './authorization-state';
import { AuthorizationConfigurationError, AuthorizationStateError } from './errors';
import { CountingNonces, InMemoryUsedStateStore, ManualClock } from './test/fakes';

const KEY = 'state-signing-key-0123456789abcdef-0123456789';
const CLAIMS: AuthorizationStateClaims = {
  flow: 'website',
  region: 'EU',
  accountType: 'seller',
  marketplaceIds: ['A1PA6795UKMFR9'],
};
const TTL = 600_000;

function setup(key = KEY) {
  const clock = new ManualClock();
  const usedStates = new InMemoryUsedStateStore();
  const deps = { signingKey: async () => key, clock, nonces: new CountingNonces(), usedStates };
  return { clock, usedStates, deps };
}

async function problemOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AuthorizationStateError))
    throw new Error(`expected a state error: ${String(error)}`);
  return error.problem;
}

describe('authorization state', () => {
  it('round-trips the claims once, bound to the cookie issued with it', async () => {
    const { deps } = setup();
    const issued = await issueAuthorizationState(deps, CLAIMS, TTL);
    expect(issued.cookieName).toBe(authorizationCookieName(issued.stateId));
    expect(issued.cookieName).toMatch(/^__Host-spapi-auth-/);
    expect(issued.state).not.toContain(issued.cookieValue);
    const cookies = { [issued.cookieName]: issued.cookieValue };
    await expect(verifyAuthorizationState(deps, issued.state, cookies)).resolves.toEqual({
      ...CLAIMS,
      stateId: issued.stateId,
    });
  });

  it('refuses a replayed state', async () => {
    const { deps } = setup();
    const issued = await issueAuthorizationState(deps, CLAIMS, TTL);
    const cookies = { [issued.cookieName]: issued.cookieValue };
    await verifyAuthorizationState(deps, issued.state, cookies);
    expect(await problemOf(verifyAuthorizationState(deps, issued.state, cookies))).toBe('replayed');
  });

  it('refuses an expired state', async () => {
    const { deps, clock } = setup();
    const issued = await issueAuthorizationState(deps, CLAIMS, TTL);
    clock.advance(TTL);
    const cookies = { [issued.cookieName]: issued.cookieValue };
    expect(await problemOf(verifyAuthorizationState(deps, issued.state, cookies))).toBe('expired');
  });

  it('refuses a state whose payload was changed, or signed with another key', async () => {
    const { deps } = setup();
    const issued = await issueAuthorizationState(deps, CLAIMS, TTL);
    const cookies = { [issued.cookieName]: issued.cookieValue };
    const [payload, signature] = issued.state.split('.');
    const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    decoded.claims.region = 'NA';
    const tampered = `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
    expect(await problemOf(verifyAuthorizationState(deps, tampered, cookies))).toBe('forged');

    const other = setup('another-signing-key-0123456789abcdef-012345');
    const foreign = await issueAuthorizationState(other.deps, CLAIMS, TTL);
    const foreignCookies = { [foreign.cookieName]: foreign.cookieValue };
    expect(await problemOf(verifyAuthorizationState(deps, foreign.state, foreignCookies))).toBe(
      'forged',
    );
  });

  it('refuses a missing or malformed state', async () => {
    const { deps } = setup();
    expect(await problemOf(verifyAuthorizationState(deps, undefined, {}))).toBe('missing');
    expect(await problemOf(verifyAuthorizationState(deps, 'no-dot-here', {}))).toBe('malformed');
    expect(await problemOf(verifyAuthorizationState(deps, 'a.b.c', {}))).toBe('malformed');
  });

  it('refuses a missing or foreign cookie and does not use the state up', async () => {
    const { deps } = setup();
    const issued = await issueAuthorizationState(deps, CLAIMS, TTL);
    expect(await problemOf(verifyAuthorizationState(deps, issued.state, {}))).toBe(
      'cookie-missing',
    );
    const wrong = { [issued.cookieName]: 'another-browser-nonce-value' };
    expect(await problemOf(verifyAuthorizationState(deps, issued.state, wrong))).toBe(
      'cookie-mismatch',
    );
    const right = { [issued.cookieName]: issued.cookieValue };
    await expect(verifyAuthorizationState(deps, issued.state, right)).resolves.toMatchObject(
      CLAIMS,
    );
  });

  it('refuses to sign with a key shorter than 32 characters', async () => {
    const { deps } = setup('short-key');
    await expect(issueAuthorizationState(deps, CLAIMS, TTL)).rejects.toBeInstanceOf(
      AuthorizationConfigurationError,
    );
  });
});
