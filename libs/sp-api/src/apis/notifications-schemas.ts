import { z } from 'zod';

const eventFilterSchema = z.looseObject({
  eventFilterType: z.enum([
    'ANY_OFFER_CHANGED',
    'ORDER_CHANGE',
    'SHIPMENT_TRACKING_MILESTONE_CHANGED',
  ]),
  marketplaceIds: z.array(z.string()).optional(),
  aggregationSettings: z
    .looseObject({ aggregationTimePeriod: z.enum(['FiveMinutes', 'TenMinutes']) })
    .optional(),
  orderChangeTypes: z
    .array(z.enum(['BuyerRequestedChange', 'DeliveryTipChange', 'OrderStatusChange']))
    .optional(),
});

/** `Subscription`. */
export const subscriptionSchema = z.looseObject({
  subscriptionId: z.string().min(1),
  payloadVersion: z.string(),
  destinationId: z.string().min(1),
  processingDirective: z
    .looseObject({
      eventFilter: eventFilterSchema.optional(),
      filterExpression: z.string().optional(),
    })
    .optional(),
});

/** `GetSubscriptionsPayload`. */
export const subscriptionsPageSchema = z.looseObject({
  subscriptions: z.array(subscriptionSchema).optional(),
  nextToken: z.string().optional(),
});

/** `Destination`: exactly one of `sqs` / `eventBridge` is expected in `resource`. */
export const destinationSchema = z.looseObject({
  destinationId: z.string().min(1),
  name: z.string(),
  resource: z.looseObject({
    sqs: z.looseObject({ arn: z.string() }).optional(),
    eventBridge: z
      .looseObject({ name: z.string(), region: z.string(), accountId: z.string() })
      .optional(),
  }),
});

/** The Notifications wrapper: success bodies carry the result in `payload`. */
export function payloadOf<T>(schema: z.ZodType<T>): z.ZodType<T> {
  return z.looseObject({ payload: schema }).transform((body) => body.payload);
}
