import {
  ClientCredentialsRejectedError,
  GrantlessScopeRejectedError,
  TokenExchangeUnavailableError,
  TokenGrantRejectedError,
} from '@spapi-lake/auth';
import { LwaClient } from '@spapi-lake/lwa';
import { type SimulatorHandle, startSimulator } from '@spapi-lake/sp-api-simulator';
import { LwaTokenExchange } from './lwa-token-exchange';

describe('LwaTokenExchange against the simulator', () => {
  let sim: SimulatorHandle;
  let exchange: LwaTokenExchange;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11 });
    const clock = { now: () => sim.clock.now(), sleep: async () => undefined };
    exchange = new LwaTokenExchange(
      new LwaClient({ baseUrl: sim.lwaBaseUrl, clock, retry: { maxAttempts: 1 } }),
    );
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.faults.clear());

  const client = () => {
    const { clientId, clientSecret } = sim.credentials();
    return { clientId, clientSecret };
  };

  it('refreshes a partner token and never hands back the refresh token', async () => {
    const partner = sim.credentials().partners[0];
    const token = await exchange.refreshAccessToken(client(), partner?.refreshToken ?? '');
    expect(token).toEqual({
      accessToken: expect.stringMatching(/^Atza\|/),
      expiresAt: sim.clock.now() + 3_600_000,
    });
    expect(Object.keys(token)).toEqual(['accessToken', 'expiresAt']);
  });

  it('requests grantless tokens and maps a scope the application lacks', async () => {
    await expect(
      exchange.requestGrantlessToken(client(), 'sellingpartnerapi::notifications'),
    ).resolves.toMatchObject({ accessToken: expect.stringMatching(/^Atza\|/) });
    const app = [...sim.world.clients.values()][0];
    app?.grantlessScopes.splice(0);
    await expect(
      exchange.requestGrantlessToken(client(), 'sellingpartnerapi::notifications'),
    ).rejects.toBeInstanceOf(GrantlessScopeRejectedError);
    app?.grantlessScopes.push(
      'sellingpartnerapi::notifications',
      'sellingpartnerapi::client_credential:rotation',
    );
  });

  it('maps invalid_grant, invalid_client and an unavailable LWA to the port errors', async () => {
    const partner = sim.credentials().partners[1];
    sim.faults.set({ revokedRefreshTokens: [partner?.sellingPartnerId ?? ''] });
    await expect(
      exchange.refreshAccessToken(client(), partner?.refreshToken ?? ''),
    ).rejects.toBeInstanceOf(TokenGrantRejectedError);
    await expect(
      exchange.refreshAccessToken({ ...client(), clientSecret: 'amzn1.oa2-cs.v1.wrong' }, 'Atzr|x'),
    ).rejects.toBeInstanceOf(ClientCredentialsRejectedError);
    sim.faults.set({ operations: { lwaToken: { ratio500: 1 } } });
    await expect(
      exchange.requestGrantlessToken(client(), 'sellingpartnerapi::notifications'),
    ).rejects.toBeInstanceOf(TokenExchangeUnavailableError);
  });

  it('redeems a consent code once, and refuses it the second time', async () => {
    const { applicationId } = sim.credentials();
    const consent = new URL(sim.consentUrl);
    consent.searchParams.set('application_id', applicationId);
    consent.searchParams.set('state', 'st');
    const redirect = await fetch(consent, { redirect: 'manual' });
    const location = new URL(redirect.headers.get('location') ?? '');
    const code = location.searchParams.get('spapi_oauth_code') ?? '';
    const redirectUri = `${location.origin}${location.pathname}`;
    const first = await exchange.redeemAuthorizationCode(client(), code, redirectUri);
    expect(first.refreshToken).toMatch(/^Atzr\|/);
    const error = await exchange
      .redeemAuthorizationCode(client(), code, redirectUri)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenGrantRejectedError);
    expect((error as Error).message).not.toContain(code);
  });
});
