import { NotificationPartnerUnknownError } from '../errors';
import type { SubscriptionDirectory } from '../subscription-directory';
import type { ConsumedNotification } from './consumed-notification';
import { isMerchantToken, namedMerchant } from './merchant-token';

/** A REPORT_PROCESSING_FINISHED as consumed here. */
export type ReportNotification = Extract<
  ConsumedNotification,
  { readonly type: 'REPORT_PROCESSING_FINISHED' }
>;

/** The partner of a report notification; `region` only when its subscription is in the directory. */
export interface ReportPartner {
  readonly sellingPartnerId: string;
  readonly region?: string;
}

/**
 * The selling partner of a REPORT_PROCESSING_FINISHED as its account is configured (the id a waiter
 * stores): the partner of its subscription in the directory. Without a directory entry the merchant
 * the payload names stands in when it is a merchant token; a vendor group (`amzn1.vg.`) cannot, so
 * the notification fails with NotificationPartnerUnknownError instead of resuming a waiter that may
 * be another partner's.
 */
export async function reportPartner(
  directory: SubscriptionDirectory,
  notification: ReportNotification,
): Promise<ReportPartner> {
  const { subscriptionId } = notification.metadata;
  const { reportId, accountId } = notification.payload;
  const merchant = namedMerchant(notification.payload);
  const subscription = await directory.find(subscriptionId);
  if (subscription === undefined) {
    if (merchant !== undefined && isMerchantToken(merchant)) return { sellingPartnerId: merchant };
    throw new NotificationPartnerUnknownError(
      `Subscription ${subscriptionId} of report ${reportId} is not in the directory and account ${accountId} names no merchant token; run setupSubscriptions`,
    );
  }
  // The subscription was made with this partner's own token: its notifications are the partner's,
  // whatever label the account is configured under (not always the merchant token).
  return { sellingPartnerId: subscription.sellingPartnerId, region: subscription.region };
}
