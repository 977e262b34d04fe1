import { InMemorySkuRefreshLog } from './in-memory-sku-refresh-log';
import { notificationRefreshId } from './refresh-id';
import { refreshListingSkus } from './refresh-listing-skus';
import type { SkuRefreshRequest } from './sku-refresh-request';
import { StaticPartnerDirectory } from './static-partner-directory';
import { FakeCatalogApi, FakeListingsApi, catalogItem, listingItem } from './test/fake-apis';
import { FixedClock, InMemoryLake, jsonLinesSinkFactory } from './test/in-memory-lake';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const SELLER = 'A1B2C3D4E5F6G7';
const NOW = Date.parse('2026-11-01T02:00:00Z');

function setup() {
  const listings = new FakeListingsApi(
    new Map([
      [
        US,
        [
          listingItem('SKU-1', US, '2024-01-01T00:00:00Z', {
            asin: 'B000000001',
            issues: [{ code: 'E', message: 'm', severity: 'ERROR', categories: [] }],
          }),
        ],
      ],
      [CA, [listingItem('SKU-1', CA, '2024-01-01T00:00:00Z', { asin: 'B000000001' })]],
    ]),
  );
  const catalog = new FakeCatalogApi(new Map([[US, [catalogItem('B000000001', US)]]]));
  const store = new InMemoryLake();
  const refreshLog = new InMemorySkuRefreshLog();
  const clock = new FixedClock(NOW);
  const deps = {
    listingsFor: () => listings,
    catalogFor: () => catalog,
    partners: new StaticPartnerDirectory([
      { sellingPartnerId: SELLER, region: 'NA', accountType: 'seller', marketplaceIds: [US, CA] },
    ]),
    refreshLog,
    store,
    openParquetSink: jsonLinesSinkFactory,
    clock,
    listingsIncludedData: ['summaries', 'issues'] as const,
    catalogIncludedData: ['summaries'] as const,
    settleMs: 60_000,
    maxInFlight: 2,
  };
  return { listings, catalog, store, refreshLog, clock, deps };
}

const request = (overrides: Partial<SkuRefreshRequest> = {}): SkuRefreshRequest => ({
  sellingPartnerId: SELLER,
  sku: 'SKU-1',
  marketplaceId: US,
  reason: 'LISTINGS_ITEM_STATUS_CHANGE',
  notificationId: 'n-1',
  eventTime: '2026-11-01T01:00:00Z',
  ...overrides,
});

const key = (dataset: string, marketplaceId: string, ids: string[]) =>
  `${dataset}/selling_partner_id=${SELLER}/marketplace_id=${marketplaceId}/dt=2026-11-01/${notificationRefreshId(ids)}.parquet`;

describe('refreshListingSkus', () => {
  it('fetches a burst of changes of one SKU once and writes listing, issues and catalog rows', async () => {
    const { listings, catalog, store, deps } = setup();
    const result = await refreshListingSkus(deps, [
      request(),
      request({ notificationId: 'n-2', reason: 'LISTINGS_ITEM_ISSUES_CHANGE' }),
    ]);
    expect(listings.gets).toEqual([{ sku: 'SKU-1', marketplaceIds: [US] }]);
    expect(catalog.gets).toEqual([{ asin: 'B000000001', marketplaceIds: [US] }]);
    expect(result.rows).toEqual({ listings_items: 1, listings_issues: 1, catalog_items: 1 });
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['refreshed']);
    const [row] = store.rows(key('listings_items', US, ['n-1', 'n-2']));
    expect(row).toMatchObject({
      sku: 'SKU-1',
      _trigger: 'notification',
      _notification_ids: '["n-1","n-2"]',
      _fetched_at: NOW,
    });
    expect(store.rows(key('catalog_items', US, ['n-1', 'n-2']))[0]).toMatchObject({
      asin: 'B000000001',
    });
  });

  it('writes a tombstone for a listing that no longer exists', async () => {
    const { store, deps } = setup();
    await refreshListingSkus(deps, [request({ sku: 'GONE', asin: 'B0GONE' })]);
    expect(store.rows(key('listings_items', US, ['n-1']))).toEqual([
      expect.objectContaining({ sku: 'GONE', asin: 'B0GONE', is_deleted: true }),
    ]);
  });

  it('refreshes every marketplace of the partner when the notification names none', async () => {
    const { listings, deps } = setup();
    const { marketplaceId: _m, ...anywhere } = request();
    const result = await refreshListingSkus(deps, [anywhere]);
    expect(listings.gets.map((get) => get.marketplaceIds)).toEqual([[US], [CA]]);
    expect(result.outcomes[0]?.marketplaces).toEqual({ [US]: 'listed', [CA]: 'listed' });
  });

  it('skips a change an earlier fetch already saw, across batches', async () => {
    const { listings, clock, deps } = setup();
    await refreshListingSkus(deps, [request()]);
    clock.time = NOW + 5 * 60_000;
    const again = await refreshListingSkus(deps, [
      request({ notificationId: 'n-9', eventTime: '2026-11-01T01:30:00Z' }),
    ]);
    expect(again.outcomes[0]?.status).toBe('skipped');
    expect(listings.gets).toHaveLength(1);
    const later = await refreshListingSkus(deps, [
      request({ notificationId: 'n-10', eventTime: '2026-11-01T02:04:00Z' }),
    ]);
    expect(later.outcomes[0]?.status).toBe('refreshed');
  });

  it('reports the SKU that failed and still writes the others', async () => {
    const { listings, store, deps } = setup();
    listings.failGetFor.add('SKU-1');
    const result = await refreshListingSkus(deps, [
      request(),
      request({ sku: 'GONE', notificationId: 'n-2' }),
    ]);
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'refreshed']);
    expect(store.rows(key('listings_items', US, ['n-1', 'n-2'])).map((row) => row['sku'])).toEqual([
      'GONE',
    ]);
  });

  it('fails a SKU of a partner or marketplace the configuration does not know', async () => {
    const { deps } = setup();
    const result = await refreshListingSkus(deps, [
      request({ sellingPartnerId: 'UNKNOWN1' }),
      request({ marketplaceId: 'A1PA6795UKMFR9', notificationId: 'n-2', sku: 'SKU-2' }),
    ]);
    expect(result.outcomes.map((outcome) => (outcome.error as Error).name)).toEqual([
      'RefreshPartnerUnknownError',
      'RefreshPartnerUnknownError',
    ]);
  });
});
