import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  AccountRegistry,
  AuthorizationSettings,
  ClientSecretRotator,
  CredentialExpiryThresholds,
  NonceSource,
  SecretStore,
  TokenCache,
  TokenExchange,
  UsedStateStore,
} from '@spapi-lake/auth';
import type { Clock } from '@spapi-lake/core';
import type { FlushableMetricsRecorder } from './powertools-metrics-recorder';

/** The logging the handler does: one entry per outcome, errors once. */
export type BrokerLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/**
 * Everything the token broker handler runs on; the AWS app and the local runner each build one.
 * Build it once per process: `cache` keeps vended tokens across invocations.
 */
export interface TokenBrokerDependencies {
  readonly secretStore: SecretStore;
  readonly accountRegistry: AccountRegistry;
  readonly tokenExchange: TokenExchange;
  readonly usedStates: UsedStateStore;
  readonly rotator: ClientSecretRotator;
  readonly nonces: NonceSource;
  readonly clock: Clock;
  readonly cache: TokenCache;
  readonly metrics: FlushableMetricsRecorder;
  readonly logger: BrokerLogger;
  readonly settings: AuthorizationSettings;
  readonly expiryThresholds?: CredentialExpiryThresholds;
}
