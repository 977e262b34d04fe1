/** A listings notification turned into "refresh this SKU" for the catalog/listings fetcher. */
export interface ListingRefreshRequest {
  readonly sellingPartnerId: string;
  /** From the marketplace; absent when the notification names no (known) marketplace. */
  readonly region?: string;
  readonly marketplaceId?: string;
  readonly sku: string;
  readonly asin?: string;
  readonly reason: 'LISTINGS_ITEM_STATUS_CHANGE' | 'LISTINGS_ITEM_ISSUES_CHANGE';
  readonly notificationId: string;
  /** ISO 8601: when the change happened (the fetcher coalesces and orders by it). */
  readonly eventTime: string;
}

/** Port: hands refresh requests to the catalog/listings fetcher; coalescing is the fetcher's job. */
export interface ListingRefreshRequester {
  request(request: ListingRefreshRequest): Promise<void>;
}
