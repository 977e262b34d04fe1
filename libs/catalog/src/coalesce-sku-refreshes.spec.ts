import { coalesceSkuRefreshes } from './coalesce-sku-refreshes';
import type { SkuRefreshRequest } from './sku-refresh-request';

const request = (overrides: Partial<SkuRefreshRequest>): SkuRefreshRequest => ({
  sellingPartnerId: 'A1',
  sku: 'SKU-1',
  marketplaceId: 'US',
  reason: 'LISTINGS_ITEM_STATUS_CHANGE',
  notificationId: 'n-1',
  eventTime: '2026-11-01T01:00:00Z',
  ...overrides,
});

describe('coalesceSkuRefreshes', () => {
  it('merges a burst of changes of one SKU into one refresh', () => {
    const groups = coalesceSkuRefreshes([
      request({ notificationId: 'n-1' }),
      request({
        notificationId: 'n-2',
        reason: 'LISTINGS_ITEM_ISSUES_CHANGE',
        eventTime: '2026-11-01T01:05:00Z',
        asin: 'B1',
      }),
      request({ notificationId: 'n-3', sku: 'SKU-2' }),
      request({ notificationId: 'n-1' }),
      request({ notificationId: 'n-4', marketplaceId: 'CA', eventTime: '2026-11-01T01:02:00Z' }),
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toEqual({
      sellingPartnerId: 'A1',
      sku: 'SKU-1',
      marketplaceIds: ['US', 'CA'],
      asin: 'B1',
      reasons: ['LISTINGS_ITEM_STATUS_CHANGE', 'LISTINGS_ITEM_ISSUES_CHANGE'],
      notificationIds: ['n-1', 'n-2', 'n-4'],
      latestEventTime: Date.parse('2026-11-01T01:05:00Z'),
      positions: [0, 1, 3, 4],
    });
    expect(groups[1]?.positions).toEqual([2]);
  });

  it('widens a group to every marketplace when a request names none', () => {
    const { marketplaceId: _m, ...withoutMarketplace } = request({});
    const [group] = coalesceSkuRefreshes([request({}), withoutMarketplace]);
    expect(group?.marketplaceIds).toBeUndefined();
  });

  it('keeps the same SKU of two partners apart', () => {
    expect(coalesceSkuRefreshes([request({}), request({ sellingPartnerId: 'A2' })])).toHaveLength(
      2,
    );
  });
});
