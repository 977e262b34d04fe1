import type { z } from 'zod';
import { NotificationMalformedError, UnsupportedNotificationTypeError } from './errors';
import type { Notification, NotificationMetadata } from './notification';
import {
  applicationNewSecretSchema,
  applicationSecretExpirySchema,
  camelEnvelopeSchema,
  eventBridgeEventSchema,
  listingsItemIssuesChangeSchema,
  listingsItemStatusChangeSchema,
  pascalEnvelopeSchema,
  reportProcessingFinishedSchema,
} from './notification-schemas';

type Envelope = { type: string; payload: Record<string, unknown>; metadata: NotificationMetadata };

// Issue paths and zod's own wording only: a message must never echo a value (a new client secret
// travels in APPLICATION_OAUTH_CLIENT_NEW_SECRET).
function describe(error: z.ZodError, where: string): string {
  const problems = error.issues.map(
    (issue) => `${[where, ...issue.path].join('.')}: ${issue.message}`,
  );
  return problems.slice(0, 5).join('; ');
}

function validate<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new NotificationMalformedError(describe(result.error, where));
  return result.data;
}

function readEnvelope(message: unknown, transport: 'sqs' | 'eventbridge'): Envelope {
  if (typeof message === 'object' && message !== null && 'notificationType' in message) {
    const camel = validate(camelEnvelopeSchema, message, 'notification');
    return {
      type: camel.notificationType,
      payload: camel.payload,
      metadata: {
        ...camel.notificationMetadata,
        eventTime: camel.eventTime,
        payloadVersion: camel.payloadVersion,
        transport,
      },
    };
  }
  const pascal = validate(pascalEnvelopeSchema, message, 'notification');
  const meta = pascal.NotificationMetadata;
  return {
    // The published schema's enum says LISTINGS_ITEM_STATUS_CHANGED; real messages drop the D.
    type:
      pascal.NotificationType === 'LISTINGS_ITEM_STATUS_CHANGED'
        ? 'LISTINGS_ITEM_STATUS_CHANGE'
        : pascal.NotificationType,
    payload: pascal.Payload,
    metadata: {
      notificationId: meta.NotificationId,
      subscriptionId: meta.SubscriptionId,
      applicationId: meta.ApplicationId,
      publishTime: meta.PublishTime,
      eventTime: pascal.EventTime,
      payloadVersion: pascal.PayloadVersion,
      transport,
    },
  };
}

/**
 * Validates an SQS message body carrying an SP-API notification, straight from an SQS destination or
 * wrapped in an EventBridge event, and normalises it. Throws NotificationMalformedError (never
 * retryable) or UnsupportedNotificationTypeError.
 */
export function parseNotification(body: string): Notification {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    throw new NotificationMalformedError('the message body is not JSON');
  }
  let transport: 'sqs' | 'eventbridge' = 'sqs';
  if (typeof message === 'object' && message !== null && 'detail-type' in message) {
    message = validate(eventBridgeEventSchema, message, 'event').detail;
    transport = 'eventbridge';
  }
  const { type, payload, metadata } = readEnvelope(message, transport);
  switch (type) {
    case 'REPORT_PROCESSING_FINISHED':
      return {
        type,
        metadata,
        payload: validate(reportProcessingFinishedSchema, payload, 'payload')
          .reportProcessingFinishedNotification,
      };
    case 'LISTINGS_ITEM_STATUS_CHANGE': {
      const item = validate(listingsItemStatusChangeSchema, payload, 'Payload');
      return {
        type,
        metadata,
        payload: {
          sellerId: item.SellerId,
          sku: item.Sku,
          status: item.Status,
          marketplaceId: item.MarketplaceId,
          asin: item.Asin,
          createdDate: item.CreatedDate,
        },
      };
    }
    case 'LISTINGS_ITEM_ISSUES_CHANGE': {
      const item = validate(listingsItemIssuesChangeSchema, payload, 'Payload');
      return {
        type,
        metadata,
        payload: {
          sellerId: item.SellerId,
          sku: item.Sku,
          severities: item.Severities,
          marketplaceId: item.MarketplaceId,
          asin: item.Asin,
          enforcementActions: item.EnforcementActions ?? [],
        },
      };
    }
    case 'APPLICATION_OAUTH_CLIENT_NEW_SECRET':
      return {
        type,
        metadata,
        payload: validate(applicationNewSecretSchema, payload, 'payload')
          .applicationOAuthClientNewSecret,
      };
    case 'APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY':
      return {
        type,
        metadata,
        payload: validate(applicationSecretExpirySchema, payload, 'payload')
          .applicationOAuthClientSecretExpiry,
      };
    default:
      throw new UnsupportedNotificationTypeError(type);
  }
}
