import type { SkuRefreshReason, SkuRefreshRequest } from './sku-refresh-request';

/** The refresh requests of one SKU, merged: one fetch serves them all. */
export interface SkuRefreshGroup {
  readonly sellingPartnerId: string;
  readonly sku: string;
  /** The marketplaces to refresh; undefined: every marketplace of the partner. */
  readonly marketplaceIds: readonly string[] | undefined;
  /** The ASIN the latest request named, if any. */
  readonly asin: string | undefined;
  readonly reasons: readonly SkuRefreshReason[];
  readonly notificationIds: readonly string[];
  /** The latest change (epoch ms): a fetch after it (plus a settling delay) has seen them all. */
  readonly latestEventTime: number;
  /** Positions of the merged requests in the input (to report failures per message). */
  readonly positions: readonly number[];
}

/**
 * Merges refresh requests per (partner, SKU): a burst of status and issue changes costs one
 * getListingsItem per marketplace. A request without marketplace widens its group to all of the
 * partner's marketplaces. Groups keep the order of their first request.
 */
export function coalesceSkuRefreshes(requests: readonly SkuRefreshRequest[]): SkuRefreshGroup[] {
  const groups = new Map<string, SkuRefreshGroup>();
  requests.forEach((request, position) => {
    const key = JSON.stringify([request.sellingPartnerId, request.sku]);
    const eventTime = Date.parse(request.eventTime);
    const at = Number.isNaN(eventTime) ? 0 : eventTime;
    const current = groups.get(key);
    if (current === undefined) {
      groups.set(key, {
        sellingPartnerId: request.sellingPartnerId,
        sku: request.sku,
        marketplaceIds: request.marketplaceId === undefined ? undefined : [request.marketplaceId],
        asin: request.asin,
        reasons: [request.reason],
        notificationIds: [request.notificationId],
        latestEventTime: at,
        positions: [position],
      });
      return;
    }
    const later = at >= current.latestEventTime;
    groups.set(key, {
      ...current,
      marketplaceIds:
        current.marketplaceIds === undefined || request.marketplaceId === undefined
          ? undefined
          : [...new Set([...current.marketplaceIds, request.marketplaceId])],
      asin: later ? (request.asin ?? current.asin) : (current.asin ?? request.asin),
      reasons: [...new Set([...current.reasons, request.reason])],
      notificationIds: [...new Set([...current.notificationIds, request.notificationId])],
      latestEventTime: Math.max(current.latestEventTime, at),
      positions: [...current.positions, position],
    });
  });
  return [...groups.values()];
}
