import { z } from 'zod';

const text = z.string().min(1);

// The models declare these `format: date-time` (RFC 3339, as Amazon sends them: `Z` or `+hh:mm`,
// fractional seconds of any precision). Checked here so a bad one dead-letters in the consumer,
// not after de-duplication in the catalog fetcher (its refresh request checks eventTime the same way).
const dateTime = z.iso.datetime({ offset: true });

export const camelEnvelopeSchema = z.object({
  notificationVersion: text,
  notificationType: text,
  payloadVersion: text,
  eventTime: dateTime,
  payload: z.record(z.string(), z.unknown()),
  notificationMetadata: z.object({
    applicationId: text,
    subscriptionId: text,
    publishTime: dateTime,
    notificationId: text,
  }),
});

export const pascalEnvelopeSchema = z.object({
  NotificationVersion: text,
  NotificationType: text,
  PayloadVersion: text,
  EventTime: dateTime,
  Payload: z.record(z.string(), z.unknown()),
  NotificationMetadata: z.object({
    ApplicationId: text,
    SubscriptionId: text,
    PublishTime: dateTime,
    NotificationId: text,
  }),
});

/** The EventBridge event an SP-API partner event source puts on the bus (and a rule sends to SQS). */
export const eventBridgeEventSchema = z.object({
  'detail-type': text,
  source: z.string().startsWith('aws.partner/sellingpartnerapi.amazon.com'),
  detail: z.record(z.string(), z.unknown()),
});

export const reportProcessingFinishedSchema = z.object({
  reportProcessingFinishedNotification: z.object({
    accountId: text,
    sellerId: text.nullish().transform((value) => value ?? undefined),
    reportId: text,
    reportType: text,
    processingStatus: z.enum(['DONE', 'CANCELLED', 'FATAL']),
    reportDocumentId: text.nullish().transform((value) => value ?? undefined),
  }),
});

// Optional fields of the listings payloads: null is taken as absent (as for REPORT_PROCESSING_FINISHED's
// sellerId), so that a usable change is not dead-lettered for it.
const optionalText = text.nullish().transform((value) => value ?? undefined);

export const listingsItemStatusChangeSchema = z.object({
  SellerId: text,
  Sku: text,
  // Known: BUYABLE, DISCOVERABLE, DELETED. Nothing here decides on them, so a value Amazon adds
  // later must not send a usable notification to the dead-letter queue.
  Status: z.array(text),
  MarketplaceId: optionalText,
  Asin: optionalText,
  CreatedDate: dateTime.nullish().transform((value) => value ?? undefined),
});

export const listingsItemIssuesChangeSchema = z.object({
  SellerId: text,
  Sku: text,
  // Known: NONE, ERROR, WARNING; open for the same reason as Status.
  Severities: z.array(text),
  MarketplaceId: optionalText,
  Asin: optionalText,
  EnforcementActions: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? undefined),
});

export const applicationNewSecretSchema = z.object({
  applicationOAuthClientNewSecret: z.object({
    clientId: text,
    newClientSecret: text,
    newClientSecretExpiryTime: text,
    oldClientSecretExpiryTime: text,
  }),
});

export const applicationSecretExpirySchema = z.object({
  applicationOAuthClientSecretExpiry: z.object({
    clientId: text,
    clientSecretExpiryTime: text,
    clientSecretExpiryReason: z.string().optional(),
  }),
});
