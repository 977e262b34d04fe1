import type { Clock } from '@spapi-lake/core';
import type { ApplicationOAuthClientNewSecret } from '@spapi-lake/notifications';
import type { StoredClientCredentials } from './client-credentials';
import {
  ClientCredentialsRejectedError,
  ClientSecretNotificationRejectedError,
  ClientSecretPromotionConflictError,
  ClientSecretProofFailedError,
} from './errors';
import { GrantlessScope } from './grantless-scope';
import { AuthMetric, type MetricsRecorder } from './metrics-recorder';
import type { SecretStore } from './secret-store';
import type { TokenExchange } from './token-exchange';

/** What storing a rotated secret needs. */
export interface StoreNewClientSecretDependencies {
  readonly secretStore: SecretStore;
  readonly tokenExchange: TokenExchange;
  readonly metrics: MetricsRecorder;
  readonly clock: Clock;
  /** Scope of the proving token call; the rotation scope every rotating application holds. */
  readonly proofScope?: GrantlessScope;
}

/** An APPLICATION_OAUTH_CLIENT_NEW_SECRET notification, as far as storing it goes. */
export interface NewClientSecretNotification {
  readonly notificationId: string;
  readonly eventTime: string;
  readonly payload: ApplicationOAuthClientNewSecret;
}

/** What became of a new secret notification. */
export type NewClientSecretOutcome =
  | {
      readonly outcome: 'rotated';
      readonly expiresAt?: string;
      readonly previousSecretExpiresAt?: string;
    }
  | { readonly outcome: 'already-current' }
  /** The notification is older than the current secret: a later rotation already replaced it. */
  | { readonly outcome: 'superseded' };

/**
 * Stores the notified secret as a new pending version, proves it with a grantless token call, then
 * makes it current; the previous version is kept (it works until `oldClientSecretExpiryTime`).
 * A repeated delivery is a no-op. A failed proof leaves the current secret in place and throws the
 * retryable ClientSecretProofFailedError.
 * A notification older than the current secret (delivered late, out of order or again after a
 * failed proof) is superseded and never made current: its secret still passes the proof for 7 days,
 * then stops working, and making it current again would fail every LWA call after that.
 */
export async function storeNewClientSecret(
  deps: StoreNewClientSecretDependencies,
  notification: NewClientSecretNotification,
): Promise<NewClientSecretOutcome> {
  const { clientId, newClientSecret } = notification.payload;
  const current = await deps.secretStore.getClientCredentials();
  if (clientId !== current.clientId) {
    throw new ClientSecretNotificationRejectedError(
      `The new client secret notification ${notification.notificationId} is for another LWA client than the broker's; it was not stored`,
    );
  }
  if (newClientSecret === current.clientSecret) return { outcome: 'already-current' };
  const eventTime = parseTime(notification.eventTime);
  if (isOlderThan(eventTime, current)) return { outcome: 'superseded' };
  const expiresAt = parseTime(notification.payload.newClientSecretExpiryTime);
  const previousSecretExpiresAt = parseTime(notification.payload.oldClientSecretExpiryTime);
  const issuedAt = eventTime ?? deps.clock.now();
  const versionId = await deps.secretStore.stageClientSecret(
    {
      clientId,
      clientSecret: newClientSecret,
      issuedAt,
      ...(expiresAt === undefined ? {} : { expiresAt }),
      ...(previousSecretExpiresAt === undefined ? {} : { previousSecretExpiresAt }),
    },
    notification.notificationId,
  );
  try {
    await deps.tokenExchange.requestGrantlessToken(
      { clientId, clientSecret: newClientSecret },
      deps.proofScope ?? GrantlessScope.ClientCredentialRotation,
    );
  } catch (error) {
    if (!(error instanceof ClientCredentialsRejectedError)) throw error;
    throw new ClientSecretProofFailedError(
      `LWA refused the new client secret of notification ${notification.notificationId}; the current secret stays in use`,
      { cause: error },
    );
  }
  // Another notification may have been handled during the proof (the queue delivers two at once),
  // or may still be promoting: the promotion only replaces the version read here.
  const latest = await deps.secretStore.getClientCredentials();
  if (isOlderThan(eventTime, latest)) return { outcome: 'superseded' };
  try {
    await deps.secretStore.promoteClientSecret(versionId, latest.versionId);
  } catch (error) {
    if (
      error instanceof ClientSecretPromotionConflictError &&
      isOlderThan(eventTime, await deps.secretStore.getClientCredentials())
    ) {
      return { outcome: 'superseded' };
    }
    throw error;
  }
  deps.metrics.record(AuthMetric.ClientSecretRotated, 1, 'Count');
  return {
    outcome: 'rotated',
    ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }),
    ...(previousSecretExpiresAt === undefined
      ? {}
      : { previousSecretExpiresAt: new Date(previousSecretExpiresAt).toISOString() }),
  };
}

function isOlderThan(eventTime: number | undefined, current: StoredClientCredentials): boolean {
  return eventTime !== undefined && eventTime < current.issuedAt;
}

function parseTime(value: string): number | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}
