import type { Notification } from '@spapi-lake/notifications';
import { NotificationNotConsumedHereError } from '../errors';

/** The notification types this consumer handles. */
export type ConsumedNotification = Extract<
  Notification,
  {
    readonly type:
      'REPORT_PROCESSING_FINISHED' | 'LISTINGS_ITEM_STATUS_CHANGE' | 'LISTINGS_ITEM_ISSUES_CHANGE';
  }
>;

/**
 * Narrows a parsed notification to the types consumed here. APPLICATION_OAUTH_* messages belong to
 * the token broker's queue: NotificationNotConsumedHereError (never retryable).
 */
export function assertConsumedHere(
  notification: Notification,
): asserts notification is ConsumedNotification {
  if (
    notification.type === 'APPLICATION_OAUTH_CLIENT_NEW_SECRET' ||
    notification.type === 'APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY'
  ) {
    throw new NotificationNotConsumedHereError(notification.type);
  }
}
