import { parseNotification } from '@spapi-lake/notifications';
import { z } from 'zod';
import { SkuRefreshMessageInvalidError } from './errors';

/** Why a SKU is refreshed: the LISTINGS_ITEM_* notification type. */
export const SkuRefreshReason = {
  StatusChange: 'LISTINGS_ITEM_STATUS_CHANGE',
  IssuesChange: 'LISTINGS_ITEM_ISSUES_CHANGE',
} as const;
export type SkuRefreshReason = (typeof SkuRefreshReason)[keyof typeof SkuRefreshReason];

/** One request to refresh a SKU, whatever message carried it. */
export interface SkuRefreshRequest {
  readonly sellingPartnerId: string;
  readonly sku: string;
  /** Absent when the notification names no marketplace: every marketplace of the partner. */
  readonly marketplaceId?: string;
  readonly asin?: string;
  readonly reason: SkuRefreshReason;
  readonly notificationId: string;
  /** When the change happened (ISO 8601). */
  readonly eventTime: string;
}

/**
 * The notification subscriber's refresh request (its `ListingRefreshRequest`): what it puts on the
 * fetcher's queue after validating and de-duplicating a LISTINGS_ITEM_* notification.
 */
export const ListingRefreshRequestSchema = z.object({
  sellingPartnerId: z.string().min(1),
  region: z.string().optional(),
  marketplaceId: z.string().min(1).optional(),
  sku: z.string().min(1),
  asin: z.string().min(1).optional(),
  reason: z.enum([SkuRefreshReason.StatusChange, SkuRefreshReason.IssuesChange]),
  notificationId: z.string().min(1),
  eventTime: z.iso.datetime({ offset: true }),
});

/**
 * Reads one queue message: a refresh request from the notification subscriber, or a
 * LISTINGS_ITEM_STATUS_CHANGE / LISTINGS_ITEM_ISSUES_CHANGE notification as SP-API sends it
 * (PascalCase, usually wrapped in an EventBridge event). Anything else throws the non-retryable
 * SkuRefreshMessageInvalidError (the message goes to the dead-letter queue).
 */
export function parseSkuRefreshMessage(body: string): SkuRefreshRequest {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    throw new SkuRefreshMessageInvalidError('the message body is not JSON');
  }
  if (typeof message === 'object' && message !== null && 'sku' in message && 'reason' in message) {
    const parsed = ListingRefreshRequestSchema.safeParse(message);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SkuRefreshMessageInvalidError(
        `invalid listing refresh request (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
      );
    }
    const { region: _region, ...request } = parsed.data;
    return request;
  }
  let notification;
  try {
    notification = parseNotification(body);
  } catch (error) {
    throw new SkuRefreshMessageInvalidError(
      error instanceof Error ? error.message : 'not a supported notification',
      { cause: error },
    );
  }
  if (
    notification.type !== SkuRefreshReason.StatusChange &&
    notification.type !== SkuRefreshReason.IssuesChange
  ) {
    throw new SkuRefreshMessageInvalidError(`${notification.type} does not refresh a listing`);
  }
  const { payload, metadata } = notification;
  return {
    sellingPartnerId: payload.sellerId,
    sku: payload.sku,
    ...(payload.marketplaceId === undefined ? {} : { marketplaceId: payload.marketplaceId }),
    ...(payload.asin === undefined ? {} : { asin: payload.asin }),
    reason: notification.type,
    notificationId: metadata.notificationId,
    eventTime: metadata.eventTime,
  };
}
