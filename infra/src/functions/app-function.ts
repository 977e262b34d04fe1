import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam/policy-document';
import { ServiceRole } from '../iam/service-role';
import type { Deployment } from '../stack/deployment';
import type { AppArtifact } from './app-artifacts';
import type { FunctionSpec } from './function-spec';

/** The alias every trigger (state machines, queues, schedules, the Function URL) invokes. */
export const LIVE_ALIAS = 'live';

/**
 * Code attributes Terraform ignores after the function exists: code deploys (`nx run <app>:deploy`)
 * own them, Terraform owns everything else (role, memory, timeout, environment, triggers).
 */
export const CODE_ATTRIBUTES_OWNED_BY_DEPLOYS = [
  'filename',
  'source_code_hash',
  's3_bucket',
  's3_key',
  's3_object_version',
];

/** Options of {@link AppFunction}. */
export interface AppFunctionProps {
  readonly deployment: Deployment;
  readonly spec: FunctionSpec;
  readonly artifact: AppArtifact;
  readonly environment: Readonly<Record<string, string>>;
  /** The grants' statements; logging and tracing are added here. */
  readonly statements: readonly PolicyStatement[];
  readonly logRetentionDays: number;
}

/**
 * One Lambda function (nodejs22.x, arm64, active tracing) from its app's zip, with its own role,
 * its log group (retention set) and the `live` alias. Terraform creates the function with the
 * artifact present at synth; afterwards code and the alias's version belong to the deploy target.
 */
export class AppFunction extends Construct {
  readonly function: LambdaFunction;
  readonly alias: LambdaAlias;
  readonly role: ServiceRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly functionName: string;
  readonly spec: FunctionSpec;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const { deployment, spec } = props;
    this.spec = spec;
    this.functionName = deployment.name(spec.id);

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${this.functionName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.role = new ServiceRole(this, 'execution', {
      roleName: this.functionName,
      description: `Lambda ${this.functionName} (${spec.app}, ${spec.exportName})`,
      service: 'lambda.amazonaws.com',
      statements: [
        {
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${this.logGroup.arn}:*`,
        },
        {
          Sid: 'ActiveTracing',
          Effect: 'Allow',
          Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          Resource: '*',
        },
        ...props.statements,
      ],
    });

    this.function = new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      description: spec.description,
      role: this.role.arn,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: `main.${spec.exportName}`,
      filename: props.artifact.path,
      sourceCodeHash: props.artifact.sha256,
      memorySize: spec.memoryMb,
      timeout: spec.timeoutSeconds,
      publish: true,
      environment: { variables: { ...props.environment } },
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat: 'Text', logGroup: this.logGroup.name },
      tags: { 'spapi-lake:app': spec.app, 'spapi-lake:export': spec.exportName },
      // The role's policy must exist before the function first runs (log writes, event sources).
      dependsOn: [this.logGroup, this.role.policy],
      lifecycle: { ignoreChanges: CODE_ATTRIBUTES_OWNED_BY_DEPLOYS },
    });

    this.alias = new LambdaAlias(this, 'live', {
      name: LIVE_ALIAS,
      description: 'What every trigger invokes; moved by code deploys',
      functionName: this.function.functionName,
      functionVersion: this.function.version,
      lifecycle: { ignoreChanges: ['function_version'] },
    });
  }

  /** The live alias ARN: what state machines, schedules and event sources invoke. */
  get aliasArn(): string {
    return this.alias.arn;
  }
}
