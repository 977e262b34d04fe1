/** Where an EventBridge destination lives. */
export interface EventBridgeTarget {
  readonly accountId: string;
  readonly region: string;
  readonly applicationId: string;
}

/** The partner event source name SP-API creates for an application in an AWS account. */
export function partnerEventSourceName(accountId: string, applicationId: string): string {
  return `aws.partner/sellingpartnerapi.amazon.com/${accountId}/${applicationId}`;
}

/**
 * Wraps a notification as the EventBridge event a rule forwards (to SQS, the message body is this
 * whole event; consumers unwrap `detail`). EventBridge `time` has second precision.
 */
export function eventBridgeEvent(
  target: EventBridgeTarget,
  input: { id: string; notificationType: string; time: string; detail: Record<string, unknown> },
): Record<string, unknown> {
  return {
    version: '0',
    id: input.id,
    'detail-type': input.notificationType,
    source: partnerEventSourceName(target.accountId, target.applicationId),
    account: target.accountId,
    time: input.time.replace(/\.\d+Z$/, 'Z'),
    region: target.region,
    resources: [],
    detail: input.detail,
  };
}
