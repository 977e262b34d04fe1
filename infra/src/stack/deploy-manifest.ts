import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Construct } from 'constructs';
import type { AppFunctions } from '../functions/app-functions';
import { LIVE_ALIAS } from '../functions/app-function';
import type { AppName, FunctionSpec } from '../functions/function-spec';

/** What `tools/deploy` reads to deploy an app's code (`DeployManifest` there). */
export interface DeployManifestDocument {
  readonly artifactBucket: string;
  readonly alias: string;
  readonly apps: Readonly<Partial<Record<AppName, readonly string[]>>>;
}

/** Options of {@link DeployManifest}. */
export interface DeployManifestProps {
  readonly parameterName: string;
  readonly catalog: readonly FunctionSpec[];
  readonly functions: AppFunctions;
  readonly artifactBucketName: string;
}

/**
 * Tells code deploys what Terraform created: per app, the function names its zip runs in, the
 * alias to move, and the bucket artifacts go to. Kept in SSM, so a deploy needs only the name of
 * this parameter (output `deploy_manifest_parameter`).
 */
export class DeployManifest extends Construct {
  readonly parameter: SsmParameter;

  constructor(scope: Construct, id: string, props: DeployManifestProps) {
    super(scope, id);
    const apps: Partial<Record<AppName, string[]>> = {};
    for (const spec of props.catalog) {
      apps[spec.app] = [...(apps[spec.app] ?? []), props.functions.get(spec.id).functionName];
    }
    const document: DeployManifestDocument = {
      artifactBucket: props.artifactBucketName,
      alias: LIVE_ALIAS,
      apps,
    };
    this.parameter = new SsmParameter(this, 'parameter', {
      name: props.parameterName,
      description: 'Functions per app for code deploys (tools/deploy)',
      type: 'String',
      tier: 'Standard',
      insecureValue: JSON.stringify(document),
    });
  }
}
