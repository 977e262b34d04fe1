import type { NotificationMetadata } from './notification-metadata';
import { pascalCaseEnvelope } from './pascal-case-envelope';

/** Severities a LISTINGS_ITEM_ISSUES_CHANGE can report (`NONE`: no issue currently). */
export type ListingNotificationSeverity = 'NONE' | 'ERROR' | 'WARNING';

/** What a LISTINGS_ITEM_ISSUES_CHANGE notification says about the listing. */
export interface ListingsItemIssuesChangePayload {
  readonly sellerId: string;
  readonly sku: string;
  readonly marketplaceId: string;
  readonly asin?: string;
  readonly severities: readonly ListingNotificationSeverity[];
  /** Free strings such as SEARCH_SUPPRESSED, LISTING_SUPPRESSED, ATTRIBUTE_SUPPRESSED. */
  readonly enforcementActions?: readonly string[];
}

/** The LISTINGS_ITEM_ISSUES_CHANGE message (PascalCase, payloadVersion 2023-12-13). */
export function listingsItemIssuesChangeNotification(
  meta: NotificationMetadata,
  payload: ListingsItemIssuesChangePayload,
): Record<string, unknown> {
  return pascalCaseEnvelope('LISTINGS_ITEM_ISSUES_CHANGE', '2023-12-13', meta, {
    SellerId: payload.sellerId,
    MarketplaceId: payload.marketplaceId,
    ...(payload.asin === undefined ? {} : { Asin: payload.asin }),
    Sku: payload.sku,
    Severities: [...new Set(payload.severities)],
    ...(payload.enforcementActions === undefined
      ? {}
      : { EnforcementActions: [...new Set(payload.enforcementActions)] }),
  });
}
