import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { CONFIG_PARAMETERS } from '@spapi-lake/config';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { Deployment } from '../stack/deployment';

/** Options of {@link ConfigurationStore}. */
export interface ConfigurationStoreProps {
  readonly deployment: Deployment;
  /** `/<name prefix>`: the SSM prefix the apps get as PARAMETER_PREFIX. */
  readonly parameterPrefix: string;
  /** JSON of the initial account list (the token broker adds authorizations afterwards). */
  readonly accountsJson: string;
  /** JSON of the report configs. */
  readonly reportConfigsJson: string;
  /** JSON of endpoint overrides; '' = Amazon production (no parameter). */
  readonly endpointsJson: string;
  readonly secretsKeyArn: string;
}

/**
 * The pipeline's configuration (SSM, layout of @spapi-lake/config) and the LWA secrets. Secrets are
 * created empty: their values never pass through code or Terraform state. The operator puts the
 * client credentials and the state signing key; the broker creates refresh tokens under
 * `<prefix>/refresh-tokens/`.
 */
export class ConfigurationStore extends Construct {
  readonly accounts: SsmParameter;
  readonly reportConfigs: SsmParameter;
  readonly endpoints: SsmParameter;
  readonly endpointsParameterName: string;
  readonly clientCredentials: SecretsmanagerSecret;
  readonly stateSigningKey: SecretsmanagerSecret;
  readonly refreshTokenSecretPrefix: string;

  constructor(scope: Construct, id: string, props: ConfigurationStoreProps) {
    super(scope, id);
    const { deployment, parameterPrefix } = props;
    const parameterName = (leaf: string) => `${parameterPrefix}/${leaf}`;

    this.accounts = new SsmParameter(this, 'accounts', {
      name: parameterName(CONFIG_PARAMETERS.accounts),
      description: 'Selling partner accounts (JSON); the token broker records authorizations',
      type: 'String',
      tier: 'Intelligent-Tiering',
      insecureValue: props.accountsJson,
      // The broker writes this list after each authorization: Terraform only seeds it.
      lifecycle: { ignoreChanges: ['insecure_value', 'value'] },
    });
    this.reportConfigs = new SsmParameter(this, 'report_configs', {
      name: parameterName(CONFIG_PARAMETERS.reportConfigs),
      description: 'Report configs (JSON, @spapi-lake/config ReportConfigsSchema)',
      type: 'String',
      tier: 'Intelligent-Tiering',
      insecureValue: props.reportConfigsJson,
    });
    this.endpointsParameterName = parameterName(CONFIG_PARAMETERS.endpoints);
    this.endpoints = new SsmParameter(this, 'endpoints', {
      // One parameter when overrides are given, none otherwise (min(length(""), 1) = 0).
      count: Token.asNumber(Fn.min([Fn.lengthOf(props.endpointsJson), 1])),
      name: this.endpointsParameterName,
      description: 'SP-API and LWA endpoint overrides (JSON); absent = Amazon production',
      type: 'String',
      tier: 'Standard',
      insecureValue: props.endpointsJson,
    });

    const secret = (logicalId: string, leaf: string, description: string) =>
      new SecretsmanagerSecret(this, logicalId, {
        name: `${deployment.namePrefix}/lwa/${leaf}`,
        description,
        kmsKeyId: props.secretsKeyArn,
        recoveryWindowInDays: 30,
      });
    this.clientCredentials = secret(
      'client_credentials',
      'client-credentials',
      'LWA client credentials {"clientId","clientSecret"}: put by the operator, rotated by the token broker',
    );
    this.stateSigningKey = secret(
      'state_signing_key',
      'state-signing-key',
      'Signs OAuth state values of the authorization flow (random, 32+ characters): put by the operator',
    );
    this.refreshTokenSecretPrefix = `${deployment.namePrefix}/refresh-tokens`;
  }
}
