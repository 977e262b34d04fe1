import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import type { Deployment } from '../stack/deployment';

/** Options of {@link Alarms}. */
export interface AlarmsProps {
  readonly deployment: Deployment;
  /** Dead-letter queues (the metric dimension is the name). */
  readonly deadLetterQueues: readonly { readonly id: string; readonly name: string }[];
  /** State machine ARNs (the metric dimension). */
  readonly stateMachineArns: readonly { readonly id: string; readonly arn: string }[];
  readonly functions: readonly { readonly id: string; readonly functionName: string }[];
  /** EventBridge rules on custom buses (the metric dimensions are the bus and rule names). */
  readonly eventRules: readonly {
    readonly id: string;
    readonly eventBusName: string;
    readonly ruleName: string;
    /** 0 while the rule does not exist (a dimension may not be empty), else 1; a token. */
    readonly count: number;
  }[];
  /** SNS topics or other alarm actions (a list variable). */
  readonly actionArns: string[];
}

/**
 * The alarms that mean "someone must look": any message in a dead-letter queue, any failed, timed
 * out or aborted execution, any Lambda error or throttle, any event a rule failed to deliver or
 * even to dead-letter (then it is gone). Five-minute sums, missing data is fine.
 */
export class Alarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const { deployment } = props;
    const alarm = (
      logicalId: string,
      name: string,
      description: string,
      metric: { namespace: string; metricName: string; dimensions: Record<string, string> },
      statistic: 'Sum' | 'Maximum',
      count?: number,
    ) =>
      this.alarms.push(
        new CloudwatchMetricAlarm(this, logicalId, {
          ...(count === undefined ? {} : { count }),
          alarmName: deployment.name(name),
          alarmDescription: description,
          ...metric,
          statistic,
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          treatMissingData: 'notBreaching',
          alarmActions: props.actionArns,
          okActions: props.actionArns,
        }),
      );

    for (const queue of props.deadLetterQueues) {
      alarm(
        `${queue.id.replaceAll('-', '_')}_dlq_depth`,
        `${queue.id}-dlq-depth`,
        'Messages in a dead-letter queue: notifications the consumer could not process',
        {
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensions: { QueueName: queue.name },
        },
        'Maximum',
      );
    }
    for (const machine of props.stateMachineArns) {
      for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
        alarm(
          `${machine.id}_${metricName}`,
          `${machine.id.replaceAll('_', '-')}-${metricName}`,
          `${metricName} of the ${machine.id} state machine`,
          { namespace: 'AWS/States', metricName, dimensions: { StateMachineArn: machine.arn } },
          'Sum',
        );
      }
    }
    for (const rule of props.eventRules) {
      for (const metricName of ['FailedInvocations', 'InvocationsFailedToBeSentToDlq']) {
        alarm(
          `${rule.id}_${metricName}`,
          `${rule.id.replaceAll('_', '-')}-${metricName}`,
          `${metricName} of the ${rule.id} EventBridge rule`,
          {
            namespace: 'AWS/Events',
            metricName,
            dimensions: { EventBusName: rule.eventBusName, RuleName: rule.ruleName },
          },
          'Sum',
          rule.count,
        );
      }
    }
    for (const fn of props.functions) {
      for (const metricName of ['Errors', 'Throttles']) {
        alarm(
          `${fn.id.replaceAll('-', '_')}_${metricName}`,
          `${fn.id}-${metricName}`,
          `Lambda ${metricName} of ${fn.id}`,
          { namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: fn.functionName } },
          'Sum',
        );
      }
    }
  }
}
