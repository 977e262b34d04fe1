import { type SynthesizedStack, synthTestStack } from '../test/synth-test-stack';
import { ref, resource, statementsOf } from '../test/terraform-json';
import { MAX_RECEIVE_COUNT, RETENTION_SECONDS } from './notification-queue';

const QUEUES = ['notifications', 'application_notifications'] as const;
// The listings rule on the partner bus, as the queue policies name it.
const LISTINGS_RULE_ARN =
  'arn:${data.aws_partition.partition.partition}:events:${var.region}:${data.aws_caller_identity.caller.account_id}:rule/${var.partner_event_source_name}/${var.name_prefix}-listings-notifications';
const ALL_QUEUES = [...QUEUES, 'listing_refresh'] as const;

describe('notification queues', () => {
  let stack: SynthesizedStack;
  beforeAll(() => {
    stack = synthTestStack();
  });
  const queueArn = (queue: string, kind = 'queue') => ref(`aws_sqs_queue.${queue}_${kind}`, 'arn');
  // Policies name their queue by a name-built ARN, so that a plan shows them in full.
  const namedQueueArn = (queue: string) =>
    `arn:\${data.aws_partition.partition.partition}:sqs:\${var.region}:\${data.aws_caller_identity.caller.account_id}:\${var.name_prefix}-${queue.replace('_', '-')}`;

  it.each(ALL_QUEUES)('makes %s a standard SSE-KMS queue with a dead-letter queue', (queue) => {
    const main = resource(stack, 'aws_sqs_queue', `${queue}_queue`);
    expect(main).toMatchObject({
      name: `\${var.name_prefix}-${queue.replace('_', '-')}`,
      kms_master_key_id: ref('aws_kms_key.keys_lake', 'arn'),
      message_retention_seconds: RETENTION_SECONDS,
    });
    expect(main['fifo_queue']).toBeUndefined();
    expect(JSON.parse(main['redrive_policy'] as string)).toEqual({
      deadLetterTargetArn: queueArn(queue, 'dlq'),
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(resource(stack, 'aws_sqs_queue', `${queue}_dlq`)).toMatchObject({
      kms_master_key_id: ref('aws_kms_key.keys_lake', 'arn'),
    });
    expect(
      JSON.parse(
        resource(stack, 'aws_sqs_queue_redrive_allow_policy', `${queue}_dlq_redrive_allow`)[
          'redrive_allow_policy'
        ] as string,
      ),
    ).toEqual({ redrivePermission: 'byQueue', sourceQueueArns: [queueArn(queue)] });
  });

  it('keeps the listing refresh work queue to the stack: no SP-API statement, TLS only', () => {
    expect(
      statementsOf(resource(stack, 'aws_sqs_queue_policy', 'listing_refresh_policy')['policy']),
    ).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: ['sqs:*'],
        Resource: namedQueueArn('listing_refresh'),
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  it('keeps messages visible to no one else for six consumer timeouts', () => {
    expect(
      resource(stack, 'aws_sqs_queue', 'notifications_queue')['visibility_timeout_seconds'],
    ).toBe(360);
    expect(
      resource(stack, 'aws_sqs_queue', 'application_notifications_queue')[
        'visibility_timeout_seconds'
      ],
    ).toBe(180);
    // refreshListings: 300 s.
    expect(
      resource(stack, 'aws_sqs_queue', 'listing_refresh_queue')['visibility_timeout_seconds'],
    ).toBe(1800);
  });

  it.each(QUEUES)(
    'lets SP-API (437568002678) send to %s and denies anything not over TLS',
    (queue) => {
      const policy = resource(stack, 'aws_sqs_queue_policy', `${queue}_policy`);
      expect(policy['queue_url']).toBe(ref(`aws_sqs_queue.${queue}_queue`, 'url'));
      const statements = statementsOf(policy['policy']);
      expect(statements.slice(0, 2)).toEqual([
        {
          Sid: 'SellingPartnerApiSends',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::437568002678:root' },
          Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
          Resource: namedQueueArn(queue),
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: ['sqs:*'],
          Resource: namedQueueArn(queue),
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]);
    },
  );

  it('lets only the listings rule of the partner bus send EventBridge events to the notification queue', () => {
    const statements = statementsOf(
      resource(stack, 'aws_sqs_queue_policy', 'notifications_policy')['policy'],
    );
    expect(statements[2]).toEqual({
      Sid: 'ListingsRuleSends',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['sqs:SendMessage'],
      Resource: namedQueueArn('notifications'),
      Condition: { ArnEquals: { 'aws:SourceArn': LISTINGS_RULE_ARN } },
    });
    expect(
      statementsOf(
        resource(stack, 'aws_sqs_queue_policy', 'application_notifications_policy')['policy'],
      ),
    ).toHaveLength(2);
  });

  it('routes LISTINGS_ITEM_* from the SP-API partner bus into the queue once the source is named', () => {
    const count = '${min(length(var.partner_event_source_name), 1)}';
    expect(resource(stack, 'aws_cloudwatch_event_bus', 'listings_events_partner_bus')).toEqual({
      count,
      name: '${var.partner_event_source_name}',
      event_source_name: '${var.partner_event_source_name}',
    });
    const rule = resource(stack, 'aws_cloudwatch_event_rule', 'listings_events_rule');
    expect(rule).toMatchObject({
      count,
      name: '${var.name_prefix}-listings-notifications',
      event_bus_name: '${var.partner_event_source_name}',
      depends_on: ['aws_cloudwatch_event_bus.listings_events_partner_bus'],
    });
    expect(JSON.parse(rule['event_pattern'] as string)).toEqual({
      source: [{ prefix: 'aws.partner/sellingpartnerapi.amazon.com' }],
      'detail-type': [{ prefix: 'LISTINGS_ITEM_' }],
    });
    expect(
      resource(stack, 'aws_cloudwatch_event_target', 'listings_events_queue_target'),
    ).toMatchObject({
      count,
      rule: '${var.name_prefix}-listings-notifications',
      event_bus_name: '${var.partner_event_source_name}',
      arn: queueArn('notifications'),
      dead_letter_config: { arn: queueArn('notifications', 'dlq') },
    });
  });

  it("lets only the listings rule dead-letter into the notification queue's dead-letter queue", () => {
    const statements = statementsOf(
      resource(stack, 'aws_sqs_queue_policy', 'notifications_dlq_policy')['policy'],
    );
    expect(statements).toHaveLength(2);
    expect(statements[1]).toEqual({
      Sid: 'ListingsRuleDeadLetters',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['sqs:SendMessage'],
      Resource: `${namedQueueArn('notifications')}-dlq`,
      Condition: { ArnEquals: { 'aws:SourceArn': LISTINGS_RULE_ARN } },
    });
    expect(
      statementsOf(
        resource(stack, 'aws_sqs_queue_policy', 'application_notifications_dlq_policy')['policy'],
      ),
    ).toHaveLength(1);
  });
});
