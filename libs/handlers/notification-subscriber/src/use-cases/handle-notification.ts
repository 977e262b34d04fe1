import { findMarketplace } from '@spapi-lake/config';
import { NotificationPartnerUnknownError } from '../errors';
import type { ListingRefreshRequester } from '../listing-refresh-requester';
import type { RetrievalStarter } from '../retrieval-starter';
import type { SubscriptionDirectory } from '../subscription-directory';
import type { ConsumedNotification } from './consumed-notification';
import { isMerchantToken } from './merchant-token';
import { type ReportNotification, reportPartner } from './report-partner';
import {
  type DeliverReportOutcomeDeps,
  type ReportOutcomeDelivery,
  deliverReportOutcome,
} from './deliver-report-outcome';

/** Dependencies of {@link handleNotification}. */
export interface HandleNotificationDeps extends DeliverReportOutcomeDeps {
  readonly retrievals: RetrievalStarter;
  readonly directory: SubscriptionDirectory;
  readonly listings: ListingRefreshRequester;
  /** Report types no ingestion execution waits for (default: Amazon-generated types). */
  readonly isUnsolicitedReportType: (reportType: string) => boolean;
  /** How long an undelivered outcome is kept for a late waiter. */
  readonly outcomeTtlMs: number;
}

/** What was done with one notification (stored as the idempotency record's result). */
export type NotificationHandling =
  | ReportOutcomeDelivery
  | {
      readonly action: 'retrieval-started' | 'retrieval-already-started';
      readonly sellingPartnerId: string;
      readonly reportId: string;
    }
  /** An unsolicited report that ended CANCELLED or FATAL: nothing to retrieve. */
  | { readonly action: 'nothing-to-retrieve'; readonly reportId: string }
  | { readonly action: 'listing-refresh-requested'; readonly sku: string };

/**
 * Acts on one validated notification: a report outcome resumes the execution waiting for that
 * partner's report (or waits for it), an unsolicited DONE report starts a retrieval, a listings
 * change asks for a SKU refresh.
 */
export async function handleNotification(
  deps: HandleNotificationDeps,
  notification: ConsumedNotification,
): Promise<NotificationHandling> {
  const { metadata } = notification;
  switch (notification.type) {
    case 'REPORT_PROCESSING_FINISHED': {
      const report = notification.payload;
      if (deps.isUnsolicitedReportType(report.reportType)) {
        return retrieveUnsolicited(deps, notification);
      }
      const { sellingPartnerId } = await reportPartner(deps.directory, notification);
      const now = deps.clock.now();
      return deliverReportOutcome(deps, {
        sellingPartnerId,
        reportId: report.reportId,
        processingStatus: report.processingStatus,
        ...(report.reportDocumentId === undefined
          ? {}
          : { reportDocumentId: report.reportDocumentId }),
        notificationId: metadata.notificationId,
        receivedAt: new Date(now).toISOString(),
        expiresAt: now + deps.outcomeTtlMs,
      });
    }
    case 'LISTINGS_ITEM_STATUS_CHANGE':
    case 'LISTINGS_ITEM_ISSUES_CHANGE': {
      const item = notification.payload;
      const partner = await listingPartner(deps, notification);
      const region =
        (item.marketplaceId === undefined
          ? undefined
          : findMarketplace(item.marketplaceId)?.region) ?? partner.region;
      await deps.listings.request({
        sellingPartnerId: partner.sellingPartnerId,
        ...(region === undefined ? {} : { region }),
        ...(item.marketplaceId === undefined ? {} : { marketplaceId: item.marketplaceId }),
        sku: item.sku,
        ...(item.asin === undefined ? {} : { asin: item.asin }),
        reason: notification.type,
        notificationId: metadata.notificationId,
        eventTime: metadata.eventTime,
      });
      return { action: 'listing-refresh-requested', sku: item.sku };
    }
  }
}

type ListingsNotification = Extract<
  ConsumedNotification,
  { readonly type: 'LISTINGS_ITEM_STATUS_CHANGE' | 'LISTINGS_ITEM_ISSUES_CHANGE' }
>;

/**
 * The partner a listings notification belongs to: the partner of its subscription. `SellerId` may
 * be a vendor code, so it stands in only for a subscription missing from the directory and only
 * when it is a merchant token (a seller's, as before the directory was asked).
 */
async function listingPartner(
  deps: HandleNotificationDeps,
  notification: ListingsNotification,
): Promise<{ readonly sellingPartnerId: string; readonly region?: string }> {
  const { subscriptionId } = notification.metadata;
  const subscription = await deps.directory.find(subscriptionId);
  if (subscription !== undefined) {
    return { sellingPartnerId: subscription.sellingPartnerId, region: subscription.region };
  }
  const { sellerId } = notification.payload;
  if (isMerchantToken(sellerId)) return { sellingPartnerId: sellerId };
  throw new NotificationPartnerUnknownError(
    `Subscription ${subscriptionId} of ${notification.type} is not in the directory and SellerId ${sellerId} is no selling partner id (a vendor code); run setupSubscriptions`,
  );
}

async function retrieveUnsolicited(
  deps: HandleNotificationDeps,
  notification: ReportNotification,
): Promise<NotificationHandling> {
  const { payload: report, metadata } = notification;
  const { reportId } = report;
  if (report.processingStatus !== 'DONE' || report.reportDocumentId === undefined) {
    return { action: 'nothing-to-retrieve', reportId };
  }
  const partner = await reportPartner(deps.directory, notification);
  // The retrieval needs the region, which only the directory knows.
  if (partner.region === undefined) {
    throw new NotificationPartnerUnknownError(
      `Subscription ${metadata.subscriptionId} of report ${reportId} is not in the directory; run setupSubscriptions`,
    );
  }
  const result = await deps.retrievals.start({
    sellingPartnerId: partner.sellingPartnerId,
    region: partner.region,
    reportType: report.reportType,
    report: { reportId },
    status: { processingStatus: 'DONE', reportDocumentId: report.reportDocumentId },
    notificationId: metadata.notificationId,
  });
  return {
    action: result === 'started' ? 'retrieval-started' : 'retrieval-already-started',
    sellingPartnerId: partner.sellingPartnerId,
    reportId,
  };
}
