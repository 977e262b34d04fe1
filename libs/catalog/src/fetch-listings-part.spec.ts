import type { FetchListingsInput, FetchListingsOutput } from './catalog-refresh-contract';
import { ListingsPagingStalledError } from './errors';
import { fetchListingsPart } from './fetch-listings-part';
import { FakeListingsApi, listingItem } from './test/fake-apis';
import { FixedClock, InMemoryLake, jsonLinesSinkFactory } from './test/in-memory-lake';

const US = 'ATVPDKIKX0DER';
const refresh = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  region: 'NA',
  refreshId: 'r-1',
  dt: '2026-11-01',
} as const;
const lane = { marketplaceId: US, includedData: ['summaries', 'issues'] as const, part: 0 };
const itemsKey = (part: number) =>
  `listings_items/selling_partner_id=A1B2C3D4E5F6G7/marketplace_id=${US}/dt=2026-11-01/r-1-l${String(part).padStart(5, '0')}.parquet`;

// `count` listings created `sameInstant` at a time (several SKUs share a createdDate).
function listings(count: number, sameInstant = 1) {
  return Array.from({ length: count }, (_, i) => {
    const created = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / sameInstant) * 60_000);
    return listingItem(`SKU-${String(i).padStart(4, '0')}`, US, created.toISOString(), {
      asin: `B${String(i).padStart(9, '0')}`,
      ...(i % 10 === 0
        ? { issues: [{ code: 'X', message: 'm', severity: 'WARNING', categories: [] }] }
        : {}),
    });
  });
}

async function runLane(api: FakeListingsApi, store: InMemoryLake, maxPagesPerPart: number) {
  const deps = {
    listings: api,
    store,
    openParquetSink: jsonLinesSinkFactory,
    clock: new FixedClock(1),
    maxPagesPerPart,
  };
  const outputs: FetchListingsOutput[] = [];
  let input: FetchListingsInput = {
    refresh,
    lane: { ...lane, includedData: [...lane.includedData] },
  };
  for (;;) {
    const output = await fetchListingsPart(deps, input);
    outputs.push(output);
    if (output.done) return outputs;
    input = { refresh: output.refresh, lane: output.lane, totals: output.totals };
  }
}

describe('fetchListingsPart', () => {
  it('writes every listing and its issues once, and the ASINs it found', async () => {
    const store = new InMemoryLake();
    const [output] = await runLane(new FakeListingsApi(new Map([[US, listings(45)]])), store, 100);
    expect(output).toMatchObject({
      done: true,
      totals: { items: 45, issues: 5, parts: 1 },
      lane: { part: 1 },
    });
    expect(store.rows(itemsKey(0))).toHaveLength(45);
    expect(
      store.json(
        `_work/catalog-refresh/selling_partner_id=A1B2C3D4E5F6G7/r-1/listings-asins/marketplace_id=${US}/part-00000.json`,
      ),
    ).toHaveLength(45);
  });

  it('goes past the pageable limit with windows starting at the latest createdDate seen', async () => {
    const store = new InMemoryLake();
    const api = new FakeListingsApi(new Map([[US, listings(130, 3)]]), 50);
    const outputs = await runLane(api, store, 100);
    const skus = store.rows(itemsKey(0)).map((row) => row['sku']);
    expect(skus).toHaveLength(130);
    expect(new Set(skus).size).toBe(130);
    expect(outputs.at(-1)?.totals.items).toBe(130);
    expect(api.searches.filter((query) => query.createdAfter !== undefined).length).toBeGreaterThan(
      0,
    );
  });

  it('continues over parts with a cursor, each part in its own file', async () => {
    const store = new InMemoryLake();
    const api = new FakeListingsApi(new Map([[US, listings(130, 3)]]), 50);
    const outputs = await runLane(api, store, 2);
    expect(outputs.length).toBeGreaterThan(3);
    expect(outputs.slice(0, -1).every((output) => output.lane.cursor !== undefined)).toBe(true);
    const all = outputs.flatMap((_, part) => store.rows(itemsKey(part)).map((row) => row['sku']));
    expect(new Set(all).size).toBe(130);
    expect(all).toHaveLength(130);
  });

  it('fails with ListingsPagingStalledError when a window holds only one createdDate', async () => {
    const api = new FakeListingsApi(new Map([[US, listings(60, 60)]]), 50);
    await expect(runLane(api, new InMemoryLake(), 100)).rejects.toThrow(ListingsPagingStalledError);
  });

  it('deletes the issues file of an earlier attempt when the part now has no issues', async () => {
    const store = new InMemoryLake();
    const stale = itemsKey(0).replace('listings_items', 'listings_issues');
    await store.putObject(stale, 'old');
    await runLane(
      new FakeListingsApi(new Map([[US, [listingItem('SKU-1', US, '2024-01-01T00:00:00Z')]]])),
      store,
      100,
    );
    expect(store.objects.has(stale)).toBe(false);
  });
});
