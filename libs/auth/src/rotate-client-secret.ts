import type { ClientSecretRotator } from './client-secret-rotator';
import { AuthMetric, type MetricsRecorder } from './metrics-recorder';

/** What a rotation request needs. */
export interface RotateClientSecretDependencies {
  readonly rotator: ClientSecretRotator;
  readonly metrics: MetricsRecorder;
}

/**
 * Asks Amazon for a new client secret (`rotateApplicationClientSecret`). Nothing changes here yet:
 * the secret arrives in an APPLICATION_OAUTH_CLIENT_NEW_SECRET notification.
 */
export async function rotateClientSecret(deps: RotateClientSecretDependencies): Promise<void> {
  await deps.rotator.rotate();
  deps.metrics.record(AuthMetric.ClientSecretRotationRequested, 1, 'Count');
}
