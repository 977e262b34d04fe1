import { findMarketplace } from '@spapi-lake/config';
import type { ReportProcessingFinished } from '@spapi-lake/notifications';
import { NotificationPartnerUnknownError } from '../errors';
import type { ListingRefreshRequester } from '../listing-refresh-requester';
import type { RetrievalStarter } from '../retrieval-starter';
import type { SubscriptionDirectory } from '../subscription-directory';
import type { ConsumedNotification } from './consumed-notification';
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
      readonly reportId: string;
    }
  /** An unsolicited report that ended CANCELLED or FATAL: nothing to retrieve. */
  | { readonly action: 'nothing-to-retrieve'; readonly reportId: string }
  | { readonly action: 'listing-refresh-requested'; readonly sku: string };

/**
 * Acts on one validated notification: a report outcome resumes its waiting execution (or waits for
 * it), an unsolicited DONE report starts a retrieval, a listings change asks for a SKU refresh.
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
        return retrieveUnsolicited(deps, report, metadata);
      }
      const now = deps.clock.now();
      return deliverReportOutcome(deps, {
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
      const region =
        item.marketplaceId === undefined ? undefined : findMarketplace(item.marketplaceId)?.region;
      await deps.listings.request({
        sellingPartnerId: item.sellerId,
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

async function retrieveUnsolicited(
  deps: HandleNotificationDeps,
  report: ReportProcessingFinished,
  metadata: ConsumedNotification['metadata'],
): Promise<NotificationHandling> {
  const { reportId } = report;
  if (report.processingStatus !== 'DONE' || report.reportDocumentId === undefined) {
    return { action: 'nothing-to-retrieve', reportId };
  }
  const subscription = await deps.directory.find(metadata.subscriptionId);
  if (subscription === undefined) {
    throw new NotificationPartnerUnknownError(
      `Subscription ${metadata.subscriptionId} of report ${reportId} is not in the directory; run setupSubscriptions`,
    );
  }
  const result = await deps.retrievals.start({
    sellingPartnerId: subscription.sellingPartnerId,
    region: subscription.region,
    reportType: report.reportType,
    report: { reportId },
    status: { processingStatus: 'DONE', reportDocumentId: report.reportDocumentId },
    notificationId: metadata.notificationId,
  });
  return {
    action: result === 'started' ? 'retrieval-started' : 'retrieval-already-started',
    reportId,
  };
}
