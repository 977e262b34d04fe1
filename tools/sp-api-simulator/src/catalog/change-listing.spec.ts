import { listingsHandlers } from '../apis/listings';
import { notificationsHandlers } from '../apis/notifications';
import { inProcessContext, type InProcessContext } from '../notifications/in-process-context';
import { notificationSchemaValidators } from '../notifications/notification-schema-validator';
import { grantlessCaller, operationRequest, partnerCaller } from '../notifications/test-requests';
import { changeListing, UnknownListingError } from './change-listing';
import { listingsTruth } from './listings-truth';

const US = 'ATVPDKIKX0DER';
const validators = notificationSchemaValidators();

async function subscribedContext(): Promise<{ ctx: InProcessContext; sellerId: string }> {
  const ctx = inProcessContext();
  const sellerId =
    [...ctx.world.partners.values()].find((p) => p.accountType === 'seller')?.sellingPartnerId ??
    '';
  const created = await notificationsHandlers['createDestination']?.(
    operationRequest('createDestination', grantlessCaller(ctx.world), {
      body: {
        name: 'bus',
        resourceSpecification: { eventBridge: { accountId: '123456789012', region: 'us-east-1' } },
      },
    }),
    ctx,
  );
  const destinationId = (created?.body as { payload: { destinationId: string } }).payload
    .destinationId;
  for (const [notificationType, payloadVersion] of [
    ['LISTINGS_ITEM_STATUS_CHANGE', '1.0'],
    ['LISTINGS_ITEM_ISSUES_CHANGE', '2023-12-13'],
  ] as const) {
    await notificationsHandlers['createSubscription']?.(
      operationRequest('createSubscription', partnerCaller(ctx.world, sellerId), {
        pathParams: { notificationType },
        body: { payloadVersion, destinationId },
      }),
      ctx,
    );
  }
  return { ctx, sellerId };
}

function details(ctx: InProcessContext): Record<string, unknown>[] {
  return ctx.queue
    .receive()
    .map((body) => (JSON.parse(body) as { detail: Record<string, unknown> }).detail);
}

