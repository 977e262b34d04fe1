export { authorizationErrorPage } from './authorization-error-page';
export {
  type TokenBrokerParts,
  buildTokenBrokerDependencies,
} from './build-token-broker-dependencies';
export {
  type LocalTokenBrokerOptions,
  createLocalTokenBrokerDependencies,
} from './create-local-token-broker-dependencies';
export { cryptoNonceSource } from './crypto-nonce-source';
export {
  type DynamoDbUsedStateStoreOptions,
  DynamoDbUsedStateStore,
} from './dynamodb-used-state-store';
export {
  AccountRegistryRequestError,
  AccountRegistryUnavailableError,
  SecretStoreRequestError,
  SecretStoreUnavailableError,
  SecretValueInvalidError,
  TokenBrokerEventError,
  UsedStateStoreRequestError,
  UsedStateStoreUnavailableError,
} from './errors';
export {
  type ResponseCookie,
  formatCookie,
  pageResponse,
  parseRequestCookies,
  redirectResponse,
} from './function-url-responses';
export {
  type BrokerCommand,
  type BrokerCommandResult,
  type RotateResult,
} from './handle-broker-command';
export { type HtmlPage, escapeHtml, renderHtmlPage } from './html-page';
export { InMemoryMetricsRecorder } from './in-memory-metrics-recorder';
export { InMemoryUsedStateStore } from './in-memory-used-state-store';
export { InProcessBrokerInvoker } from './in-process-broker-invoker';
export { type LambdaBrokerInvokerOptions, LambdaBrokerInvoker } from './lambda-broker-invoker';
export { LocalFileAccountRegistry } from './local-file-account-registry';
export { type LocalSecretsSeed, LocalFileSecretStore } from './local-file-secret-store';
export { LwaTokenExchange } from './lwa-token-exchange';
export {
  type FlushableMetricsRecorder,
  PowertoolsMetricsRecorder,
} from './powertools-metrics-recorder';
export {
  type SecretsManagerSecretStoreOptions,
  SecretsManagerSecretStore,
  clientRequestToken,
} from './secrets-manager-secret-store';
export { SpApiClientSecretRotator } from './sp-api-client-secret-rotator';
export { type SsmAccountRegistryOptions, SsmAccountRegistry } from './ssm-account-registry';
export { type TokenBrokerHandler, createTokenBrokerHandler } from './token-broker-handler';
export { type BrokerLogger, type TokenBrokerDependencies } from './token-broker-dependencies';
export { readSsmEndpointOverrides } from './ssm-endpoint-overrides';
