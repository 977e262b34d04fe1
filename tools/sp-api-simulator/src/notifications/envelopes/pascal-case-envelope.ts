import type { NotificationMetadata } from './notification-metadata';

/** The PascalCase envelope shared by the LISTINGS_ITEM_* (and item) notification types. */
export function pascalCaseEnvelope(
  notificationType: string,
  payloadVersion: string,
  meta: NotificationMetadata,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  return {
    NotificationVersion: '1.0',
    NotificationType: notificationType,
    PayloadVersion: payloadVersion,
    EventTime: meta.eventTime,
    Payload: payload,
    NotificationMetadata: {
      ApplicationId: meta.applicationId,
      SubscriptionId: meta.subscriptionId,
      PublishTime: meta.publishTime,
      NotificationId: meta.notificationId,
    },
  };
}
