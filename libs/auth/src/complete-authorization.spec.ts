import type { AccountInput } from '@spapi-lake/config';
import { issueAuthorizationState, type AuthorizationStateClaims } from './authorization-state';
import { completeAuthorization } from './complete-authorization';
import {
  AuthorizationCodeRejectedError,
  AuthorizationRequestError,
  AuthorizationStateError,
  TokenGrantRejectedError,
} from './errors';
import {
  CLIENT,
  CountingNonces,
  InMemoryAccountRegistry,
  InMemorySecretStore,
  InMemoryUsedStateStore,
  ManualClock,
  RecordingMetrics,
  ScriptedTokenExchange,
} from './test/fakes';

const WEBSITE: AuthorizationStateClaims = {
  flow: 'website',
  region: 'EU',
  accountType: 'seller',
  marketplaceIds: ['A1PA6795UKMFR9'],
};

function setup(accounts: AccountInput[] = []) {
  const clock = new ManualClock();
  const secretStore = new InMemorySecretStore({ ...CLIENT, issuedAt: clock.now() });
  const accountRegistry = new InMemoryAccountRegistry(accounts);
  const tokenExchange = new ScriptedTokenExchange();
  const metrics = new RecordingMetrics();
  const deps = {
    signingKey: () => secretStore.getStateSigningKey(),
    clock,
    nonces: new CountingNonces(),
    usedStates: new InMemoryUsedStateStore(),
    secretStore,
    tokenExchange,
    accountRegistry,
    metrics,
    settings: { redirectUri: 'https://broker.example.com/callback' },
  };
  const begin = async (claims: AuthorizationStateClaims = WEBSITE) => {
    const issued = await issueAuthorizationState(deps, claims, 600_000);
    return { state: issued.state, cookies: { [issued.cookieName]: issued.cookieValue } };
  };
  return { deps, clock, secretStore, accountRegistry, tokenExchange, metrics, begin };
}

