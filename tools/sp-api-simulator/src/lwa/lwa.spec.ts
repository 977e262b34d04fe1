import { GRANTLESS_SCOPES } from '../world/world';
import { type SimulatorHandle, startSimulator } from '../server/start-simulator';
import { fakeGenerator } from '../test/fake-generator';
import { simClient } from '../test/sim-client';

describe('LWA token endpoint and consent', () => {
  let sim: SimulatorHandle;
  let client: ReturnType<typeof simClient>;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 7, generator: fakeGenerator });
    client = simClient(sim);
  });
  afterEach(() => sim.stop());

  const base = () => ({
    client_id: client.creds.clientId,
    client_secret: client.creds.clientSecret,
  });

  it('exchanges a refresh token for an opaque one-hour access token', async () => {
    const refreshToken = client.creds.partners[0]?.refreshToken ?? '';
    const res = await client.lwa({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...base(),
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      access_token: expect.stringMatching(/^Atza\|/),
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: refreshToken,
    });
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('answers invalid_grant for an unknown or revoked refresh token', async () => {
    const unknown = await client.lwa({
      grant_type: 'refresh_token',
      refresh_token: 'Atzr|nope',
      ...base(),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });

    const partner = client.creds.partners[1];
    sim.faults.set({ revokedRefreshTokens: [partner?.sellingPartnerId ?? ''] });
    const revoked = await client.lwa({
      grant_type: 'refresh_token',
      refresh_token: partner?.refreshToken ?? '',
      ...base(),
    });
    expect((revoked.json as { error: string }).error).toBe('invalid_grant');
    sim.faults.clear();
    expect((await client.accessToken(1)).startsWith('Atza|')).toBe(true);
  });

  it('answers invalid_client (401) for a wrong client id or secret', async () => {
    const refreshToken = client.creds.partners[0]?.refreshToken ?? '';
    const wrongSecret = await client.lwa({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: client.creds.clientId,
      client_secret: 'x',
    });
    expect(wrongSecret.status).toBe(401);
    expect((wrongSecret.json as { error: string }).error).toBe('invalid_client');
    const wrongId = await client.lwa({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: 'amzn1.application-oa2-client.x',
      client_secret: client.creds.clientSecret,
    });
    expect((wrongId.json as { error: string }).error).toBe('invalid_client');
  });

  it('grants client_credentials only for registered grantless scopes', async () => {
    const ok = await client.lwa({
      grant_type: 'client_credentials',
      scope: GRANTLESS_SCOPES.notifications,
      ...base(),
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      scope: GRANTLESS_SCOPES.notifications,
    });
    expect(ok.json).not.toHaveProperty('refresh_token');

    const bad = await client.lwa({
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::migration',
      ...base(),
    });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toBe('invalid_scope');
  });

  it('rejects missing and unsupported grant types with invalid_request / unsupported_grant_type', async () => {
    expect((await client.lwa({ ...base() })).json).toMatchObject({ error: 'invalid_request' });
    expect((await client.lwa({ grant_type: 'password', ...base() })).json).toMatchObject({
      error: 'unsupported_grant_type',
    });
  });

  it('runs the website authorization workflow: consent redirect, single-use code, new refresh token', async () => {
    const partner = client.creds.partners[1];
    const consent = new URL(sim.consentUrl);
    consent.searchParams.set('application_id', client.creds.applicationId);
    consent.searchParams.set('state', 'st-123');
    consent.searchParams.set('version', 'beta');
    consent.searchParams.set('selling_partner_id', partner?.sellingPartnerId ?? '');
    const res = await fetch(consent, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    const redirectUri = `${location.origin}${location.pathname}`;
    expect(redirectUri).toBe(sim.world.clients.get(client.creds.clientId)?.redirectUris[0]);
    expect(location.searchParams.get('state')).toBe('st-123');
    expect(location.searchParams.get('selling_partner_id')).toBe(partner?.sellingPartnerId);
    const code = location.searchParams.get('spapi_oauth_code') ?? '';

    const exchange = await client.lwa({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      ...base(),
    });
    expect(exchange.status).toBe(200);
    const newRefresh = (exchange.json as { refresh_token: string }).refresh_token;
    expect(newRefresh).toMatch(/^Atzr\|/);
    expect(sim.world.partners.get(partner?.sellingPartnerId ?? '')?.refreshTokens).toContain(
      newRefresh,
    );

    const reused = await client.lwa({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      ...base(),
    });
    expect((reused.json as { error: string }).error).toBe('invalid_grant');
  });

  it('expires authorization codes after five minutes and checks the redirect URI', async () => {
    const consentFor = async () => {
      const url = new URL(sim.consentUrl);
      url.searchParams.set('application_id', client.creds.applicationId);
      url.searchParams.set('state', 's');
      const res = await fetch(url, { redirect: 'manual' });
      return new URL(res.headers.get('location') ?? '').searchParams.get('spapi_oauth_code') ?? '';
    };
    const redirectUri = sim.world.clients.get(client.creds.clientId)?.redirectUris[0] ?? '';
    const late = await consentFor();
    sim.clock.advance(5 * 60 * 1000);
    const expired = await client.lwa({
      grant_type: 'authorization_code',
      code: late,
      redirect_uri: redirectUri,
      ...base(),
    });
    expect((expired.json as { error: string }).error).toBe('invalid_grant');

    const code = await consentFor();
    const wrongUri = await client.lwa({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://evil.example/cb',
      ...base(),
    });
    expect((wrongUri.json as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses consent for unknown applications and unregistered redirect URIs', async () => {
    const url = new URL(sim.consentUrl);
    url.searchParams.set('application_id', 'amzn1.sp.solution.unknown');
    url.searchParams.set('state', 's');
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
    url.searchParams.set('application_id', client.creds.applicationId);
    url.searchParams.set('redirect_uri', 'https://evil.example/cb');
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
  });
});
