import { GRANTLESS_SCOPES } from '../world/world';
import { type SimulatorHandle, startSimulator } from '../server/start-simulator';
import { fakeGenerator } from '../test/fake-generator';
import { simClient } from '../test/sim-client';
import { setRotationNotificationEnrollment } from './application-management';

const ROTATE = '/applications/2023-11-30/clientSecret';
const DAY_MS = 86_400_000;

describe('rotateApplicationClientSecret', () => {
  let sim: SimulatorHandle;
  let client: ReturnType<typeof simClient>;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 9, generator: fakeGenerator });
    client = simClient(sim);
  });
  afterEach(() => sim.stop());

  const refreshWith = (clientSecret: string) =>
    client.lwa({
      grant_type: 'refresh_token',
      refresh_token: client.creds.partners[0]?.refreshToken ?? '',
      client_id: client.creds.clientId,
      client_secret: clientSecret,
    });

  it('answers 204, adds a secret, notifies it, and keeps the old one for 7 days', async () => {
    const oldSecret = client.creds.clientSecret;
    const token = await client.grantlessToken(GRANTLESS_SCOPES.rotation);
    const res = await client.call('POST', ROTATE, { token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('0.0167');

    const [delivered] = sim.delivered();
    expect(delivered?.notificationType).toBe('APPLICATION_OAUTH_CLIENT_NEW_SECRET');
    const newSecret = sim.credentials().clientSecret;
    expect(newSecret).not.toBe(oldSecret);
    expect(delivered?.body).toContain(newSecret);
    expect(delivered?.body).toContain(
      new Date(Date.parse('2026-11-01T00:00:00Z') + 7 * DAY_MS).toISOString(),
    );

    expect((await refreshWith(oldSecret)).status).toBe(200);
    expect((await refreshWith(newSecret)).status).toBe(200);
    sim.clock.advance(7 * DAY_MS);
    expect((await refreshWith(oldSecret)).json).toMatchObject({ error: 'invalid_client' });
    expect((await refreshWith(newSecret)).status).toBe(200);
  });

  it('needs a grantless token with the rotation scope', async () => {
    const partner = await client.accessToken();
    expect((await client.call('POST', ROTATE, { token: partner })).status).toBe(403);
    const notifications = await client.grantlessToken(GRANTLESS_SCOPES.notifications);
    expect((await client.call('POST', ROTATE, { token: notifications })).status).toBe(403);
  });

  it('allows one call per minute (rate 0.0167, burst 1)', async () => {
    const token = await client.grantlessToken(GRANTLESS_SCOPES.rotation);
    expect((await client.call('POST', ROTATE, { token })).status).toBe(204);
    expect((await client.call('POST', ROTATE, { token })).status).toBe(429);
  });

  it('answers 400 when the application is not enrolled for rotation notifications', async () => {
    setRotationNotificationEnrollment(sim.world, client.creds.clientId, false);
    const token = await client.grantlessToken(GRANTLESS_SCOPES.rotation);
    const res = await client.call('POST', ROTATE, { token });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Application is not enrolled for rotation notification');
  });
});
