import { finishCatalogRefresh } from './finish-catalog-refresh';
import { FixedClock, InMemoryLake } from './test/in-memory-lake';

const refresh = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  region: 'NA',
  refreshId: 'r-1',
  dt: '2026-11-01',
} as const;

describe('finishCatalogRefresh', () => {
  it('adds up lanes and chunk summaries, writes the manifest and names the crawlers', async () => {
    const store = new InMemoryLake();
    const prefix = '_work/catalog-refresh/selling_partner_id=A1B2C3D4E5F6G7/r-1/chunk-summaries/';
    const summary = (index: number, items: number) =>
      JSON.stringify({
        index,
        marketplaceId: 'ATVPDKIKX0DER',
        calls: 2,
        items,
        notFound: [`N${index}`],
        rejected: [],
      });
    await store.putObject(`${prefix}chunk-00000.json`, summary(0, 20));
    await store.putObject(`${prefix}chunk-00001.json`, summary(1, 5));
    const output = await finishCatalogRefresh(
      {
        store,
        clock: new FixedClock(Date.parse('2026-11-01T01:00:00Z')),
        crawlerNamePrefix: 'spapi_lake_',
      },
      {
        refresh,
        listings: [
          { lane: { marketplaceId: 'ATVPDKIKX0DER' }, totals: { items: 30, issues: 0, parts: 1 } },
        ],
      },
    );
    expect(output).toEqual({
      refreshId: 'r-1',
      manifestKey: '_manifests/catalog-refresh/selling_partner_id=A1B2C3D4E5F6G7/r-1.json',
      crawlerNames: ['spapi_lake_catalog_items', 'spapi_lake_listings_items'],
      rows: { catalog_items: 25, listings_items: 30, listings_issues: 0 },
    });
    expect(store.json(output.manifestKey)).toMatchObject({
      manifestVersion: 1,
      catalog: { chunks: 2, calls: 4, items: 25, notFound: ['N0', 'N1'], rejected: [] },
      listings: [{ marketplaceId: 'ATVPDKIKX0DER', items: 30, issues: 0, parts: 1 }],
      finishedAt: '2026-11-01T01:00:00.000Z',
    });
  });
});
