import { z } from 'zod';
import type { definitions, operations } from '../generated/notifications.types';
import type { OperationCaller } from '../operation-caller';
import { parseResponseBody } from '../response-body';
import {
  destinationSchema,
  payloadOf,
  subscriptionSchema,
  subscriptionsPageSchema,
} from './notifications-schemas';

/** Notifications v1 `Subscription`. */
export type Subscription = definitions['Subscription'];
/** The unwrapped payload of `getSubscriptions`. */
export type SubscriptionsPage = definitions['GetSubscriptionsPayload'];
/** Notifications v1 `Destination` (SQS or EventBridge). */
export type Destination = definitions['Destination'];
/** Body of `createSubscription`. */
export type CreateSubscriptionRequest = definitions['CreateSubscriptionRequest'];
/** Body of `createDestination`. */
export type CreateDestinationRequest = definitions['CreateDestinationRequest'];
/** Body of `sendTestNotification`. */
export type SendTestNotificationRequest = definitions['SendTestNotificationRequest'];
/** Query of `getSubscriptions`. */
export type GetSubscriptionsQuery = operations['getSubscriptions']['parameters']['query'];

/**
 * Notifications API v1: every operation of the model, `payload` unwrapped. Destinations,
 * `getSubscriptionById`, `deleteSubscriptionById` and `sendTestNotification` are grantless.
 */
export interface NotificationsApi {
  getSubscriptions(query: GetSubscriptionsQuery): Promise<SubscriptionsPage>;
  getSubscription(
    notificationType: string,
    query?: { readonly payloadVersion?: string },
  ): Promise<Subscription>;
  createSubscription(
    notificationType: string,
    request: CreateSubscriptionRequest,
  ): Promise<Subscription>;
  getSubscriptionById(notificationType: string, subscriptionId: string): Promise<Subscription>;
  deleteSubscriptionById(notificationType: string, subscriptionId: string): Promise<void>;
  /** Sandbox-only: asks Amazon to send a test notification to a destination. */
  sendTestNotification(
    notificationType: string,
    request: SendTestNotificationRequest,
  ): Promise<void>;
  getDestinations(): Promise<Destination[]>;
  createDestination(request: CreateDestinationRequest): Promise<Destination>;
  getDestination(destinationId: string): Promise<Destination>;
  deleteDestination(destinationId: string): Promise<void>;
}

const subscriptionPayload = payloadOf(subscriptionSchema);
const destinationPayload = payloadOf(destinationSchema);

/** The Notifications API over an operation caller. */
export function createNotificationsApi(call: OperationCaller): NotificationsApi {
  return {
    async getSubscriptions(query) {
      const response = await call('getSubscriptions', { query });
      return parseResponseBody(payloadOf(subscriptionsPageSchema), response);
    },
    async getSubscription(notificationType, query = {}) {
      const response = await call('getSubscription', { pathParams: { notificationType }, query });
      return parseResponseBody(subscriptionPayload, response);
    },
    async createSubscription(notificationType, request) {
      const response = await call('createSubscription', {
        pathParams: { notificationType },
        body: request,
      });
      return parseResponseBody(subscriptionPayload, response);
    },
    async getSubscriptionById(notificationType, subscriptionId) {
      const response = await call('getSubscriptionById', {
        pathParams: { notificationType, subscriptionId },
      });
      return parseResponseBody(subscriptionPayload, response);
    },
    async deleteSubscriptionById(notificationType, subscriptionId) {
      await call('deleteSubscriptionById', { pathParams: { notificationType, subscriptionId } });
    },
    async sendTestNotification(notificationType, request) {
      await call('sendTestNotification', { pathParams: { notificationType }, body: request });
    },
    async getDestinations() {
      const response = await call('getDestinations');
      return parseResponseBody(payloadOf(z.array(destinationSchema)), response);
    },
    async createDestination(request) {
      const response = await call('createDestination', { body: request });
      return parseResponseBody(destinationPayload, response);
    },
    async getDestination(destinationId) {
      const response = await call('getDestination', { pathParams: { destinationId } });
      return parseResponseBody(destinationPayload, response);
    },
    async deleteDestination(destinationId) {
      await call('deleteDestination', { pathParams: { destinationId } });
    },
  };
}
