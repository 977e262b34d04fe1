import { planCatalogRefresh } from './plan-catalog-refresh';

const request = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  region: 'NA',
  marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
};

describe('planCatalogRefresh', () => {
  it('names the refresh after the execution and dates it by the execution start', () => {
    const plan = planCatalogRefresh({
      request,
      executionName: 'catalog-A1B2C3D4E5F6G7-2026-11-01',
      startTime: '2026-11-01T23:59:59.000Z',
    });
    expect(plan.refresh).toEqual({
      sellingPartnerId: 'A1B2C3D4E5F6G7',
      region: 'NA',
      refreshId: 'catalog-A1B2C3D4E5F6G7-2026-11-01',
      dt: '2026-11-01',
    });
    expect(plan.listingsLanes.map((lane) => [lane.marketplaceId, lane.part])).toEqual([
      ['ATVPDKIKX0DER', 0],
      ['A2EUQ1WTGCTBG2', 0],
    ]);
    expect(plan.catalog?.marketplaceIds).toEqual(request.marketplaceIds);
  });

  it('hashes execution names that are not key-safe and prefers an explicit id and date', () => {
    const hashed = planCatalogRefresh({
      request,
      executionName: 'a:b',
      startTime: '2026-11-01T00:00:00Z',
    });
    expect(hashed.refresh.refreshId).toMatch(/^x-[0-9a-f]{24}$/);
    const explicit = planCatalogRefresh({
      request: { ...request, refreshId: 'manual-1', asOf: '2026-10-31T23:00:00-02:00' },
      executionName: 'ignored',
      startTime: '2026-11-05T00:00:00Z',
    });
    expect(explicit.refresh).toMatchObject({ refreshId: 'manual-1', dt: '2026-11-01' });
  });

  it('plans no lanes and no catalog when both are disabled', () => {
    const plan = planCatalogRefresh({
      request: { ...request, listings: { enabled: false }, catalog: { enabled: false } },
      executionName: 'e',
      startTime: '2026-11-01T00:00:00Z',
    });
    expect(plan.listingsLanes).toEqual([]);
    expect(plan).not.toHaveProperty('catalog');
  });
});
