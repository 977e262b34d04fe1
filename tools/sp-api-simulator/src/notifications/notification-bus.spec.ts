import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notificationsHandlers } from '../apis/notifications';
import type { OperationResponse } from '../server/operation';
import type { NotificationFaultCounts, NotificationFaults } from './faulty-delivery';
import { inProcessContext, type InProcessContext } from './in-process-context';
import { notificationSchemaValidators } from './notification-schema-validator';
import type { NotificationSink } from './notification-sink';
import { grantlessCaller, operationRequest, partnerCaller } from './test-requests';

const validators = notificationSchemaValidators();
const US = 'ATVPDKIKX0DER';

function partnerIds(ctx: InProcessContext): { seller: string; vendor: string } {
  const partners = [...ctx.world.partners.values()];
  const seller = partners.find((p) => p.accountType === 'seller')?.sellingPartnerId ?? '';
  const vendor = partners.find((p) => p.accountType === 'vendor')?.sellingPartnerId ?? '';
  return { seller, vendor };
}

async function call(
  ctx: InProcessContext,
  operationId: string,
  request: Parameters<typeof operationRequest>,
): Promise<OperationResponse> {
  const handler = notificationsHandlers[operationId];
  if (handler === undefined) throw new Error(`no handler ${operationId}`);
  return handler(operationRequest(...request), ctx);
}

function payloadOf(response: OperationResponse): Record<string, string> {
  return (response.body as { payload: Record<string, string> }).payload;
}

/** Creates an SQS and an EventBridge destination and subscribes `partner` to the three types. */
async function subscribeAll(ctx: InProcessContext, sellingPartnerId: string): Promise<void> {
  const grantless = grantlessCaller(ctx.world);
  const sqs = await call(ctx, 'createDestination', [
    'createDestination',
    grantless,
    {
      body: {
        name: 'queue',
        resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:123456789012:spapi' } },
      },
    },
  ]);
  const eventBridge = await call(ctx, 'createDestination', [
    'createDestination',
    grantless,
    {
      body: {
        name: 'bus',
        resourceSpecification: { eventBridge: { accountId: '123456789012', region: 'us-east-1' } },
      },
    },
  ]);
  const partner = partnerCaller(ctx.world, sellingPartnerId);
  const subscriptions: [string, string, string][] = [
    ['REPORT_PROCESSING_FINISHED', '2020-09-04', payloadOf(sqs)['destinationId'] ?? ''],
    ['LISTINGS_ITEM_STATUS_CHANGE', '1.0', payloadOf(eventBridge)['destinationId'] ?? ''],
    ['LISTINGS_ITEM_ISSUES_CHANGE', '2023-12-13', payloadOf(eventBridge)['destinationId'] ?? ''],
  ];
  for (const [notificationType, payloadVersion, destinationId] of subscriptions) {
    const response = await call(ctx, 'createSubscription', [
      'createSubscription',
      partner,
      { pathParams: { notificationType }, body: { payloadVersion, destinationId } },
    ]);
    expect(response.status).toBe(200);
  }
}

function publishReport(ctx: InProcessContext, sellingPartnerId: string, reportId = '50001'): void {
  ctx.notifications.reportProcessingFinished({
    sellingPartnerId,
    reportId,
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    processingStatus: 'DONE',
    reportDocumentId: `amzn1.spdoc.1.4.na.${reportId}`,
  });
}

function bodies(ctx: InProcessContext): Record<string, unknown>[] {
  return ctx.queue.peek().map((body) => JSON.parse(body) as Record<string, unknown>);
}

