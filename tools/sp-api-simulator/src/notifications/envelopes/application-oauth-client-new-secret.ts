import type { NotificationMetadata } from './notification-metadata';

/** What an APPLICATION_OAUTH_CLIENT_NEW_SECRET notification carries. */
export interface ApplicationOAuthClientNewSecretPayload {
  readonly clientId: string;
  readonly newClientSecret: string;
  readonly newClientSecretExpiryTime: string;
  readonly oldClientSecretExpiryTime: string;
}

/**
 * The APPLICATION_OAUTH_CLIENT_NEW_SECRET message (camelCase; no JSON schema is published, shape
 * from Amazon's samples; the version strings are a best guess).
 */
export function applicationOAuthClientNewSecretNotification(
  meta: NotificationMetadata,
  payload: ApplicationOAuthClientNewSecretPayload,
): Record<string, unknown> {
  return {
    notificationVersion: '1.0',
    notificationType: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
    payloadVersion: '2023-11-30',
    eventTime: meta.eventTime,
    payload: {
      applicationOAuthClientNewSecret: {
        clientId: payload.clientId,
        newClientSecret: payload.newClientSecret,
        newClientSecretExpiryTime: payload.newClientSecretExpiryTime,
        oldClientSecretExpiryTime: payload.oldClientSecretExpiryTime,
      },
    },
    notificationMetadata: {
      applicationId: meta.applicationId,
      subscriptionId: meta.subscriptionId,
      publishTime: meta.publishTime,
      notificationId: meta.notificationId,
    },
  };
}
