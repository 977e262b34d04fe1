import type { Deployment } from '../stack/deployment';
import type { DataBucketName, QueueName, StateTableName } from './function-spec';

/** The resources grants are scoped to (ARNs as Terraform expressions). */
export interface GrantTargets {
  readonly deployment: Deployment;
  readonly lakeKeyArn: string;
  readonly secretsKeyArn: string;
  readonly bucketArns: Readonly<Record<DataBucketName, string>>;
  /** The curated datasets report workflows land (not catalog and listings datasets). */
  readonly reportDatasets: readonly string[];
  readonly configurationParameterArns: {
    readonly accounts: string;
    readonly reportConfigs: string;
    readonly endpoints: string;
  };
  readonly lwaSecretArns: {
    readonly clientCredentials: string;
    readonly stateSigningKey: string;
    /** `arn:…:secret:<prefix>/refresh-tokens/*`: the secrets the broker creates. */
    readonly refreshTokens: string;
  };
  readonly tableArns: Readonly<Record<StateTableName, string>>;
  readonly queueArns: Readonly<Record<QueueName, string>>;
  readonly tokenBrokerAliasArn: string;
  readonly ingestionStateMachineArn: string;
  readonly retrievalStateMachineArn: string;
  /** `arn:…:execution:<retrieval state machine>:*`: its executions. */
  readonly retrievalExecutionsArn: string;
}
