import { startSimulator, type SimulatorHandle } from '../index';

describe('control handle: catalog and listings', () => {
  let simulator: SimulatorHandle;

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, seed: 7 });
  });

  afterAll(async () => {
    await simulator.stop();
  });

  it('changes a listing through the control handle and serves the new state', async () => {
    const [partner] = [...simulator.world.partners.values()].filter(
      (p) => p.accountType === 'seller',
    );
    if (!partner) throw new Error('the default world has a seller');
    const marketplaceId = partner.marketplaceIds[0] ?? '';
    const [listing] = simulator.catalog.listings(partner.sellingPartnerId, marketplaceId);
    if (!listing) throw new Error('the seller has listings');
    expect(simulator.catalog.truth(marketplaceId).length).toBeGreaterThan(0);

    const result = simulator.catalog.changeListing({
      sellingPartnerId: partner.sellingPartnerId,
      marketplaceId,
      sku: listing.sku,
      change: { status: ['DISCOVERABLE'] },
    });

    expect(result).toBeDefined();
    const after = simulator.catalog
      .listings(partner.sellingPartnerId, marketplaceId)
      .find((candidate) => candidate.sku === listing.sku);
    expect(after?.status).toEqual(['DISCOVERABLE']);
  });
});
