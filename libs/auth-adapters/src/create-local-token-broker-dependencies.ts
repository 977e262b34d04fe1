import path from 'node:path';
import type { AuthorizationSettings, CredentialExpiryThresholds } from '@spapi-lake/auth';
import { type Clock, systemClock } from '@spapi-lake/core';
import { LwaClient } from '@spapi-lake/lwa';
import { buildTokenBrokerDependencies } from './build-token-broker-dependencies';
import { cryptoNonceSource } from './crypto-nonce-source';
import { InMemoryMetricsRecorder } from './in-memory-metrics-recorder';
import { InMemoryUsedStateStore } from './in-memory-used-state-store';
import { LocalFileAccountRegistry } from './local-file-account-registry';
import { type LocalSecretsSeed, LocalFileSecretStore } from './local-file-secret-store';
import { LwaTokenExchange } from './lwa-token-exchange';
import type { FlushableMetricsRecorder } from './powertools-metrics-recorder';
import type { BrokerLogger, TokenBrokerDependencies } from './token-broker-dependencies';

/** Options of {@link createLocalTokenBrokerDependencies}. */
export interface LocalTokenBrokerOptions {
  /** Folder of `secrets.json` (mode 0600) and, by default, `accounts.json`. */
  readonly dataDir: string;
  /** The accounts document; default `<dataDir>/accounts.json`. */
  readonly accountsFile?: string;
  /** LWA base URL (the simulator's `lwaBaseUrl`). */
  readonly lwaBaseUrl: string;
  /** SP-API base URL (the simulator's `spApiBaseUrl`). */
  readonly spApiBaseUrl: string;
  readonly settings: AuthorizationSettings;
  readonly logger: BrokerLogger;
  /** Client credentials and signing key written into a new secrets file. */
  readonly seed?: LocalSecretsSeed;
  readonly clock?: Clock;
  readonly metrics?: FlushableMetricsRecorder;
  readonly expiryThresholds?: CredentialExpiryThresholds;
  readonly fetch?: typeof fetch;
}

/**
 * The token broker on local files and the simulator, for the local runner and invocation tests:
 * the same handler factory, with JSON files in place of Secrets Manager and SSM and an in-process
 * used-state store.
 */
export async function createLocalTokenBrokerDependencies(
  options: LocalTokenBrokerOptions,
): Promise<TokenBrokerDependencies & { readonly secretStore: LocalFileSecretStore }> {
  const clock = options.clock ?? systemClock;
  const secretStore = new LocalFileSecretStore(path.join(options.dataDir, 'secrets.json'), {
    clock,
  });
  if (options.seed !== undefined) await secretStore.seed(options.seed);
  const lwa = new LwaClient({
    baseUrl: options.lwaBaseUrl,
    clock,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const dependencies = buildTokenBrokerDependencies({
    secretStore,
    accountRegistry: new LocalFileAccountRegistry(
      options.accountsFile ?? path.join(options.dataDir, 'accounts.json'),
    ),
    tokenExchange: new LwaTokenExchange(lwa),
    usedStates: new InMemoryUsedStateStore(clock),
    nonces: cryptoNonceSource,
    clock,
    metrics: options.metrics ?? new InMemoryMetricsRecorder(),
    logger: options.logger,
    settings: options.settings,
    ...(options.expiryThresholds === undefined
      ? {}
      : { expiryThresholds: options.expiryThresholds }),
    spApiBaseUrl: options.spApiBaseUrl,
    userAgent: { appName: 'spapi-lake-token-broker', appVersion: '0.1.0' },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return { ...dependencies, secretStore };
}
