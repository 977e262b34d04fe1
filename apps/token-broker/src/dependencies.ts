import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  DynamoDbUsedStateStore,
  LwaTokenExchange,
  PowertoolsMetricsRecorder,
  SecretsManagerSecretStore,
  SsmAccountRegistry,
  type TokenBrokerDependencies,
  buildTokenBrokerDependencies,
  cryptoNonceSource,
  readSsmEndpointOverrides,
} from '@spapi-lake/auth-adapters';
import { configParameterNames, resolveEndpoints } from '@spapi-lake/config';
import { systemClock } from '@spapi-lake/core';
import { LwaClient } from '@spapi-lake/lwa';
import { MIN_SECRET_LENGTH, createLogger, createMetrics } from '@spapi-lake/observability';
import type { TokenBrokerConfig } from './config';

const SERVICE_NAME = 'token-broker';

/** The composition root on AWS: config -> AWS adapters -> the handler's dependencies. */
export async function awsDependencies(config: TokenBrokerConfig): Promise<TokenBrokerDependencies> {
  const clock = systemClock;
  const logger = createLogger({ serviceName: SERVICE_NAME });
  const metrics = new PowertoolsMetricsRecorder(
    createMetrics({ namespace: config.METRICS_NAMESPACE, serviceName: SERVICE_NAME }),
  );
  const ssm = new SSMClient({});
  const parameters = configParameterNames(config.PARAMETER_PREFIX);
  const endpoints = resolveEndpoints(await readSsmEndpointOverrides(ssm, parameters.endpoints));
  const secretStore = new SecretsManagerSecretStore({
    client: new SecretsManagerClient({}),
    clientCredentialsSecretId: config.LWA_CLIENT_SECRET_ID,
    stateSigningKeySecretId: config.STATE_SIGNING_KEY_SECRET_ID,
    refreshTokenSecretPrefix: config.REFRESH_TOKEN_SECRET_PREFIX,
    ...(config.SECRETS_KMS_KEY_ID === undefined ? {} : { kmsKeyId: config.SECRETS_KMS_KEY_ID }),
    // Belt and braces: whatever the code does, the logger blanks every secret it has seen.
    onSecretValue: (value) => {
      if (value.length >= MIN_SECRET_LENGTH) logger.registerSecretValue(value);
    },
    clock,
  });
  return buildTokenBrokerDependencies({
    secretStore,
    accountRegistry: new SsmAccountRegistry({ client: ssm, parameterName: parameters.accounts }),
    tokenExchange: new LwaTokenExchange(new LwaClient({ baseUrl: endpoints.lwaBaseUrl, clock })),
    usedStates: new DynamoDbUsedStateStore({
      client: new DynamoDBClient({}),
      tableName: config.USED_STATE_TABLE,
    }),
    nonces: cryptoNonceSource,
    clock,
    metrics,
    logger,
    settings: {
      applicationId: config.SP_API_APPLICATION_ID,
      redirectUri: config.REDIRECT_URI,
      draft: config.APP_DRAFT,
      stateTtlMs: config.STATE_TTL_SECONDS * 1000,
      consentBaseUrlOverride: {
        ...(config.SELLER_CENTRAL_BASE_URL === undefined
          ? {}
          : { seller: config.SELLER_CENTRAL_BASE_URL }),
        ...(config.VENDOR_CENTRAL_BASE_URL === undefined
          ? {}
          : { vendor: config.VENDOR_CENTRAL_BASE_URL }),
      },
    },
    spApiBaseUrl: endpoints.spApiBaseUrl[config.ROTATION_REGION],
    userAgent: { appName: 'spapi-lake-token-broker', appVersion: '0.1.0' },
  });
}
