import { CatalogQueryRejectedError } from '@spapi-lake/catalog';
import { type SimulatedCatalog, startSimulatedCatalog } from './test/simulated-catalog';

let world: SimulatedCatalog;

beforeAll(async () => {
  world = await startSimulatedCatalog();
});

afterAll(async () => {
  await world?.stop();
});

const US = 'ATVPDKIKX0DER';

describe('SP-API catalog and listings ports (against the simulator)', () => {
  it('turns a 400 into CatalogQueryRejectedError and a 404 into undefined', async () => {
    const { na } = world.partners;
    const catalog = world.fetcher.deps.catalogFor(na);
    const tooMany = Array.from({ length: 21 }, (_, i) => `B${String(i).padStart(9, '0')}`);
    await expect(
      catalog.searchCatalogItems({
        marketplaceId: US,
        includedData: ['summaries'],
        pageSize: 20,
        identifiersType: 'ASIN',
        identifiers: tooMany,
      }),
    ).rejects.toThrow(CatalogQueryRejectedError);
    await expect(
      catalog.getCatalogItem('B0NOSUCHX1', { marketplaceIds: [US], includedData: ['summaries'] }),
    ).resolves.toBeUndefined();
    const listings = world.fetcher.deps.listingsFor(na);
    await expect(
      listings.getListingsItem('no such/sku', {
        marketplaceIds: [US],
        includedData: ['summaries'],
      }),
    ).resolves.toBeUndefined();
  });

  it('pages the listings oldest first with the page token', async () => {
    const { na } = world.partners;
    const listings = world.fetcher.deps.listingsFor(na);
    const first = await listings.searchListingsItems({
      marketplaceId: US,
      includedData: ['summaries'],
      pageSize: 20,
    });
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await listings.searchListingsItems({
      marketplaceId: US,
      includedData: ['summaries'],
      pageSize: 20,
      ...(first.nextToken === undefined ? {} : { pageToken: first.nextToken }),
    });
    const created = [...first.items, ...second.items].map((item) => {
      const [summary] = item['summaries'] as readonly { createdDate: string }[];
      return Date.parse(summary?.createdDate ?? '');
    });
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(first.items.length + second.items.length).toBe(
      world.sim.catalog.listings(na.sellingPartnerId, US).length,
    );
  });
});
