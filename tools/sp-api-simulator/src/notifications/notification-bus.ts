import type { SimulatedClock } from '../server/simulated-clock';
import type { World } from '../world/world';
import { applicationOAuthClientNewSecretNotification } from './envelopes/application-oauth-client-new-secret';
import { eventBridgeEvent } from './envelopes/eventbridge-event';
import {
  listingsItemIssuesChangeNotification,
  type ListingNotificationSeverity,
} from './envelopes/listings-item-issues-change';
import {
  listingsItemStatusChangeNotification,
  type ListingNotificationStatus,
} from './envelopes/listings-item-status-change';
import type { NotificationMetadata } from './envelopes/notification-metadata';
import { reportProcessingFinishedNotification } from './envelopes/report-processing-finished';
import {
  createFaultyDelivery,
  type Delivery,
  type NotificationFaultCounts,
  type NotificationFaults,
} from './faulty-delivery';
import { subscriptionsFor, type DestinationRecord } from './notification-state';
import { createSinkDispatcher, type NotificationSink, type SinkError } from './notification-sink';
import { APPLICATION_OAUTH_CLIENT_NEW_SECRET, NOTIFICATION_TYPES } from './notification-types';

export type { NotificationFaultCounts, NotificationFaults } from './faulty-delivery';
export type { NotificationSink, SinkError } from './notification-sink';

/** A notification handed to the sink. */
export interface DeliveredNotification {
  readonly transport: 'sqs' | 'eventbridge';
  /** The exact SQS message body (the EventBridge event for EventBridge destinations). */
  readonly body: string;
  readonly notificationType: string;
  readonly notificationId: string;
}

/**
 * Publishes SP-API notifications to the subscribed destinations of a selling partner, in each
 * type's exact envelope, through the fault options, to the sink.
 */
export interface NotificationBus {
  reportProcessingFinished(input: {
    sellingPartnerId: string;
    reportId: string;
    reportType: string;
    processingStatus: 'DONE' | 'CANCELLED' | 'FATAL';
    reportDocumentId?: string;
  }): void;
  listingsItemStatusChange(input: {
    sellingPartnerId: string;
    sku: string;
    marketplaceId: string;
    asin?: string;
    status: ListingNotificationStatus[];
    /** ISO; when the listing was created. */
    createdDate?: string;
  }): void;
  listingsItemIssuesChange(input: {
    sellingPartnerId: string;
    sku: string;
    marketplaceId: string;
    asin?: string;
    severities: ListingNotificationSeverity[];
    enforcementActions?: string[];
  }): void;
  applicationClientNewSecret(input: {
    clientId: string;
    applicationId: string;
    newClientSecret: string;
    newClientSecretExpiryTime: string;
    oldClientSecretExpiryTime: string;
  }): void;
  /** Everything delivered so far, in delivery order (what a queue consumer would have received). */
  delivered(): readonly DeliveredNotification[];
  /** Notifications the drop fault swallowed. */
  dropped(): readonly DeliveredNotification[];
  /** Deliveries held by the delay or reorder faults. */
  pending(): readonly DeliveredNotification[];
  /** Releases held deliveries that are due (called after every clock advance). */
  tick(): void;
  /** Releases every held delivery, due or not. */
  flush(): void;
  /** Replaces the fault options. */
  setFaults(faults: NotificationFaults): void;
  /** How often each delivery fault struck so far. */
  faultCounts(): NotificationFaultCounts;
  /** Failed HTTP deliveries (recorded, never thrown). */
  sinkErrors(): readonly SinkError[];
  /** Resolves once every HTTP POST started so far has settled. */
  idle(): Promise<void>;
}