describe('completeAuthorization', () => {
  it('redeems the code, stores the refresh token with its time and registers the account', async () => {
    const { deps, clock, secretStore, accountRegistry, tokenExchange, metrics, begin } = setup();
    const { state, cookies } = await begin();
    const done = await completeAuthorization(deps, {
      state,
      cookies,
      sellingPartnerId: 'A1SELLER',
      code: 'code-123',
    });
    expect(done).toEqual({
      sellingPartnerId: 'A1SELLER',
      region: 'EU',
      flow: 'website',
      accountType: 'seller',
      marketplaceIds: ['A1PA6795UKMFR9'],
      authorizedAt: new Date(clock.now()).toISOString(),
    });
    expect(tokenExchange.calls).toEqual([
      {
        method: 'redeem',
        credentials: expect.objectContaining(CLIENT),
        subject: 'code-123 https://broker.example.com/callback',
      },
    ]);
    expect(
      await secretStore.getRefreshToken({ sellingPartnerId: 'A1SELLER', region: 'EU' }),
    ).toEqual({ refreshToken: 'Atzr|new-refresh-token', authorizedAt: clock.now() });
    expect(accountRegistry.accounts).toEqual([
      {
        sellingPartnerId: 'A1SELLER',
        accountType: 'seller',
        region: 'EU',
        marketplaceIds: ['A1PA6795UKMFR9'],
        refreshTokenSecretRef: 'refresh-tokens/A1SELLER/EU',
        authorizedAt: done.authorizedAt,
        status: 'active',
      },
    ]);
    expect(metrics.total('AuthorizationCompleted')).toBe(1);
  });

  it('re-activates an existing account and merges its marketplaces; a disabled one stays disabled', async () => {
    const existing = (status: 'reauthorization-required' | 'disabled'): AccountInput => ({
      sellingPartnerId: 'A1SELLER',
      accountType: 'seller',
      region: 'EU',
      marketplaceIds: ['A13V1IB3VIYZZH'],
      refreshTokenSecretRef: 'old/ref',
      displayName: 'Acme',
      status,
    });
    for (const status of ['reauthorization-required', 'disabled'] as const) {
      const { deps, accountRegistry, begin } = setup([existing(status)]);
      const { state, cookies } = await begin();
      await completeAuthorization(deps, {
        state,
        cookies,
        sellingPartnerId: 'A1SELLER',
        code: 'c',
      });
      expect(accountRegistry.accounts).toEqual([
        expect.objectContaining({
          marketplaceIds: ['A13V1IB3VIYZZH', 'A1PA6795UKMFR9'],
          refreshTokenSecretRef: 'refresh-tokens/A1SELLER/EU',
          displayName: 'Acme',
          status: status === 'disabled' ? 'disabled' : 'active',
        }),
      ]);
    }
  });

  it("keeps an existing account's marketplaces when it is authorized again from the Appstore", async () => {
    // The Appstore names no marketplace: the state carries every one of the Central site's, which
    // would undo the operators' narrowing of the account (public apps re-authorize every year).
    const narrowed: AccountInput = {
      sellingPartnerId: 'A1SELLER',
      accountType: 'seller',
      region: 'EU',
      marketplaceIds: ['A1PA6795UKMFR9'],
      refreshTokenSecretRef: 'old/ref',
      status: 'reauthorization-required',
    };
    const { deps, accountRegistry, begin } = setup([narrowed]);
    const appstore = await begin({
      flow: 'appstore',
      region: 'EU',
      accountType: 'seller',
      sellingPartnerId: 'A1SELLER',
      marketplaceIds: [
        'A1F83G8C2ARO7P',
        'A1PA6795UKMFR9',
        'A13V1IB3VIYZZH',
        'APJ6JRA9NG5V4',
        'A1RKKUPIHCS9HS',
      ],
    });
    await completeAuthorization(deps, { ...appstore, sellingPartnerId: 'A1SELLER', code: 'c' });
    expect(accountRegistry.accounts).toEqual([
      expect.objectContaining({
        marketplaceIds: ['A1PA6795UKMFR9'],
        refreshTokenSecretRef: 'refresh-tokens/A1SELLER/EU',
        status: 'active',
      }),
    ]);
  });

  it('turns a refused code into AuthorizationCodeRejectedError and stores nothing', async () => {
    const { deps, secretStore, accountRegistry, tokenExchange, metrics, begin } = setup();
    tokenExchange.redeem = async () => {
      throw new TokenGrantRejectedError('invalid_grant');
    };
    const { state, cookies } = await begin();
    await expect(
      completeAuthorization(deps, { state, cookies, sellingPartnerId: 'A1SELLER', code: 'old' }),
    ).rejects.toBeInstanceOf(AuthorizationCodeRejectedError);
    expect(secretStore.refreshTokens.size).toBe(0);
    expect(accountRegistry.writes).toBe(0);
    expect(metrics.points).toContainEqual(
      expect.objectContaining({
        name: 'AuthorizationRejected',
        dimensions: { reason: 'AuthorizationCodeRejectedError' },
      }),
    );
  });

  it('checks the state before anything else and records why it was refused', async () => {
    const { deps, tokenExchange, metrics } = setup();
    await expect(
      completeAuthorization(deps, { state: 'x.y', cookies: {}, sellingPartnerId: 'A1', code: 'c' }),
    ).rejects.toBeInstanceOf(AuthorizationStateError);
    expect(tokenExchange.calls).toHaveLength(0);
    expect(metrics.points).toContainEqual(
      expect.objectContaining({ name: 'AuthorizationRejected', dimensions: { reason: 'forged' } }),
    );
  });

  it('refuses a missing code or partner, and a partner other than the Appstore login named', async () => {
    const { deps, begin } = setup();
    const first = await begin();
    await expect(
      completeAuthorization(deps, { ...first, sellingPartnerId: 'A1SELLER' }),
    ).rejects.toThrow('no spapi_oauth_code');
    const second = await begin();
    await expect(completeAuthorization(deps, { ...second, code: 'c' })).rejects.toBeInstanceOf(
      AuthorizationRequestError,
    );
    const appstore = await begin({ ...WEBSITE, flow: 'appstore', sellingPartnerId: 'A1NAMED' });
    await expect(
      completeAuthorization(deps, { ...appstore, sellingPartnerId: 'A1OTHER', code: 'c' }),
    ).rejects.toThrow('another selling partner');
  });
});
