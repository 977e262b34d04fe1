/** Metric names the broker emits (CloudWatch, namespace set by the app). */
export const AuthMetric = {
  AuthorizationStarted: 'AuthorizationStarted',
  AuthorizationCompleted: 'AuthorizationCompleted',
  AuthorizationRejected: 'AuthorizationRejected',
  TokenVended: 'TokenVended',
  LwaTokenRequest: 'LwaTokenRequest',
  ReauthorizationRequired: 'ReauthorizationRequired',
  ClientSecretRotationRequested: 'ClientSecretRotationRequested',
  ClientSecretRotated: 'ClientSecretRotated',
  ClientSecretExpiryNotified: 'ClientSecretExpiryNotified',
  ClientSecretAgeDays: 'ClientSecretAgeDays',
  ClientSecretRotationDue: 'ClientSecretRotationDue',
  RefreshTokenMaxAgeDays: 'RefreshTokenMaxAgeDays',
  RefreshTokensDueForReauthorization: 'RefreshTokensDueForReauthorization',
  RefreshTokensMissing: 'RefreshTokensMissing',
} as const;
export type AuthMetric = (typeof AuthMetric)[keyof typeof AuthMetric];

/** Units the broker's metrics use. */
export type AuthMetricUnit = 'Count' | 'Days';

/** Port: records one metric data point, optionally with dimensions (keep their cardinality low). */
export interface MetricsRecorder {
  record(
    name: AuthMetric,
    value: number,
    unit: AuthMetricUnit,
    dimensions?: Readonly<Record<string, string>>,
  ): void;
}
