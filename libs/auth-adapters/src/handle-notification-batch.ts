import { handleClientSecretExpiry, storeNewClientSecret } from '@spapi-lake/auth';
import { parseNotification } from '@spapi-lake/notifications';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { TokenBrokerDependencies } from './token-broker-dependencies';

/**
 * The credential notifications of one SQS batch, one record at a time and in order. A standard
 * queue keeps no order across batches and two batches run at once, so a new secret can still
 * overtake an older one: storeNewClientSecret refuses a notification older than the current
 * secret. Failed records are reported for redelivery; the queue's redrive policy dead-letters
 * what keeps failing. Bodies are never logged: a new-secret notification carries the secret.
 */
export async function handleNotificationBatch(
  deps: TokenBrokerDependencies,
  event: SQSEvent,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await handleRecord(deps, record);
    } catch (error) {
      deps.logger.error('notification failed', { messageId: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

async function handleRecord(deps: TokenBrokerDependencies, record: SQSRecord): Promise<void> {
  const notification = parseNotification(record.body);
  const context = {
    messageId: record.messageId,
    notificationId: notification.metadata.notificationId,
    notificationType: notification.type,
  };
  switch (notification.type) {
    case 'APPLICATION_OAUTH_CLIENT_NEW_SECRET': {
      const result = await storeNewClientSecret(deps, {
        notificationId: notification.metadata.notificationId,
        eventTime: notification.metadata.eventTime,
        payload: notification.payload,
      });
      deps.logger.info('client secret notification handled', { ...context, ...result });
      return;
    }
    case 'APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY': {
      const result = await handleClientSecretExpiry(deps, {
        notificationId: notification.metadata.notificationId,
        publishTime: notification.metadata.publishTime,
        payload: notification.payload,
      });
      deps.logger.warn('client secret expiry notified', { ...context, ...result });
      return;
    }
    default:
      // Another consumer's type on this queue: nothing for the broker to do.
      deps.logger.warn('notification ignored', context);
  }
}
