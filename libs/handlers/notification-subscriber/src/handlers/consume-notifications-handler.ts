import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { parseNotification } from '@spapi-lake/notifications';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { HandlerLogger } from '../handler-logger';
import { errorAttributes } from './error-attributes';
import { type ConsumedNotification, assertConsumedHere } from '../use-cases/consumed-notification';
import {
  type HandleNotificationDeps,
  type NotificationHandling,
  handleNotification,
} from '../use-cases/handle-notification';

/** Dependencies of the SQS consumer. */
export interface ConsumeNotificationsDeps extends HandleNotificationDeps {
  /** Powertools persistence: DynamoDBPersistenceLayer on AWS, LocalIdempotencyStore locally. */
  readonly idempotencyStore: BasePersistenceLayer;
  /** How long a notification id is remembered (duplicates arrive within hours, not days). */
  readonly idempotencyTtlSeconds: number;
  readonly logger: HandlerLogger;
}

/** The SQS event source handler (`ReportBatchItemFailures` on the event source mapping). */
export type ConsumeNotificationsHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>;

/**
 * Consumes the notification queue: each message is validated (both casings, EventBridge `detail`
 * unwrapped), de-duplicated by notification id, then handled. A failed message is reported as a
 * batch item failure: SQS redelivers it, and the redrive policy moves it to the dead-letter queue
 * after maxReceiveCount. Messages that can never succeed are logged with their reason each time.
 */
export function createConsumeNotificationsHandler(
  deps: ConsumeNotificationsDeps,
): ConsumeNotificationsHandler {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'metadata.notificationId',
    expiresAfterSeconds: deps.idempotencyTtlSeconds,
    // A replayed result is marked, so the log tells a duplicate from a first delivery.
    responseHook: (response) =>
      typeof response === 'object' && response !== null && !Array.isArray(response)
        ? { ...response, duplicate: true }
        : response,
  });
  const handleOnce = makeIdempotent(
    (notification: ConsumedNotification): Promise<NotificationHandling> =>
      handleNotification(deps, notification),
    { persistenceStore: deps.idempotencyStore, config, keyPrefix: 'notification' },
  );
  const processor = new BatchProcessor(EventType.SQS);

  const processRecord = async (record: SQSRecord): Promise<unknown> => {
    let notificationType: string | undefined;
    try {
      const notification = parseNotification(record.body);
      notificationType = notification.type;
      assertConsumedHere(notification);
      const handling = await handleOnce(notification);
      deps.logger.info('notification handled', {
        messageId: record.messageId,
        notificationId: notification.metadata.notificationId,
        notificationType,
        transport: notification.metadata.transport,
        handling,
      });
      return handling;
    } catch (error) {
      logFailure(deps.logger, record, notificationType, error);
      throw error;
    }
  };

  return async (event, context) => {
    config.registerLambdaContext(context);
    return processPartialResponse(event, processRecord, processor, {
      context,
      // Notifications are few; one at a time keeps a duplicate inside one batch a plain replay.
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
  };
}

function logFailure(
  logger: HandlerLogger,
  record: SQSRecord,
  notificationType: string | undefined,
  error: unknown,
): void {
  const attributes = {
    messageId: record.messageId,
    receiveCount: record.attributes.ApproximateReceiveCount,
    ...(notificationType === undefined ? {} : { notificationType }),
  };
  const described = errorAttributes(error);
  if (!described.retryable) {
    // Our messages name paths and types only, never the body (a client secret rides in some types).
    logger.error('notification can never be processed: SQS moves it to the dead-letter queue', {
      ...attributes,
      ...described,
    });
    return;
  }
  logger.warn('notification processing failed: SQS redelivers it', { ...attributes, ...described });
}
