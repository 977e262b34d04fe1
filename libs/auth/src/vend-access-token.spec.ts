import type { AccountInput } from '@spapi-lake/config';
import {
  ReauthorizationRequiredError,
  RefreshTokenNotFoundError,
  TokenExchangeUnavailableError,
  TokenGrantRejectedError,
} from './errors';
import {
  CLIENT,
  InMemoryAccountRegistry,
  InMemorySecretStore,
  ManualClock,
  RecordingMetrics,
  ScriptedTokenExchange,
  tokenAt,
} from './test/fakes';
import { TokenCache } from './token-cache';
import { vendAccessToken } from './vend-access-token';
import type { VendGrant } from './vend-protocol';
import { vendingTokenProvider } from './vending-token-provider';

const PARTNER = { sellingPartnerId: 'A1SELLER', region: 'EU' } as const;
const PARTNER_GRANT: VendGrant = { kind: 'partner', ...PARTNER };
const ACCOUNT: AccountInput = {
  sellingPartnerId: 'A1SELLER',
  accountType: 'seller',
  region: 'EU',
  marketplaceIds: ['A1PA6795UKMFR9'],
  refreshTokenSecretRef: 'refresh-tokens/A1SELLER/EU',
};

function setup() {
  const clock = new ManualClock();
  const secretStore = new InMemorySecretStore({ ...CLIENT, issuedAt: clock.now() });
  secretStore.refreshTokens.set('A1SELLER@EU', {
    refreshToken: 'Atzr|partner-refresh',
    authorizedAt: clock.now(),
  });
  const tokenExchange = new ScriptedTokenExchange();
  let minted = 0;
  tokenExchange.refresh = async () => tokenAt(clock.now(), `Atza|partner-${++minted}`);
  tokenExchange.grantless = async (_c, scope) => tokenAt(clock.now(), `Atza|${scope}-${++minted}`);
  const accountRegistry = new InMemoryAccountRegistry([ACCOUNT]);
  const metrics = new RecordingMetrics();
  const deps = {
    cache: new TokenCache(clock),
    secretStore,
    tokenExchange,
    accountRegistry,
    metrics,
  };
  return { deps, clock, tokenExchange, accountRegistry, metrics };
}

describe('vendAccessToken', () => {
  it('exchanges the partner refresh token once and serves the cached token until a minute before expiry', async () => {
    const { deps, clock, tokenExchange } = setup();
    const first = await vendAccessToken(deps, PARTNER_GRANT);
    expect(first).toEqual({ accessToken: 'Atza|partner-1', expiresAt: clock.now() + 3_600_000 });
    expect(tokenExchange.calls).toEqual([
      {
        method: 'refresh',
        credentials: expect.objectContaining(CLIENT),
        subject: 'Atzr|partner-refresh',
      },
    ]);
    clock.advance(3_539_000);
    expect((await vendAccessToken(deps, PARTNER_GRANT)).accessToken).toBe('Atza|partner-1');
    clock.advance(1_000);
    expect((await vendAccessToken(deps, PARTNER_GRANT)).accessToken).toBe('Atza|partner-2');
    expect(tokenExchange.count('refresh')).toBe(2);
  });

  it('makes one LWA call for many concurrent requests of one partner', async () => {
    const { deps, tokenExchange } = setup();
    const tokens = await Promise.all(
      Array.from({ length: 10 }, () => vendAccessToken(deps, PARTNER_GRANT)),
    );
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(['Atza|partner-1']));
    expect(tokenExchange.count('refresh')).toBe(1);
  });

  it('vends grantless tokens per scope with the client credentials only', async () => {
    const { deps, tokenExchange } = setup();
    const notifications = await vendAccessToken(deps, {
      kind: 'grantless',
      scope: 'sellingpartnerapi::notifications',
    });
    const rotation = await vendAccessToken(deps, {
      kind: 'grantless',
      scope: 'sellingpartnerapi::client_credential:rotation',
    });
    await vendAccessToken(deps, { kind: 'grantless', scope: 'sellingpartnerapi::notifications' });
    expect(notifications.accessToken).toBe('Atza|sellingpartnerapi::notifications-1');
    expect(rotation.accessToken).toBe('Atza|sellingpartnerapi::client_credential:rotation-2');
    expect(tokenExchange.calls.map((c) => c.subject)).toEqual([
      'sellingpartnerapi::notifications',
      'sellingpartnerapi::client_credential:rotation',
    ]);
  });

  it('on invalid_grant marks the account for re-authorization, counts it and does not retry', async () => {
    const { deps, tokenExchange, accountRegistry, metrics } = setup();
    tokenExchange.refresh = async () => {
      throw new TokenGrantRejectedError('invalid_grant');
    };
    const error = await vendAccessToken(deps, PARTNER_GRANT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(error).toMatchObject({ sellingPartnerId: 'A1SELLER', region: 'EU', recorded: true });
    expect((error as Error).message).toContain('must authorize the application again');
    expect(tokenExchange.count('refresh')).toBe(1);
    expect(accountRegistry.accounts[0]?.status).toBe('reauthorization-required');
    expect(metrics.total('ReauthorizationRequired')).toBe(1);
  });

  it('still reports the re-authorization when the account list cannot be written', async () => {
    const { deps, tokenExchange, accountRegistry } = setup();
    tokenExchange.refresh = async () => {
      throw new TokenGrantRejectedError('invalid_grant');
    };
    accountRegistry.failWith = new Error('ssm down');
    await expect(vendAccessToken(deps, PARTNER_GRANT)).rejects.toMatchObject({
      name: 'ReauthorizationRequiredError',
      recorded: false,
    });
  });

  it('passes other failures through uncached, and refuses a partner without refresh token', async () => {
    const { deps, tokenExchange } = setup();
    tokenExchange.refresh = async () => {
      throw new TokenExchangeUnavailableError('LWA down');
    };
    await expect(vendAccessToken(deps, PARTNER_GRANT)).rejects.toBeInstanceOf(
      TokenExchangeUnavailableError,
    );
    await expect(
      vendAccessToken(deps, { kind: 'partner', sellingPartnerId: 'A9NOBODY', region: 'NA' }),
    ).rejects.toBeInstanceOf(RefreshTokenNotFoundError);
  });

  it('serves the SP-API client TokenProvider shape inside the broker', async () => {
    const { deps } = setup();
    const grantless = vendingTokenProvider(deps);
    await expect(
      grantless.getToken({ kind: 'grantless', scope: 'sellingpartnerapi::notifications' }),
    ).resolves.toMatch(/^Atza\|/);
    await expect(grantless.getToken({ kind: 'partner' })).rejects.toThrow('grantless tokens only');
    await expect(vendingTokenProvider(deps, PARTNER).getToken({ kind: 'partner' })).resolves.toBe(
      'Atza|partner-2',
    );
  });
});