describe('changeListing', () => {
  it('changes the status, stamps lastUpdatedDate and emits LISTINGS_ITEM_STATUS_CHANGE', async () => {
    const { ctx, sellerId } = await subscribedContext();
    const listing = listingsTruth(ctx.world, sellerId, US, ctx.clock.now()).find((r) =>
      r.status.includes('BUYABLE'),
    );
    const sku = listing?.sku ?? '';
    ctx.clock.advance(3_600_000);

    const result = changeListing(ctx, {
      sellingPartnerId: sellerId,
      sku,
      marketplaceId: US,
      change: { status: ['DISCOVERABLE'] },
    });

    expect(result.notifications).toEqual(['LISTINGS_ITEM_STATUS_CHANGE']);
    expect(result.listing?.status).toEqual(['DISCOVERABLE']);
    expect(result.listing?.lastUpdatedDate).toBe('2026-11-01T01:00:00.000Z');
    const [detail] = details(ctx);
    expect(validators.get('LISTINGS_ITEM_STATUS_CHANGE')?.(detail)).toBe(true);
    expect(detail).toMatchObject({
      EventTime: '2026-11-01T01:00:00.000Z',
      Payload: {
        SellerId: sellerId,
        Sku: sku,
        MarketplaceId: US,
        Asin: listing?.asin,
        Status: ['DISCOVERABLE'],
      },
    });
    const api = await listingsHandlers['getListingsItem']?.(
      operationRequest('getListingsItem', partnerCaller(ctx.world, sellerId), {
        pathParams: { sellerId, sku },
        query: { marketplaceIds: US },
      }),
      ctx,
    );
    expect((api?.body as { summaries: { status: string[] }[] }).summaries[0]?.status).toEqual([
      'DISCOVERABLE',
    ]);
  });

  it('replaces the issues and emits LISTINGS_ITEM_ISSUES_CHANGE with severities and enforcement actions', async () => {
    const { ctx, sellerId } = await subscribedContext();
    const listing = listingsTruth(ctx.world, sellerId, US, ctx.clock.now())[0];
    const result = changeListing(ctx, {
      sellingPartnerId: sellerId,
      sku: listing?.sku ?? '',
      marketplaceId: US,
      change: {
        issues: [
          { severity: 'ERROR', enforcementActions: ['LISTING_SUPPRESSED'] },
          { severity: 'WARNING' },
        ],
      },
    });
    expect(result.notifications).toEqual(['LISTINGS_ITEM_ISSUES_CHANGE']);
    const [detail] = details(ctx);
    expect(validators.get('LISTINGS_ITEM_ISSUES_CHANGE')?.(detail)).toBe(true);
    expect(detail).toMatchObject({
      Payload: { Severities: ['ERROR', 'WARNING'], EnforcementActions: ['LISTING_SUPPRESSED'] },
    });

    changeListing(ctx, {
      sellingPartnerId: sellerId,
      sku: listing?.sku ?? '',
      marketplaceId: US,
      change: { issues: [] },
    });
    expect(details(ctx)[0]).toMatchObject({
      Payload: { Severities: ['NONE'], EnforcementActions: [] },
    });
  });

  it('emits both notifications for a status and issues change, and none when nothing changes', async () => {
    const { ctx, sellerId } = await subscribedContext();
    const listing = listingsTruth(ctx.world, sellerId, US, ctx.clock.now()).find(
      (r) => r.status.length === 2,
    );
    const input = { sellingPartnerId: sellerId, sku: listing?.sku ?? '', marketplaceId: US };
    const both = changeListing(ctx, {
      ...input,
      change: { status: [], issues: [{ severity: 'ERROR' }] },
    });
    expect(both.notifications).toEqual([
      'LISTINGS_ITEM_STATUS_CHANGE',
      'LISTINGS_ITEM_ISSUES_CHANGE',
    ]);
    expect(details(ctx).map((d) => d['NotificationType'])).toEqual([
      'LISTINGS_ITEM_STATUS_CHANGE',
      'LISTINGS_ITEM_ISSUES_CHANGE',
    ]);
    const none = changeListing(ctx, { ...input, change: { status: [] } });
    expect(none.notifications).toEqual([]);
    expect(ctx.queue.size).toBe(0);
  });

  it('changes the price without a notification', async () => {
    const { ctx, sellerId } = await subscribedContext();
    const listing = listingsTruth(ctx.world, sellerId, US, ctx.clock.now())[0];
    const result = changeListing(ctx, {
      sellingPartnerId: sellerId,
      sku: listing?.sku ?? '',
      marketplaceId: US,
      change: { price: '12.34' },
    });
    expect(result.notifications).toEqual([]);
    expect(result.listing?.price).toEqual({ currencyCode: 'USD', amount: '12.34' });
  });

  it('deletes a listing with a DELETED status notification', async () => {
    const { ctx, sellerId } = await subscribedContext();
    const listing = listingsTruth(ctx.world, sellerId, US, ctx.clock.now())[0];
    const sku = listing?.sku ?? '';
    const result = changeListing(ctx, {
      sellingPartnerId: sellerId,
      sku,
      marketplaceId: US,
      change: { status: ['DELETED'] },
    });
    expect(result.listing).toBeUndefined();
    expect(details(ctx)[0]).toMatchObject({ Payload: { Status: ['DELETED'] } });
    expect(listingsTruth(ctx.world, sellerId, US, ctx.clock.now()).some((r) => r.sku === sku)).toBe(
      false,
    );
  });

  it('throws UnknownListingError for a SKU the partner does not have', () => {
    const ctx = inProcessContext();
    const sellerId = [...ctx.world.partners.keys()][0] ?? '';
    expect(() =>
      changeListing(ctx, {
        sellingPartnerId: sellerId,
        sku: 'missing',
        marketplaceId: US,
        change: { status: [] },
      }),
    ).toThrow(UnknownListingError);
  });
});
