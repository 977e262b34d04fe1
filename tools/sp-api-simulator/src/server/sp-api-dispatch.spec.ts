import { GRANTLESS_SCOPES } from '../world/world';
import { fakeGenerator, FAKE_TYPES } from '../test/fake-generator';
import { simClient } from '../test/sim-client';
import { type SimulatorHandle, startSimulator } from './start-simulator';
import { dispatchSpApi } from './sp-api-dispatch';
import { dispatchDepsOf } from '../test/dispatch-deps';

const US = 'ATVPDKIKX0DER';
const errors = (json: unknown) =>
  (json as { errors: { code: string; message: string; details?: string }[] }).errors;

describe('SP-API request handling', () => {
  let sim: SimulatorHandle;
  let client: ReturnType<typeof simClient>;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 3, generator: fakeGenerator });
    client = simClient(sim);
  });
  afterEach(() => sim.stop());

  describe('access tokens', () => {
    it('answers 403 Unauthorized when the token is missing, unknown or expired, without a rate header', async () => {
      const missing = await client.call('GET', '/sellers/v1/marketplaceParticipations');
      expect(missing.status).toBe(403);
      expect(errors(missing.json)[0]).toEqual({
        code: 'Unauthorized',
        message: 'Access to requested resource is denied.',
        details: 'Access token is missing in the request header.',
      });
      expect(missing.headers.get('x-amzn-ratelimit-limit')).toBeNull();
      expect(missing.headers.get('x-amzn-requestid')).toBeTruthy();

      const unknown = await client.call('GET', '/sellers/v1/marketplaceParticipations', {
        token: 'Atza|forged',
      });
      expect(errors(unknown.json)[0]?.details).toMatch(/revoked, malformed or invalid/);

      const token = await client.accessToken();
      sim.clock.advance(3600 * 1000);
      const expired = await client.call('GET', '/sellers/v1/marketplaceParticipations', { token });
      expect(expired.status).toBe(403);
      expect(errors(expired.json)[0]?.details).toBe('The access token you provided has expired.');
    });

    it('requires a grantless token of the right scope for grantless operations', async () => {
      const partner = await client.accessToken();
      const wrongType = await client.call('GET', '/notifications/v1/destinations', {
        token: partner,
      });
      expect(wrongType.status).toBe(403);
      expect(errors(wrongType.json)[0]?.code).toBe('Unauthorized');

      const rotation = await client.grantlessToken(GRANTLESS_SCOPES.rotation);
      const wrongScope = await client.call('GET', '/notifications/v1/destinations', {
        token: rotation,
      });
      expect(wrongScope.status).toBe(403);

      const notifications = await client.grantlessToken(GRANTLESS_SCOPES.notifications);
      const ok = await client.call('GET', '/notifications/v1/destinations', {
        token: notifications,
      });
      expect(ok.status).toBe(200);
    });

    it('refuses grantless tokens for partner operations', async () => {
      const grantless = await client.grantlessToken(GRANTLESS_SCOPES.notifications);
      const res = await client.call(
        'GET',
        `/reports/2021-06-30/reports?reportTypes=${FAKE_TYPES.listings}`,
        { token: grantless },
      );
      expect(res.status).toBe(403);
    });
  });

  describe('validation against the models', () => {
    let token: string;
    beforeEach(async () => {
      token = await client.accessToken();
    });

    it.each([
      [
        'a missing required query parameter',
        'GET',
        '/reports/2021-06-30/schedules',
        undefined,
        'reportTypes',
      ],
      [
        'too many CSV items',
        'GET',
        `/reports/2021-06-30/reports?reportTypes=${Array(11).fill('A').join(',')}`,
        undefined,
        'reportTypes',
      ],
      [
        'an enum violation',
        'GET',
        `/reports/2021-06-30/reports?reportTypes=X&processingStatuses=FINISHED`,
        undefined,
        'processingStatuses',
      ],
      [
        'an integer out of range',
        'GET',
        '/reports/2021-06-30/reports?reportTypes=X&pageSize=101',
        undefined,
        'pageSize',
      ],
      [
        'a non-integer',
        'GET',
        '/reports/2021-06-30/reports?reportTypes=X&pageSize=ten',
        undefined,
        'pageSize',
      ],
      [
        'a bad date-time',
        'GET',
        '/reports/2021-06-30/reports?reportTypes=X&createdSince=yesterday',
        undefined,
        'createdSince',
      ],
      ['a missing body', 'POST', '/reports/2021-06-30/reports', undefined, 'body'],
      [
        'a missing body field',
        'POST',
        '/reports/2021-06-30/reports',
        { reportType: FAKE_TYPES.listings },
        'marketplaceIds',
      ],
      [
        'a wrongly typed body field',
        'POST',
        '/reports/2021-06-30/reports',
        { reportType: FAKE_TYPES.listings, marketplaceIds: [US], reportOptions: { a: 1 } },
        'reportOptions.a',
      ],
      [
        'an empty array',
        'POST',
        '/reports/2021-06-30/reports',
        { reportType: FAKE_TYPES.listings, marketplaceIds: [] },
        'marketplaceIds',
      ],
      [
        'a bad enum in the body',
        'POST',
        '/reports/2021-06-30/schedules',
        { reportType: FAKE_TYPES.listings, marketplaceIds: [US], period: 'PT7M' },
        'period',
      ],
    ])(
      'answers 400 InvalidInput naming the field for %s',
      async (_label, method, path, body, field) => {
        const res = await client.call(method, path, {
          token,
          ...(body === undefined ? {} : { body }),
        });
        expect(res.status).toBe(400);
        const [error] = errors(res.json);
        expect(error?.code).toBe('InvalidInput');
        expect(error?.message).toContain(field);
        expect(res.headers.get('x-amzn-ratelimit-limit')).not.toBeNull();
      },
    );

    it('answers 400 for a body that is not JSON', async () => {
      const res = await fetch(`${sim.spApiBaseUrl}/reports/2021-06-30/reports`, {
        method: 'POST',
        headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
        body: '{not json',
      });
      expect(res.status).toBe(400);
    });

    it('accepts repeated query keys like the CSV form', async () => {
      const res = await client.call(
        'GET',
        `/reports/2021-06-30/reports?reportTypes=${FAKE_TYPES.listings}&reportTypes=${FAKE_TYPES.orders}`,
        { token },
      );
      expect(res.status).toBe(200);
    });
  });

  describe('responses', () => {
    it('carries x-amzn-RequestId always and x-amzn-RateLimit-Limit with the model rate on success, 400 and 404', async () => {
      const token = await client.accessToken();
      const ok = await client.call('GET', '/sellers/v1/marketplaceParticipations', { token });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
      const notFound = await client.call('GET', '/reports/2021-06-30/reports/999', { token });
      expect(notFound.status).toBe(404);
      expect(notFound.headers.get('x-amzn-ratelimit-limit')).toBe('2.0');
      expect(new Set([ok, notFound].map((r) => r.headers.get('x-amzn-requestid'))).size).toBe(2);
    });

    it('answers 404 for paths outside the models and 405 for a wrong method', async () => {
      expect((await client.call('GET', '/orders/v0/orders')).status).toBe(404);
      expect((await client.call('PUT', '/sellers/v1/marketplaceParticipations')).status).toBe(405);
    });

    it('answers 501 with an SP-API error body for a modelled operation without a handler', async () => {
      const token = await client.accessToken();
      const res = await dispatchSpApi(
        { ...dispatchDepsOf(sim), handlers: {} },
        {
          method: 'GET',
          url: new URL(`${sim.spApiBaseUrl}/sellers/v1/account`),
          accessToken: token,
          bodyText: '',
        },
      );
      expect(res.status).toBe(501);
      expect(errors(res.body)[0]?.code).toBe('NotImplemented');
    });
  });

  describe('rate limits', () => {
    it('spends the burst, then answers 429 QuotaExceeded without the rate header, and refills at the rate', async () => {
      const token = await client.accessToken();
      const path = '/sellers/v1/marketplaceParticipations';
      for (let i = 0; i < 15; i += 1)
        expect((await client.call('GET', path, { token })).status).toBe(200);
      const throttled = await client.call('GET', path, { token });
      expect(throttled.status).toBe(429);
      expect(errors(throttled.json)[0]).toEqual({
        code: 'QuotaExceeded',
        message: 'You exceeded your quota for the requested resource.',
        details: '',
      });
      expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBeNull();
      sim.clock.advance(62_500); // 0.016 req/s -> one token per 62.5 s
      expect((await client.call('GET', path, { token })).status).toBe(200);
      expect((await client.call('GET', path, { token })).status).toBe(429);
    });

    it('keeps one bucket per selling partner and operation', async () => {
      const first = await client.accessToken(0);
      const second = await client.accessToken(1);
      const path = '/sellers/v1/marketplaceParticipations';
      for (let i = 0; i < 15; i += 1) await client.call('GET', path, { token: first });
      expect((await client.call('GET', path, { token: first })).status).toBe(429);
      expect((await client.call('GET', path, { token: second })).status).toBe(200);
      expect((await client.call('GET', '/sellers/v1/account', { token: first })).status).toBe(200);
    });

    it('scales rates and bursts with rateScale', async () => {
      const fast = await startSimulator({ seed: 3, generator: fakeGenerator, rateScale: 0.2 });
      try {
        const c = simClient(fast);
        const token = await c.accessToken();
        const path = '/sellers/v1/marketplaceParticipations';
        const statuses: number[] = [];
        for (let i = 0; i < 4; i += 1) statuses.push((await c.call('GET', path, { token })).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
        const ok = await (fast.clock.advance(1000 / (0.016 * 0.2)), c.call('GET', path, { token }));
        expect(ok.headers.get('x-amzn-ratelimit-limit')).toBe('0.0032');
      } finally {
        await fast.stop();
      }
    });
  });
});