describe('notification bus envelopes', () => {
  it('delivers REPORT_PROCESSING_FINISHED as the raw camelCase notification, valid against its schema', async () => {
    const ctx = inProcessContext();
    const { seller } = partnerIds(ctx);
    await subscribeAll(ctx, seller);
    publishReport(ctx, seller);

    const [body] = bodies(ctx);
    expect(validators.get('REPORT_PROCESSING_FINISHED')?.(body)).toBe(true);
    expect(body).toMatchObject({
      notificationType: 'REPORT_PROCESSING_FINISHED',
      payloadVersion: '2020-09-04',
      eventTime: '2026-11-01T00:00:00.000Z',
      payload: {
        reportProcessingFinishedNotification: {
          sellerId: seller,
          accountId: `amzn1.merchant.o.${seller}`,
          reportId: '50001',
          processingStatus: 'DONE',
          reportDocumentId: 'amzn1.spdoc.1.4.na.50001',
        },
      },
    });
    expect(ctx.notifications.delivered()).toEqual([
      expect.objectContaining({ transport: 'sqs', notificationType: 'REPORT_PROCESSING_FINISHED' }),
    ]);
  });

  it('omits sellerId and carries the vendor group id for a vendor report', async () => {
    const ctx = inProcessContext();
    const { vendor } = partnerIds(ctx);
    await subscribeAll(ctx, vendor);
    ctx.notifications.reportProcessingFinished({
      sellingPartnerId: vendor,
      reportId: '7',
      reportType: 'GET_VENDOR_SALES_REPORT',
      processingStatus: 'CANCELLED',
    });

    const [body] = bodies(ctx);
    expect(validators.get('REPORT_PROCESSING_FINISHED')?.(body)).toBe(true);
    const payload = (body?.['payload'] as Record<string, Record<string, unknown>>)[
      'reportProcessingFinishedNotification'
    ];
    expect(payload?.['sellerId']).toBeUndefined();
    expect(payload?.['reportDocumentId']).toBeUndefined();
    expect(payload?.['accountId']).toBe(ctx.world.partners.get(vendor)?.accountId);
  });

  it('wraps LISTINGS_ITEM_* notifications in an EventBridge event whose detail matches the schema', async () => {
    const ctx = inProcessContext();
    const { seller } = partnerIds(ctx);
    await subscribeAll(ctx, seller);
    ctx.notifications.listingsItemStatusChange({
      sellingPartnerId: seller,
      sku: 'SKU/1 blue',
      marketplaceId: US,
      asin: 'B0TESTASIN',
      status: ['DISCOVERABLE'],
    });
    ctx.notifications.listingsItemIssuesChange({
      sellingPartnerId: seller,
      sku: 'SKU/1 blue',
      marketplaceId: US,
      severities: ['ERROR'],
      enforcementActions: ['LISTING_SUPPRESSED'],
    });

    const [status, issues] = bodies(ctx);
    const applicationId = [...ctx.world.clients.values()][0]?.applicationId;
    for (const event of [status, issues]) {
      expect(event).toMatchObject({
        version: '0',
        source: `aws.partner/sellingpartnerapi.amazon.com/123456789012/${applicationId}`,
        account: '123456789012',
        region: 'us-east-1',
        time: '2026-11-01T00:00:00Z',
        resources: [],
      });
    }
    expect(status?.['detail-type']).toBe('LISTINGS_ITEM_STATUS_CHANGE');
    expect(validators.get('LISTINGS_ITEM_STATUS_CHANGE')?.(status?.['detail'])).toBe(true);
    expect(status?.['detail']).toMatchObject({
      NotificationType: 'LISTINGS_ITEM_STATUS_CHANGE',
      PayloadVersion: '1.0',
      Payload: {
        SellerId: seller,
        Sku: 'SKU/1 blue',
        Status: ['DISCOVERABLE'],
        Asin: 'B0TESTASIN',
      },
      NotificationMetadata: { ApplicationId: applicationId },
    });
    expect(issues?.['detail-type']).toBe('LISTINGS_ITEM_ISSUES_CHANGE');
    expect(validators.get('LISTINGS_ITEM_ISSUES_CHANGE')?.(issues?.['detail'])).toBe(true);
    expect(issues?.['detail']).toMatchObject({
      PayloadVersion: '2023-12-13',
      Payload: { Severities: ['ERROR'], EnforcementActions: ['LISTING_SUPPRESSED'] },
    });
  });

  it("names a vendor's vendor code, not its selling partner id, as the SellerId of LISTINGS_ITEM_ISSUES_CHANGE", async () => {
    const ctx = inProcessContext();
    const { seller, vendor } = partnerIds(ctx);
    await subscribeAll(ctx, vendor);
    ctx.notifications.listingsItemIssuesChange({
      sellingPartnerId: vendor,
      sku: 'SKU-V1',
      marketplaceId: US,
      severities: ['WARNING'],
    });

    const [event] = bodies(ctx);
    const vendorCode = ctx.world.partners.get(vendor)?.vendorCode;
    expect(vendorCode).toMatch(/^[A-Z0-9]{5}$/);
    expect(ctx.world.partners.get(seller)?.vendorCode).toBeUndefined();
    expect(validators.get('LISTINGS_ITEM_ISSUES_CHANGE')?.(event?.['detail'])).toBe(true);
    expect(event?.['detail']).toMatchObject({ Payload: { SellerId: vendorCode, Sku: 'SKU-V1' } });
  });

  it('accepts the real LISTINGS_ITEM_STATUS_CHANGE type despite the schema enum typo', () => {
    const validate = validators.get('LISTINGS_ITEM_STATUS_CHANGE');
    const message = {
      NotificationVersion: '1.0',
      NotificationType: 'LISTINGS_ITEM_STATUS_CHANGE',
      PayloadVersion: '1.0',
      EventTime: '2026-11-01T00:00:00.000Z',
      Payload: { SellerId: 'A1', Sku: 'S', Status: ['BUYABLE'] },
      NotificationMetadata: {
        ApplicationId: 'app',
        SubscriptionId: 'sub',
        PublishTime: '2026-11-01T00:00:00.000Z',
        NotificationId: 'n',
      },
    };
    expect(validate?.(message)).toBe(true);
    expect(validate?.({ ...message, NotificationType: 'SOMETHING_ELSE' })).toBe(false);
  });

  it('delivers nothing to a partner without a subscription', async () => {
    const ctx = inProcessContext();
    const { seller, vendor } = partnerIds(ctx);
    await subscribeAll(ctx, seller);
    publishReport(ctx, vendor);
    expect(ctx.notifications.delivered()).toHaveLength(0);
  });

  it('delivers application secret notifications without a subscription', () => {
    const ctx = inProcessContext();
    const client = [...ctx.world.clients.values()][0];
    ctx.notifications.applicationClientNewSecret({
      clientId: client?.clientId ?? '',
      applicationId: client?.applicationId ?? '',
      newClientSecret: 'amzn1.oa2-cs.v1.new',
      newClientSecretExpiryTime: '2027-05-01T00:00:00.000Z',
      oldClientSecretExpiryTime: '2026-11-08T00:00:00.000Z',
    });
    const [body] = bodies(ctx);
    expect(body).toMatchObject({
      notificationType: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
      payload: { applicationOAuthClientNewSecret: { newClientSecret: 'amzn1.oa2-cs.v1.new' } },
      notificationMetadata: { applicationId: client?.applicationId },
    });
  });
});

