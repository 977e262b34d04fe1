import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam/policy-document';
import { ServiceRole } from '../iam/service-role';
import type { Deployment } from '../stack/deployment';

/** Options of {@link WorkflowStateMachine}. */
export interface WorkflowStateMachineProps {
  readonly deployment: Deployment;
  /** `report-ingestion`, `fan-out`, …: the machine is `<prefix>-<name>`. */
  readonly name: string;
  /** The definition JSON, placeholders bound. */
  readonly definition: string;
  /** Live alias ARNs of the functions the definition invokes. */
  readonly invokedFunctionArns: readonly string[];
  /** What else the definition's service integrations need. */
  readonly statements: readonly PolicyStatement[];
  readonly logRetentionDays: number;
  /** What the definition names without a reference (the `live` aliases, a started machine). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A STANDARD state machine with its own role (invoke exactly its functions, plus its integrations),
 * error logging with execution data, and X-Ray tracing.
 */
export class WorkflowStateMachine extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly role: ServiceRole;
  readonly stateMachineName: string;

  constructor(scope: Construct, id: string, props: WorkflowStateMachineProps) {
    super(scope, id);
    const { deployment } = props;
    this.stateMachineName = deployment.name(props.name);
    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      // The /aws/vendedlogs/ prefix keeps the log delivery's resource policy small.
      name: `/aws/vendedlogs/states/${this.stateMachineName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.role = new ServiceRole(this, 'execution', {
      roleName: `${this.stateMachineName}-sfn`,
      description: `Step Functions ${this.stateMachineName}`,
      service: 'states.amazonaws.com',
      trustCondition: { StringEquals: { 'aws:SourceAccount': deployment.accountId } },
      statements: [
        {
          Sid: 'InvokeOwnFunctions',
          Effect: 'Allow',
          Action: ['lambda:InvokeFunction'],
          Resource: [...props.invokedFunctionArns],
        },
        ...props.statements,
        {
          Sid: 'ExecutionLogDelivery',
          Effect: 'Allow',
          Action: [
            'logs:CreateLogDelivery',
            'logs:GetLogDelivery',
            'logs:UpdateLogDelivery',
            'logs:DeleteLogDelivery',
            'logs:ListLogDeliveries',
            'logs:PutResourcePolicy',
            'logs:DescribeResourcePolicies',
            'logs:DescribeLogGroups',
          ],
          Resource: '*',
        },
        {
          Sid: 'ActiveTracing',
          Effect: 'Allow',
          Action: [
            'xray:PutTraceSegments',
            'xray:PutTelemetryRecords',
            'xray:GetSamplingRules',
            'xray:GetSamplingTargets',
          ],
          Resource: '*',
        },
      ],
    });
    this.stateMachine = new SfnStateMachine(this, 'state_machine', {
      name: this.stateMachineName,
      type: 'STANDARD',
      roleArn: this.role.arn,
      definition: props.definition,
      loggingConfiguration: {
        logDestination: `${logGroup.arn}:*`,
        includeExecutionData: true,
        level: 'ERROR',
      },
      tracingConfiguration: { enabled: true },
      dependsOn: [this.role.policy, ...(props.dependsOn ?? [])],
    });
  }
}
