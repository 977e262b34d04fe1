import { type SimulatorHandle, startSimulator } from '../server/start-simulator';
import { fakeGenerator } from '../test/fake-generator';
import { simClient } from '../test/sim-client';

describe('Sellers API', () => {
  let sim: SimulatorHandle;
  beforeEach(async () => {
    sim = await startSimulator({ seed: 4, generator: fakeGenerator });
  });
  afterEach(() => sim.stop());

  it("lists the partner's marketplaces with ISO country codes", async () => {
    const client = simClient(sim);
    const token = await client.accessToken(1);
    const res = await client.call('GET', '/sellers/v1/marketplaceParticipations', { token });
    const payload = (
      res.json as {
        payload: {
          marketplace: { id: string; countryCode: string };
          participation: { isParticipating: boolean };
        }[];
      }
    ).payload;
    expect(payload.map((p) => [p.marketplace.id, p.marketplace.countryCode])).toEqual([
      ['A1PA6795UKMFR9', 'DE'],
      ['A13V1IB3VIYZZH', 'FR'],
    ]);
    expect(payload.every((p) => p.participation.isParticipating)).toBe(true);
  });
});