/** Creates the bus. Ids come from `newId`, times from the simulated clock. */
export function createNotificationBus(deps: {
  clock: SimulatedClock;
  world: World;
  random: () => number;
  newId: (prefix: string) => string;
  sink: NotificationSink;
  faults?: NotificationFaults;
}): NotificationBus {
  const delivered: DeliveredNotification[] = [];
  const sink = createSinkDispatcher(deps.sink, deps.clock);
  const faulty = createFaultyDelivery({
    clock: deps.clock,
    random: deps.random,
    ...(deps.faults === undefined ? {} : { faults: deps.faults }),
    deliver: (delivery) => {
      delivered.push(delivery);
      sink.send(delivery.body, delivery.notificationId);
    },
  });
  // Application-level notifications have no API subscription; one stable id per application.
  const applicationSubscriptionIds = new Map<string, string>();

  const metadata = (applicationId: string, subscriptionId: string): NotificationMetadata => {
    const now = new Date(deps.clock.now()).toISOString();
    return {
      applicationId,
      subscriptionId,
      notificationId: deps.newId(''),
      eventTime: now,
      publishTime: now,
    };
  };

  const publish = (
    sellingPartnerId: string,
    notificationType: keyof typeof NOTIFICATION_TYPES,
    build: (meta: NotificationMetadata) => Record<string, unknown>,
  ): void => {
    const rule = NOTIFICATION_TYPES[notificationType];
    for (const { subscription, destination } of subscriptionsFor(
      deps.world,
      sellingPartnerId,
      notificationType,
    )) {
      if (subscription.payloadVersion !== rule.payloadVersion) continue;
      const meta = metadata(subscription.applicationId, subscription.subscriptionId);
      const notification = build(meta);
      const delivery = toDelivery(notificationType, meta, notification, destination);
      if (delivery !== undefined) faulty.submit(delivery);
    }
  };

  const toDelivery = (
    notificationType: string,
    meta: NotificationMetadata,
    notification: Record<string, unknown>,
    destination: DestinationRecord,
  ): Delivery | undefined => {
    const base = { notificationType, notificationId: meta.notificationId };
    if ('sqs' in destination.resource) {
      return { ...base, transport: 'sqs', body: JSON.stringify(notification) };
    }
    const { accountId, region } = destination.resource.eventBridge;
    const event = eventBridgeEvent(
      { accountId, region, applicationId: destination.applicationId },
      { id: deps.newId(''), notificationType, time: meta.publishTime, detail: notification },
    );
    return { ...base, transport: 'eventbridge', body: JSON.stringify(event) };
  };

  return {
    reportProcessingFinished(input) {
      const partner = deps.world.partners.get(input.sellingPartnerId);
      const vendor = partner?.accountType === 'vendor';
      publish(input.sellingPartnerId, 'REPORT_PROCESSING_FINISHED', (meta) =>
        reportProcessingFinishedNotification(meta, {
          ...(vendor ? {} : { sellerId: input.sellingPartnerId }),
          accountId: partner?.accountId ?? `amzn1.merchant.o.${input.sellingPartnerId}`,
          reportId: input.reportId,
          reportType: input.reportType,
          processingStatus: input.processingStatus,
          ...(input.reportDocumentId === undefined
            ? {}
            : { reportDocumentId: input.reportDocumentId }),
        }),
      );
    },
    listingsItemStatusChange(input) {
      publish(input.sellingPartnerId, 'LISTINGS_ITEM_STATUS_CHANGE', (meta) =>
        listingsItemStatusChangeNotification(meta, {
          sellerId: input.sellingPartnerId,
          sku: input.sku,
          marketplaceId: input.marketplaceId,
          status: input.status,
          ...(input.asin === undefined ? {} : { asin: input.asin }),
          ...(input.createdDate === undefined ? {} : { createdDate: input.createdDate }),
        }),
      );
    },
    listingsItemIssuesChange(input) {
      // A vendor's notification names its vendor code, not its selling partner id.
      const vendorCode = deps.world.partners.get(input.sellingPartnerId)?.vendorCode;
      publish(input.sellingPartnerId, 'LISTINGS_ITEM_ISSUES_CHANGE', (meta) =>
        listingsItemIssuesChangeNotification(meta, {
          sellerId: vendorCode ?? input.sellingPartnerId,
          sku: input.sku,
          marketplaceId: input.marketplaceId,
          severities: input.severities,
          ...(input.asin === undefined ? {} : { asin: input.asin }),
          ...(input.enforcementActions === undefined
            ? {}
            : { enforcementActions: input.enforcementActions }),
        }),
      );
    },
    applicationClientNewSecret(input) {
      let subscriptionId = applicationSubscriptionIds.get(input.applicationId);
      if (subscriptionId === undefined) {
        subscriptionId = deps.newId('');
        applicationSubscriptionIds.set(input.applicationId, subscriptionId);
      }
      const meta = metadata(input.applicationId, subscriptionId);
      const notification = applicationOAuthClientNewSecretNotification(meta, input);
      faulty.submit({
        transport: 'sqs',
        body: JSON.stringify(notification),
        notificationType: APPLICATION_OAUTH_CLIENT_NEW_SECRET,
        notificationId: meta.notificationId,
      });
    },
    delivered: () => delivered,
    dropped: () => faulty.dropped(),
    pending: () => faulty.pending(),
    tick: () => faulty.tick(),
    flush: () => faulty.flush(),
    setFaults: (faults) => faulty.setFaults(faults),
    faultCounts: () => faulty.counts(),
    sinkErrors: () => sink.errors(),
    idle: () => sink.idle(),
  };
}
