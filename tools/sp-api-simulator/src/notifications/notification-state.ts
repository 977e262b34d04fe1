import type { World } from '../world/world';

/** Where a destination sends: an SQS queue, or an EventBridge partner event source. */
export type DestinationResource =
  | { readonly sqs: { readonly arn: string } }
  | {
      readonly eventBridge: {
        readonly name: string;
        readonly region: string;
        readonly accountId: string;
      };
    };

/** A destination; it belongs to an application, not to a selling partner. */
export interface DestinationRecord {
  readonly destinationId: string;
  readonly applicationId: string;
  readonly name: string;
  readonly resource: DestinationResource;
}

/** A subscription of one selling partner (through one application) to one notification type. */
export interface SubscriptionRecord {
  readonly subscriptionId: string;
  readonly applicationId: string;
  readonly sellingPartnerId: string;
  readonly notificationType: string;
  readonly payloadVersion: string;
  readonly destinationId: string;
}

/** Destinations and subscriptions, in creation order. */
export interface NotificationState {
  readonly destinations: Map<string, DestinationRecord>;
  readonly subscriptions: Map<string, SubscriptionRecord>;
}

/** The notification state kept in the world (created on first use). */
export function notificationState(world: World): NotificationState {
  return world.state<NotificationState>('notifications', () => ({
    destinations: new Map(),
    subscriptions: new Map(),
  }));
}

/** The subscriptions (with their destination) that receive `notificationType` for a partner. */
export function subscriptionsFor(
  world: World,
  sellingPartnerId: string,
  notificationType: string,
): { subscription: SubscriptionRecord; destination: DestinationRecord }[] {
  const state = notificationState(world);
  const out: { subscription: SubscriptionRecord; destination: DestinationRecord }[] = [];
  for (const subscription of state.subscriptions.values()) {
    if (subscription.sellingPartnerId !== sellingPartnerId) continue;
    if (subscription.notificationType !== notificationType) continue;
    const destination = state.destinations.get(subscription.destinationId);
    if (destination !== undefined) out.push({ subscription, destination });
  }
  return out;
}
