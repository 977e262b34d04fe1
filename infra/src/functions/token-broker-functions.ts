import {
  AppName,
  EnvironmentSource as E,
  type FunctionSpec,
  QueueName,
  StateTableName,
} from './function-spec';
import { table } from './function-spec-parts';

/** The token-broker functions: the only reader of LWA secrets. */
export const TOKEN_BROKER_FUNCTIONS: readonly FunctionSpec[] = [
  {
    id: 'token-broker',
    app: AppName.TokenBroker,
    exportName: 'handler',
    description: 'LWA authorization (Function URL), token vending, client secret rotation',
    memoryMb: 512,
    timeoutSeconds: 30,
    environment: {
      PARAMETER_PREFIX: E.ParameterPrefix,
      LWA_CLIENT_SECRET_ID: E.LwaClientSecretId,
      STATE_SIGNING_KEY_SECRET_ID: E.StateSigningKeySecretId,
      REFRESH_TOKEN_SECRET_PREFIX: E.RefreshTokenSecretPrefix,
      SECRETS_KMS_KEY_ID: E.SecretsKmsKeyId,
      USED_STATE_TABLE: E.UsedStateTable,
      SP_API_APPLICATION_ID: E.SpApiApplicationId,
      REDIRECT_URI: E.OAuthRedirectUri,
      APP_DRAFT: E.AppDraft,
      ROTATION_REGION: E.RotationRegion,
      METRICS_NAMESPACE: E.MetricsNamespace,
    },
    grants: [
      { kind: 'read-configuration', parameters: ['accounts', 'endpoints'], versionSelectors: true },
      { kind: 'write-account-list' },
      { kind: 'manage-lwa-secrets' },
      table(StateTableName.UsedStates, 'PutItem'),
      { kind: 'consume-queue', queue: QueueName.ApplicationNotifications },
    ],
    queueTrigger: {
      queue: QueueName.ApplicationNotifications,
      batchSize: 1,
      maximumBatchingWindowSeconds: 0,
      maximumConcurrency: 2,
    },
    functionUrl: true,
  },
];
