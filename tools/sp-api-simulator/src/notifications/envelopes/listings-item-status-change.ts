import type { NotificationMetadata } from './notification-metadata';
import { pascalCaseEnvelope } from './pascal-case-envelope';

/** Statuses a LISTINGS_ITEM_STATUS_CHANGE can report; a missing one no longer applies. */
export type ListingNotificationStatus = 'BUYABLE' | 'DISCOVERABLE' | 'DELETED';

/** What a LISTINGS_ITEM_STATUS_CHANGE notification says about the listing. */
export interface ListingsItemStatusChangePayload {
  readonly sellerId: string;
  readonly sku: string;
  readonly marketplaceId: string;
  readonly asin?: string;
  readonly createdDate?: string;
  readonly status: readonly ListingNotificationStatus[];
}

/**
 * The LISTINGS_ITEM_STATUS_CHANGE message (PascalCase, payloadVersion 1.0). Real messages say
 * `LISTINGS_ITEM_STATUS_CHANGE` although the published schema's enum says `..._CHANGED`.
 */
export function listingsItemStatusChangeNotification(
  meta: NotificationMetadata,
  payload: ListingsItemStatusChangePayload,
): Record<string, unknown> {
  return pascalCaseEnvelope('LISTINGS_ITEM_STATUS_CHANGE', '1.0', meta, {
    SellerId: payload.sellerId,
    MarketplaceId: payload.marketplaceId,
    ...(payload.asin === undefined ? {} : { Asin: payload.asin }),
    Sku: payload.sku,
    ...(payload.createdDate === undefined ? {} : { CreatedDate: payload.createdDate }),
    Status: [...new Set(payload.status)],
  });
}
