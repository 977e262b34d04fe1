import {
  type AccountRegistry,
  type AuthorizationSettings,
  type CredentialExpiryThresholds,
  type NonceSource,
  type SecretStore,
  TokenCache,
  type TokenExchange,
  type UsedStateStore,
  vendingTokenProvider,
} from '@spapi-lake/auth';
import type { Clock } from '@spapi-lake/core';
import { RateLimiterRegistry, type UserAgentOptions, createSpApiClient } from '@spapi-lake/sp-api';
import type { FlushableMetricsRecorder } from './powertools-metrics-recorder';
import { SpApiClientSecretRotator } from './sp-api-client-secret-rotator';
import type { BrokerLogger, TokenBrokerDependencies } from './token-broker-dependencies';

/** The ports of one environment (AWS or local) and where SP-API is. */
export interface TokenBrokerParts {
  readonly secretStore: SecretStore;
  readonly accountRegistry: AccountRegistry;
  readonly tokenExchange: TokenExchange;
  readonly usedStates: UsedStateStore;
  readonly nonces: NonceSource;
  readonly clock: Clock;
  readonly metrics: FlushableMetricsRecorder;
  readonly logger: BrokerLogger;
  readonly settings: AuthorizationSettings;
  readonly expiryThresholds?: CredentialExpiryThresholds;
  /** Base URL of the SP-API endpoint that answers `rotateApplicationClientSecret`. */
  readonly spApiBaseUrl: string;
  readonly userAgent: UserAgentOptions;
  readonly fetch?: typeof fetch;
}

/**
 * Completes the handler's dependencies: the process-wide token cache, and the rotator, an SP-API
 * client whose grantless rotation token is vended by the broker's own cache.
 */
export function buildTokenBrokerDependencies(parts: TokenBrokerParts): TokenBrokerDependencies {
  const cache = new TokenCache(parts.clock);
  const tokenProvider = vendingTokenProvider({
    cache,
    secretStore: parts.secretStore,
    tokenExchange: parts.tokenExchange,
    accountRegistry: parts.accountRegistry,
    metrics: parts.metrics,
  });
  const spApi = createSpApiClient({
    baseUrl: parts.spApiBaseUrl,
    tokenProvider,
    limiters: new RateLimiterRegistry({ clock: parts.clock }),
    userAgent: parts.userAgent,
    clock: parts.clock,
    ...(parts.fetch === undefined ? {} : { fetch: parts.fetch }),
  });
  return {
    secretStore: parts.secretStore,
    accountRegistry: parts.accountRegistry,
    tokenExchange: parts.tokenExchange,
    usedStates: parts.usedStates,
    rotator: new SpApiClientSecretRotator(spApi.applicationManagement),
    nonces: parts.nonces,
    clock: parts.clock,
    cache,
    metrics: parts.metrics,
    logger: parts.logger,
    settings: parts.settings,
    ...(parts.expiryThresholds === undefined ? {} : { expiryThresholds: parts.expiryThresholds }),
  };
}
