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
  /** SNS topics or other alarm actions (a list variable). */
  readonly actionArns: string[];
}

/**
 * The alarms that mean "someone must look": any message in a dead-letter queue, any failed, timed
 * out or aborted execution, any Lambda error or throttle. Five-minute sums, missing data is fine.
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
    ) =>
      this.alarms.push(
        new CloudwatchMetricAlarm(this, logicalId, {
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
