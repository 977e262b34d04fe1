/** A LISTINGS_ITEM_* notification as SP-API publishes it to EventBridge (PascalCase in `detail`). */
export function listingsNotification(
  type: 'LISTINGS_ITEM_STATUS_CHANGE' | 'LISTINGS_ITEM_ISSUES_CHANGE',
  options: {
    readonly sellerId: string;
    readonly sku: string;
    readonly marketplaceId?: string;
    readonly asin?: string;
    readonly notificationId: string;
    readonly eventTime: string;
  },
): string {
  const payload =
    type === 'LISTINGS_ITEM_STATUS_CHANGE'
      ? { Status: ['DISCOVERABLE'] }
      : { Severities: ['ERROR'], EnforcementActions: ['LISTING_SUPPRESSED'] };
  return JSON.stringify({
    version: '0',
    id: `event-${options.notificationId}`,
    'detail-type': type,
    source: 'aws.partner/sellingpartnerapi.amazon.com/123456789012/amzn1.sp.solution.app',
    account: '123456789012',
    time: options.eventTime,
    region: 'us-east-1',
    resources: [],
    detail: {
      NotificationVersion: '1.0',
      NotificationType: type,
      PayloadVersion: type === 'LISTINGS_ITEM_STATUS_CHANGE' ? '1.0' : '2023-12-13',
      EventTime: options.eventTime,
      Payload: {
        SellerId: options.sellerId,
        Sku: options.sku,
        ...(options.marketplaceId === undefined ? {} : { MarketplaceId: options.marketplaceId }),
        ...(options.asin === undefined ? {} : { Asin: options.asin }),
        ...payload,
      },
      NotificationMetadata: {
        ApplicationId: 'amzn1.sp.solution.app',
        SubscriptionId: 'sub-1',
        PublishTime: options.eventTime,
        NotificationId: options.notificationId,
      },
    },
  });
}
