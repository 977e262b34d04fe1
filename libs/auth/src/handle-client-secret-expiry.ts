import type { Clock } from '@spapi-lake/core';
import type { ApplicationOAuthClientSecretExpiry } from '@spapi-lake/notifications';
import type { ClientSecretRotator } from './client-secret-rotator';
import { ClientSecretNotificationRejectedError } from './errors';
import { AuthMetric, type MetricsRecorder } from './metrics-recorder';
import type { SecretStore } from './secret-store';

/** What handling an expiry warning needs. */
export interface HandleClientSecretExpiryDependencies {
  readonly secretStore: SecretStore;
  readonly rotator: ClientSecretRotator;
  readonly metrics: MetricsRecorder;
  readonly clock: Clock;
}

/** An APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY notification, as far as handling it goes. */
export interface ClientSecretExpiryNotification {
  readonly notificationId: string;
  readonly publishTime: string;
  readonly payload: ApplicationOAuthClientSecretExpiry;
}

/** What became of an expiry warning. */
export interface ClientSecretExpiryOutcome {
  readonly outcome: 'rotation-requested' | 'already-rotated';
  readonly expiresAt?: string;
  readonly daysLeft?: number;
}

const DAY_MS = 86_400_000;

/**
 * Amazon warns that the client secret expires: request a rotation now, unless the stored secret
 * was issued after the warning was published (rotated since, or a repeated delivery).
 */
export async function handleClientSecretExpiry(
  deps: HandleClientSecretExpiryDependencies,
  notification: ClientSecretExpiryNotification,
): Promise<ClientSecretExpiryOutcome> {
  const current = await deps.secretStore.getClientCredentials();
  if (notification.payload.clientId !== current.clientId) {
    throw new ClientSecretNotificationRejectedError(
      `The client secret expiry notification ${notification.notificationId} is for another LWA client than the broker's`,
    );
  }
  const expiresAtMs = Date.parse(notification.payload.clientSecretExpiryTime);
  const known = Number.isNaN(expiresAtMs)
    ? {}
    : {
        expiresAt: new Date(expiresAtMs).toISOString(),
        daysLeft: Math.floor((expiresAtMs - deps.clock.now()) / DAY_MS),
      };
  deps.metrics.record(AuthMetric.ClientSecretExpiryNotified, 1, 'Count');
  const publishedAt = Date.parse(notification.publishTime);
  if (!Number.isNaN(publishedAt) && current.issuedAt > publishedAt) {
    return { outcome: 'already-rotated', ...known };
  }
  await deps.rotator.rotate();
  deps.metrics.record(AuthMetric.ClientSecretRotationRequested, 1, 'Count');
  return { outcome: 'rotation-requested', ...known };
}
