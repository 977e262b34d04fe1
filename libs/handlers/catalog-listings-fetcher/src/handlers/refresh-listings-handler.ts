import {
  type SkuRefreshRequest,
  parseSkuRefreshMessage,
  refreshListingSkus,
} from '@spapi-lake/catalog';
import { TypedError } from '@spapi-lake/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { CatalogFetcherDependencies } from '../catalog-fetcher-dependencies';

/** The SQS event source handler (`ReportBatchItemFailures` on the event source mapping). */
export type RefreshListingsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * Refreshes the SKUs named by a batch of queue messages: LISTINGS_ITEM_STATUS_CHANGE and
 * LISTINGS_ITEM_ISSUES_CHANGE notifications (EventBridge-wrapped or not) or the notification
 * subscriber's refresh requests. Requests for one SKU are coalesced into one fetch (a batching
 * window on the event source mapping gathers bursts). A message whose SKU failed is reported as a
 * batch item failure and redelivered; one that can never be read goes to the dead-letter queue
 * after maxReceiveCount.
 */
export function createRefreshListingsHandler(
  deps: CatalogFetcherDependencies,
): RefreshListingsHandler {
  const { logger, settings } = deps;
  return async (event) => {
    const requests: SkuRefreshRequest[] = [];
    const messageIds: string[] = [];
    const failed = new Set<string>();
    for (const record of event.Records) {
      try {
        requests.push(parseSkuRefreshMessage(record.body));
        messageIds.push(record.messageId);
      } catch (error) {
        failed.add(record.messageId);
        logger.error('message can never be processed: SQS moves it to the dead-letter queue', {
          messageId: record.messageId,
          receiveCount: record.attributes.ApproximateReceiveCount,
          error,
        });
      }
    }
    if (requests.length > 0) {
      try {
        const result = await refreshListingSkus(
          {
            listingsFor: deps.listingsFor,
            catalogFor: deps.catalogFor,
            partners: deps.partners,
            refreshLog: deps.refreshLog,
            store: deps.store,
            openParquetSink: deps.openParquetSink,
            clock: deps.clock,
            listingsIncludedData: settings.listingsIncludedData,
            catalogIncludedData: settings.catalogIncludedData,
            settleMs: settings.settleMs,
            maxInFlight: settings.maxInFlight,
          },
          requests,
        );
        for (const outcome of result.outcomes) {
          const { group } = outcome;
          const attributes = {
            sellingPartnerId: group.sellingPartnerId,
            sku: group.sku,
            notificationIds: group.notificationIds,
            marketplaces: outcome.marketplaces,
          };
          if (outcome.status !== 'failed') {
            logger.info(`sku ${outcome.status}`, attributes);
            continue;
          }
          for (const position of group.positions) failed.add(messageIds[position] ?? '');
          const permanent = outcome.error instanceof TypedError && !outcome.error.retryable;
          logger[permanent ? 'error' : 'warn'](
            permanent
              ? 'sku refresh can never succeed: SQS moves its messages to the dead-letter queue'
              : 'sku refresh failed: SQS redelivers its messages',
            { ...attributes, error: outcome.error },
          );
        }
        logger.info('refresh batch written', { refreshId: result.refreshId, rows: result.rows });
      } catch (error) {
        logger.error('refresh batch failed: SQS redelivers it', { error });
        for (const messageId of messageIds) failed.add(messageId);
      }
    }
    return {
      batchItemFailures: [...failed]
        .filter((id) => id !== '')
        .map((itemIdentifier) => ({ itemIdentifier })),
    };
  };
}
