import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Construct } from 'constructs';
import { type PolicyStatement, policyDocument } from '../iam/policy-document';
import { SP_API_NOTIFICATION_PRINCIPAL } from '../lake/sp-api-principal';
import type { Deployment } from '../stack/deployment';

/** Messages received this many times without success move to the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;
/** Fourteen days (the SQS maximum): a long outage of the consumer loses nothing. */
export const RETENTION_SECONDS = 1_209_600;

/** Options of {@link NotificationQueue}. */
export interface NotificationQueueProps {
  readonly deployment: Deployment;
  readonly queueName: string;
  readonly kmsKeyArn: string;
  /** At least six times the consumer's timeout (AWS's advice for event source mappings). */
  readonly visibilityTimeoutSeconds: number;
  /** SP-API's account may send (a destination); false for the stack's own work queues. */
  readonly sellingPartnerApiSends: boolean;
  /** Statements after the SP-API send grant and the TLS-only deny. */
  readonly extraStatements?: (queueArn: string) => readonly PolicyStatement[];
  /** Statements of the dead-letter queue's policy after its TLS-only deny. */
  readonly extraDeadLetterStatements?: (deadLetterQueueArn: string) => readonly PolicyStatement[];
}

/**
 * A standard queue (SP-API's FIFO deliveries silently never arrive), SSE-KMS with the lake key, its
 * dead-letter queue and redrive, and a policy that denies anything not over TLS and, for a
 * destination, lets SP-API's account send (`sqs:SendMessage`, `sqs:GetQueueAttributes`).
 */
export class NotificationQueue extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  readonly policy: SqsQueuePolicy;

  constructor(scope: Construct, id: string, props: NotificationQueueProps) {
    super(scope, id);
    const encryption = { kmsMasterKeyId: props.kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 };
    this.deadLetterQueue = new SqsQueue(this, 'dlq', {
      name: `${props.queueName}-dlq`,
      messageRetentionSeconds: RETENTION_SECONDS,
      ...encryption,
    });
    this.queue = new SqsQueue(this, 'queue', {
      name: props.queueName,
      messageRetentionSeconds: RETENTION_SECONDS,
      visibilityTimeoutSeconds: props.visibilityTimeoutSeconds,
      redrivePolicy: JSON.stringify({
        deadLetterTargetArn: this.deadLetterQueue.arn,
        maxReceiveCount: MAX_RECEIVE_COUNT,
      }),
      ...encryption,
    });
    new SqsQueueRedriveAllowPolicy(this, 'dlq_redrive_allow', {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: JSON.stringify({
        redrivePermission: 'byQueue',
        sourceQueueArns: [this.queue.arn],
      }),
    });

    // The policies name the queues by name-built ARNs, not references: a plan then shows them.
    const queueArn = props.deployment.arn('sqs', props.queueName);
    const deadLetterQueueArn = props.deployment.arn('sqs', `${props.queueName}-dlq`);
    const tlsOnly = (arn: string): PolicyStatement => ({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: ['sqs:*'],
      Resource: arn,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    this.policy = new SqsQueuePolicy(this, 'policy', {
      queueUrl: this.queue.url,
      policy: policyDocument([
        ...(props.sellingPartnerApiSends
          ? [
              {
                Sid: 'SellingPartnerApiSends',
                Effect: 'Allow',
                Principal: { AWS: SP_API_NOTIFICATION_PRINCIPAL },
                Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
                Resource: queueArn,
              } satisfies PolicyStatement,
            ]
          : []),
        tlsOnly(queueArn),
        ...(props.extraStatements?.(queueArn) ?? []),
      ]),
    });
    new SqsQueuePolicy(this, 'dlq_policy', {
      queueUrl: this.deadLetterQueue.url,
      policy: policyDocument([
        tlsOnly(deadLetterQueueArn),
        ...(props.extraDeadLetterStatements?.(deadLetterQueueArn) ?? []),
      ]),
    });
  }

  /** The queue ARN (a Terraform reference). */
  get arn(): string {
    return this.queue.arn;
  }
}
