import { changeListing } from '../catalog/change-listing';
import { listingsTruth } from '../catalog/listings-truth';
import { startSimulator, type SimulatorHandle } from '../server/start-simulator';
import { simClient } from '../test/sim-client';
import { notificationSchemaValidators } from './notification-schema-validator';

const US = 'ATVPDKIKX0DER';

describe('notifications over HTTP', () => {
  let sim: SimulatorHandle;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 5, notifications: { faults: { delayMs: 30_000 } } });
  });

  afterEach(async () => {
    await sim.stop();
  });

  it('enforces the destination type per notification type and delivers listing changes after the delay', async () => {
    const client = simClient(sim);
    const grantless = await client.grantlessToken('sellingpartnerapi::notifications');
    const partnerToken = await client.accessToken(0);
    const sqs = await client.call('POST', '/notifications/v1/destinations', {
      token: grantless,
      body: {
        name: 'q',
        resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:123456789012:q' } },
      },
    });
    const eventBridge = await client.call('POST', '/notifications/v1/destinations', {
      token: grantless,
      body: {
        name: 'b',
        resourceSpecification: { eventBridge: { accountId: '123456789012', region: 'us-east-1' } },
      },
    });
    const id = (answer: { json: unknown }) =>
      (answer.json as { payload: { destinationId: string } }).payload.destinationId;

    const onSqs = await client.call(
      'POST',
      '/notifications/v1/subscriptions/LISTINGS_ITEM_STATUS_CHANGE',
      {
        token: partnerToken,
        body: { payloadVersion: '1.0', destinationId: id(sqs) },
      },
    );
    expect(onSqs.status).toBe(400);
    expect(onSqs.json).toEqual({
      errors: [
        {
          code: 'InvalidInput',
          message: 'Request has missing or invalid parameters and cannot be parsed.',
        },
      ],
    });
    const onEventBridge = await client.call(
      'POST',
      '/notifications/v1/subscriptions/LISTINGS_ITEM_STATUS_CHANGE',
      {
        token: partnerToken,
        body: { payloadVersion: '1.0', destinationId: id(eventBridge) },
      },
    );
    expect(onEventBridge.status).toBe(200);

    const sellerId = client.creds.partners[0]?.sellingPartnerId ?? '';
    const context = {
      clock: sim.clock,
      world: sim.world,
      notifications: sim.notifications,
      baseUrl: sim.baseUrl,
      random: () => 0.5,
      newId: (prefix: string) => `${prefix}control`,
    };
    const listing = listingsTruth(sim.world, sellerId, US, sim.clock.now()).find(
      (r) => r.status.length > 0,
    );
    changeListing(context, {
      sellingPartnerId: sellerId,
      sku: listing?.sku ?? '',
      marketplaceId: US,
      change: { status: [] },
    });
    expect(sim.queue.receive()).toEqual([]);

    sim.clock.advance(30_000);
    const [body] = sim.queue.receive();
    const event = JSON.parse(body ?? '{}') as { 'detail-type': string; detail: unknown };
    expect(event['detail-type']).toBe('LISTINGS_ITEM_STATUS_CHANGE');
    expect(notificationSchemaValidators().get('LISTINGS_ITEM_STATUS_CHANGE')?.(event.detail)).toBe(
      true,
    );
    // The first HTTP calls of a fresh simulator compile validators and build the catalog.
  }, 30_000);
});
