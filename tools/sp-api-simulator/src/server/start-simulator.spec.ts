import { FAKE_TYPES, fakeGenerator } from '../test/fake-generator';
import { simClient, subscribeToReports } from '../test/sim-client';
import { startSimulator } from './start-simulator';

const US = 'ATVPDKIKX0DER';

describe('startSimulator', () => {
  it('ticks lifecycles on its own in real time, so notifications leave without requests', async () => {
    const sim = await startSimulator({
      seed: 1,
      generator: fakeGenerator,
      realTime: true,
      reports: { timing: { inQueueMs: 0, inProgressMs: 0 } },
    });
    try {
      const client = simClient(sim);
      await subscribeToReports(client);
      const token = await client.accessToken();
      await client.call('POST', '/reports/2021-06-30/reports', {
        token,
        body: { reportType: FAKE_TYPES.listings, marketplaceIds: [US] },
      });
      sim.queue.drain();
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(sim.queue.receive(10)).toHaveLength(1);
    } finally {
      await sim.stop();
    }
  });

  it('logs every SP-API call and serves the control API', async () => {
    const sim = await startSimulator({ seed: 1, generator: fakeGenerator });
    try {
      const client = simClient(sim);
      const token = await client.accessToken();
      await client.call('GET', '/sellers/v1/marketplaceParticipations', { token });
      await client.call('GET', '/sellers/v1/marketplaceParticipations');
      expect(sim.requests().map((r) => [r.operationId, r.status, r.sellingPartnerId])).toEqual([
        ['getMarketplaceParticipations', 200, client.creds.partners[0]?.sellingPartnerId],
        ['getMarketplaceParticipations', 403, undefined],
      ]);

      const control = (method: string, path: string, body?: string) =>
        fetch(`${sim.baseUrl}/_simulator/${path}`, {
          method,
          ...(body === undefined ? {} : { body }),
        }).then(async (res) => ({ status: res.status, json: (await res.json()) as unknown }));
      expect((await control('GET', 'credentials')).json).toEqual(sim.credentials());
      expect((await control('POST', 'clock/advance?ms=60000')).json).toEqual({
        now: '2026-11-01T00:01:00.000Z',
      });
      expect((await control('PUT', 'faults', '{"ratio503":1}')).json).toEqual({ ratio503: 1 });
      expect(sim.faults.get()).toEqual({ ratio503: 1 });
      expect((await control('PUT', 'faults', 'nope')).status).toBe(400);
      expect((await control('GET', 'notifications')).json).toEqual([]);
      expect((await control('GET', 'nothing')).status).toBe(404);
    } finally {
      await sim.stop();
    }
  });
});
