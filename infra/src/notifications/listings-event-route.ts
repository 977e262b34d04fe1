import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam/policy-document';
import type { Deployment } from '../stack/deployment';

/** Where SP-API partner events come from (SPAPI.md 6.2). */
export const SP_API_EVENT_SOURCE_PREFIX = 'aws.partner/sellingpartnerapi.amazon.com';

/** The rule's pattern: every LISTINGS_ITEM_* notification of the SP-API partner source. */
export const LISTINGS_EVENT_PATTERN = {
  source: [{ prefix: SP_API_EVENT_SOURCE_PREFIX }],
  'detail-type': [{ prefix: 'LISTINGS_ITEM_' }],
} as const;

/** The listings rule's name. */
export function listingsRuleName(deployment: Deployment): string {
  return deployment.name('listings-notifications');
}

/**
 * The listings rule's ARN, from names: the queue policy names it before (and whether or not) the
 * rule exists. Rules on a custom bus are `rule/<bus name>/<rule name>`.
 */
export function listingsRuleArn(deployment: Deployment, partnerEventSourceName: string): string {
  return deployment.arn('events', `rule/${partnerEventSourceName}/${listingsRuleName(deployment)}`);
}

/** Lets EventBridge send to `queueArn` for the rule `ruleArn` alone. */
export function ruleSends(sid: string, queueArn: string, ruleArn: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: ['sqs:SendMessage'],
    Resource: queueArn,
    Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
  };
}

/** Options of {@link ListingsEventRoute}. */
export interface ListingsEventRouteProps {
  readonly deployment: Deployment;
  /** The partner event source createDestination made ('' until it exists: nothing is created). */
  readonly partnerEventSourceName: string;
  readonly queueArn: string;
  /**
   * Where EventBridge puts an event it could not deliver to the queue within the retry policy
   * (else it drops it: nothing would be left of the notification).
   */
  readonly deadLetterQueueArn: string;
}

/**
 * LISTINGS_ITEM_* notifications are EventBridge-only: the partner event bus of SP-API's event
 * source, a rule for those types, and the notification queue as its target (the consumer unwraps
 * the EventBridge envelope), with the queue's dead-letter queue as the target's: an event that
 * cannot be delivered for a day lands there (and its alarm fires). Created once the partner
 * source name is set.
 */
export class ListingsEventRoute extends Construct {
  readonly ruleName: string;
  /** 1 once the partner source name is set, else 0 (a token): the count of everything here. */
  readonly count: number;
  /** The rule as the alarms name it (its failed deliveries are watched). */
  readonly alarmedRule: {
    readonly id: string;
    readonly eventBusName: string;
    readonly ruleName: string;
    readonly count: number;
  };
  /** The rule's ARN, built from names (the queue policy names it whether or not it exists yet). */
  readonly ruleArn: string;
  readonly bus: CloudwatchEventBus;
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: ListingsEventRouteProps) {
    super(scope, id);
    const count = Token.asNumber(Fn.min([Fn.lengthOf(props.partnerEventSourceName), 1]));
    this.count = count;
    this.alarmedRule = {
      id: 'listings_notifications',
      eventBusName: props.partnerEventSourceName,
      ruleName: listingsRuleName(props.deployment),
      count,
    };
    this.ruleName = listingsRuleName(props.deployment);
    this.ruleArn = listingsRuleArn(props.deployment, props.partnerEventSourceName);
    // A partner bus must carry the name of its event source.
    this.bus = new CloudwatchEventBus(this, 'partner_bus', {
      count,
      name: props.partnerEventSourceName,
      eventSourceName: props.partnerEventSourceName,
    });
    this.rule = new CloudwatchEventRule(this, 'rule', {
      count,
      name: this.ruleName,
      description: 'SP-API LISTINGS_ITEM_* notifications into the notification queue',
      eventBusName: props.partnerEventSourceName,
      eventPattern: JSON.stringify(LISTINGS_EVENT_PATTERN),
      dependsOn: [this.bus],
    });
    new CloudwatchEventTarget(this, 'queue_target', {
      count,
      rule: this.ruleName,
      eventBusName: props.partnerEventSourceName,
      targetId: 'notification-queue',
      arn: props.queueArn,
      retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
      deadLetterConfig: { arn: props.deadLetterQueueArn },
      dependsOn: [this.rule],
    });
  }
}
