import { fetchCatalogChunk } from './fetch-catalog-chunk';
import { FakeCatalogApi, catalogItem } from './test/fake-apis';
import { FixedClock, InMemoryLake, jsonLinesSinkFactory } from './test/in-memory-lake';

const US = 'ATVPDKIKX0DER';
const refresh = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  region: 'NA',
  refreshId: 'r-1',
  dt: '2026-11-01',
} as const;
const asins = Array.from({ length: 50 }, (_, i) => `B${String(i).padStart(9, '0')}`);
const fileKey = `catalog_items/selling_partner_id=A1B2C3D4E5F6G7/marketplace_id=${US}/dt=2026-11-01/r-1-c00003.parquet`;

function setup() {
  const api = new FakeCatalogApi(
    new Map([[US, asins.slice(0, 45).map((asin) => catalogItem(asin, US))]]),
  );
  const store = new InMemoryLake();
  const deps = {
    catalog: api,
    store,
    openParquetSink: jsonLinesSinkFactory,
    clock: new FixedClock(5),
    maxInFlight: 3,
  };
  return { api, store, deps };
}

const input = (identifiers: string[], identifiersType = 'ASIN') =>
  ({
    refresh,
    catalog: { includedData: ['summaries', 'images'] },
    chunk: {
      index: 3,
      marketplaceId: US,
      query: { kind: 'identifiers', identifiersType, identifiers },
    },
  }) as never;

describe('fetchCatalogChunk', () => {
  it('asks 20 identifiers per call, one marketplace per call, and writes each item once in order', async () => {
    const { api, store, deps } = setup();
    const summary = await fetchCatalogChunk(deps, input([...asins, 'B000000001']));
    expect(api.searches.map((query) => query.identifiers?.length)).toEqual([20, 20, 11]);
    expect(api.searches.every((query) => query.marketplaceId === US && query.pageSize === 20)).toBe(
      true,
    );
    expect(api.searches[0]?.includedData).toEqual(['summaries', 'images']);
    expect(api.maxInFlight).toBe(3);
    expect(store.rows(fileKey).map((row) => row['asin'])).toEqual(asins.slice(0, 45));
    expect(summary).toEqual({
      index: 3,
      marketplaceId: US,
      calls: 3,
      items: 45,
      notFound: asins.slice(45),
      rejected: [],
    });
    expect(
      store.json(
        '_work/catalog-refresh/selling_partner_id=A1B2C3D4E5F6G7/r-1/chunk-summaries/chunk-00003.json',
      ),
    ).toEqual(summary);
  });

  it('records a batch SP-API rejects and goes on with the others', async () => {
    const { api, store, deps } = setup();
    api.invalid.add(asins[25] ?? '');
    const summary = await fetchCatalogChunk(deps, input(asins.slice(0, 45)));
    expect(summary.rejected).toEqual(asins.slice(20, 40));
    expect(summary.items).toBe(25);
    expect(store.rows(fileKey)).toHaveLength(25);
  });

  it('sends the seller id with SKU identifiers', async () => {
    const { api, deps } = setup();
    await fetchCatalogChunk(deps, input(['sku-1'], 'SKU'));
    expect(api.searches[0]).toMatchObject({ identifiersType: 'SKU', sellerId: 'A1B2C3D4E5F6G7' });
  });

  it('pages a keyword query up to its maximum', async () => {
    const { api, store, deps } = setup();
    const summary = await fetchCatalogChunk(deps, {
      refresh,
      catalog: { includedData: ['summaries'] },
      chunk: {
        index: 3,
        marketplaceId: US,
        query: { kind: 'keywords', keywords: ['Acme'], maxResults: 30 },
      },
    } as never);
    expect(api.searches.map((query) => query.pageToken)).toEqual([undefined, '20']);
    expect(summary).toMatchObject({ calls: 2, items: 30, notFound: [] });
    expect(store.rows(fileKey)).toHaveLength(30);
  });
});
