/** How a notification type reaches the application: an SQS destination or an EventBridge one. */
export const Transport = { sqs: 'sqs', eventbridge: 'eventbridge' } as const;
export type Transport = (typeof Transport)[keyof typeof Transport];

/** What SP-API accepts when subscribing to one notification type. */
export interface NotificationTypeRule {
  readonly transport: Transport;
  /** The payload version createSubscription accepts (and the latest one). */
  readonly payloadVersion: string;
  /** Versions SP-API has retired: createSubscription answers 400 for them. */
  readonly retiredPayloadVersions: readonly string[];
}

/**
 * The notification types the simulator can subscribe to and deliver. REPORT_PROCESSING_FINISHED is
 * SQS-only; the LISTINGS_ITEM_* types are EventBridge-only (SP-API answers 400 otherwise).
 */
export const NOTIFICATION_TYPES = {
  REPORT_PROCESSING_FINISHED: {
    transport: Transport.sqs,
    payloadVersion: '2020-09-04',
    retiredPayloadVersions: ['1.0'],
  },
  LISTINGS_ITEM_STATUS_CHANGE: {
    transport: Transport.eventbridge,
    payloadVersion: '1.0',
    retiredPayloadVersions: [],
  },
  LISTINGS_ITEM_ISSUES_CHANGE: {
    transport: Transport.eventbridge,
    payloadVersion: '2023-12-13',
    // 1.0 was retired on 2024-09-25.
    retiredPayloadVersions: ['1.0'],
  },
} as const satisfies Record<string, NotificationTypeRule>;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;

/** The rule of a subscribable notification type, or undefined for any other name. */
export function notificationTypeRule(name: string): NotificationTypeRule | undefined {
  return Object.hasOwn(NOTIFICATION_TYPES, name)
    ? NOTIFICATION_TYPES[name as NotificationType]
    : undefined;
}

/** Application-level notification delivered to the app's Developer Console queue (no subscription API). */
export const APPLICATION_OAUTH_CLIENT_NEW_SECRET = 'APPLICATION_OAUTH_CLIENT_NEW_SECRET';
