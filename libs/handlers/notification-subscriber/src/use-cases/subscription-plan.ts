import type { Account } from '@spapi-lake/config';

/** One subscription the pipeline keeps for a partner, and the destination kind it must use. */
export interface WantedSubscription {
  readonly notificationType: string;
  readonly payloadVersion: string;
  /** REPORT_PROCESSING_FINISHED is SQS-only; the LISTINGS_ITEM_* types are EventBridge-only. */
  readonly transport: 'sqs' | 'eventbridge';
}

/** REPORT_PROCESSING_FINISHED, payload version 2020-09-04, on the SQS destination. */
export const REPORT_PROCESSING_FINISHED_SUBSCRIPTION: WantedSubscription = {
  notificationType: 'REPORT_PROCESSING_FINISHED',
  payloadVersion: '2020-09-04',
  transport: 'sqs',
};

/** LISTINGS_ITEM_ISSUES_CHANGE, for sellers and vendors; its 1.0 payload version is retired. */
export const LISTINGS_ITEM_ISSUES_SUBSCRIPTION: WantedSubscription = {
  notificationType: 'LISTINGS_ITEM_ISSUES_CHANGE',
  payloadVersion: '2023-12-13',
  transport: 'eventbridge',
};

/** The listings types of sellers, on the EventBridge destination. */
export const LISTINGS_SUBSCRIPTIONS: readonly WantedSubscription[] = [
  {
    notificationType: 'LISTINGS_ITEM_STATUS_CHANGE',
    payloadVersion: '1.0',
    transport: 'eventbridge',
  },
  LISTINGS_ITEM_ISSUES_SUBSCRIPTION,
];

/**
 * The subscriptions an account gets: REPORT_PROCESSING_FINISHED unless its
 * `reportProcessingNotifications` is off (vendors by default); the listings types for sellers, only
 * LISTINGS_ITEM_ISSUES_CHANGE for vendors (STATUS_CHANGE is for sellers only). Accounts that are not
 * `active` get none.
 */
export function subscriptionPlan(account: Account): readonly WantedSubscription[] {
  if (account.status !== 'active') return [];
  return [
    ...(account.reportProcessingNotifications ? [REPORT_PROCESSING_FINISHED_SUBSCRIPTION] : []),
    ...(account.accountType === 'seller'
      ? LISTINGS_SUBSCRIPTIONS
      : [LISTINGS_ITEM_ISSUES_SUBSCRIPTION]),
  ];
}