describe('notification faults', () => {
  async function faulty(
    faults: NotificationFaults,
  ): Promise<{ ctx: InProcessContext; seller: string }> {
    const ctx = inProcessContext({ faults });
    const { seller } = partnerIds(ctx);
    await subscribeAll(ctx, seller);
    return { ctx, seller };
  }

  it('drops notifications and records them as dropped', async () => {
    const { ctx, seller } = await faulty({ dropRatio: 1 });
    publishReport(ctx, seller);
    expect(ctx.queue.size).toBe(0);
    expect(ctx.notifications.delivered()).toHaveLength(0);
    expect(ctx.notifications.dropped()).toEqual([
      expect.objectContaining({ notificationType: 'REPORT_PROCESSING_FINISHED' }),
    ]);
  });

  it('drops only a share of notifications with a partial ratio, deterministically', async () => {
    const run = async (): Promise<number> => {
      const { ctx, seller } = await faulty({ dropRatio: 0.5 });
      for (let i = 0; i < 40; i += 1) publishReport(ctx, seller, String(i));
      expect(ctx.notifications.delivered().length + ctx.notifications.dropped().length).toBe(40);
      return ctx.notifications.dropped().length;
    };
    const dropped = await run();
    expect(dropped).toBeGreaterThan(5);
    expect(dropped).toBeLessThan(35);
    expect(await run()).toBe(dropped);
  });

  it('duplicates a notification as the very same body', async () => {
    const { ctx, seller } = await faulty({ duplicateRatio: 1 });
    publishReport(ctx, seller);
    const [first, second] = ctx.queue.peek();
    expect(ctx.queue.size).toBe(2);
    expect(second).toBe(first);
    expect(ctx.notifications.delivered().map((d) => d.notificationId)).toEqual([
      ctx.notifications.delivered()[0]?.notificationId,
      ctx.notifications.delivered()[0]?.notificationId,
    ]);
    expect(ctx.notifications.faultCounts()).toMatchObject({ duplicated: 1, reorderedBatches: 0 });
  });

  it('delays delivery until the simulated clock passes the due time', async () => {
    const { ctx, seller } = await faulty({ delayMs: 60_000 });
    publishReport(ctx, seller);
    expect(ctx.queue.size).toBe(0);
    expect(ctx.notifications.pending()).toHaveLength(1);

    ctx.clock.advance(59_999);
    ctx.notifications.tick();
    expect(ctx.queue.size).toBe(0);

    ctx.clock.advance(1);
    ctx.notifications.tick();
    expect(ctx.queue.size).toBe(1);
    expect(ctx.notifications.pending()).toHaveLength(0);
    // The body says when the event happened, not when the delayed message arrived.
    expect(bodies(ctx)[0]?.['eventTime']).toBe('2026-11-01T00:00:00.000Z');
  });

  it('reorders a held batch deterministically and delivers every notification', async () => {
    let counts: NotificationFaultCounts | undefined;
    const run = async (): Promise<string[]> => {
      const { ctx, seller } = await faulty({ reorder: true, reorderWindow: 5 });
      for (let i = 1; i <= 4; i += 1) publishReport(ctx, seller, String(i));
      expect(ctx.queue.size).toBe(0);
      publishReport(ctx, seller, '5');
      counts = ctx.notifications.faultCounts();
      return bodies(ctx).map((body) => {
        const payload = body['payload'] as Record<string, Record<string, string>>;
        return payload['reportProcessingFinishedNotification']?.['reportId'] ?? '';
      });
    };
    const order = await run();
    expect([...order].sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(counts).toEqual({
      duplicated: 0,
      reorderedBatches: 1,
      reorderedDeliveries: 5,
      dropped: 0,
      delayed: 0,
    });
    expect(order).not.toEqual(['1', '2', '3', '4', '5']);
    expect(await run()).toEqual(order);
  });

  it('releases a partial reorder batch on tick', async () => {
    const { ctx, seller } = await faulty({ reorder: true });
    publishReport(ctx, seller, '1');
    publishReport(ctx, seller, '2');
    expect(ctx.queue.size).toBe(0);
    ctx.notifications.tick();
    expect(ctx.queue.size).toBe(2);
  });

  it('holds a reorder batch across ticks for reorderHoldMs of simulated time', async () => {
    const { ctx, seller } = await faulty({ reorder: true, reorderHoldMs: 60_000 });
    publishReport(ctx, seller, '1');
    ctx.clock.advance(30_000);
    ctx.notifications.tick();
    publishReport(ctx, seller, '2');
    expect(ctx.queue.size).toBe(0);
    ctx.clock.advance(30_000);
    ctx.notifications.tick();
    const ids = bodies(ctx).map(
      (body) =>
        (body['payload'] as Record<string, Record<string, string>>)[
          'reportProcessingFinishedNotification'
        ]?.['reportId'],
    );
    expect(ids).toEqual(['2', '1']);
  });

  it('applies faults changed at run time and flushes everything held', async () => {
    const { ctx, seller } = await faulty({});
    ctx.notifications.setFaults({ delayMs: 3_600_000 });
    publishReport(ctx, seller);
    expect(ctx.queue.size).toBe(0);
    ctx.notifications.flush();
    expect(ctx.queue.size).toBe(1);
  });
});

describe('HTTP sink', () => {
  let server: Server;
  let received: { contentType: string | undefined; body: string }[];
  let status: number;

  beforeEach(async () => {
    received = [];
    status = 200;
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        received.push({ contentType: request.headers['content-type'], body });
        response.statusCode = status;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const sink = (): NotificationSink => ({
    kind: 'http',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
  });

  it('POSTs each body as application/json', async () => {
    const ctx = inProcessContext({ sink: sink() });
    const { seller } = partnerIds(ctx);
    await subscribeAll(ctx, seller);
    publishReport(ctx, seller);
    await ctx.notifications.idle();
    expect(received).toEqual([
      { contentType: 'application/json', body: ctx.notifications.delivered()[0]?.body },
    ]);
    expect(ctx.notifications.sinkErrors()).toEqual([]);
  });

  it('records failed posts instead of throwing', async () => {
    status = 500;
    const ctx = inProcessContext({ sink: sink() });
    const { seller } = partnerIds(ctx);
    await subscribeAll(ctx, seller);
    publishReport(ctx, seller);
    await ctx.notifications.idle();
    expect(ctx.notifications.sinkErrors()).toEqual([
      expect.objectContaining({ message: 'HTTP 500' }),
    ]);

    const unreachable = inProcessContext({
      sink: { kind: 'http', url: 'http://127.0.0.1:1/hook' },
    });
    await subscribeAll(unreachable, seller);
    expect(() => publishReport(unreachable, seller)).not.toThrow();
    await unreachable.notifications.idle();
    expect(unreachable.notifications.sinkErrors()).toHaveLength(1);
  });
});
