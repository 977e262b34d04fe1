import { inProcessContext, type InProcessContext } from '../notifications/in-process-context';
import { grantlessCaller, operationRequest, partnerCaller } from '../notifications/test-requests';
import type { Caller, OperationResponse } from '../server/operation';
import { GRANTLESS_SCOPES } from '../world/world';
import { notificationsHandlers } from './notifications';

const SQS_ARN = 'arn:aws:sqs:us-east-1:123456789012:spapi-notifications';
const INVALID_INPUT = 'Request has missing or invalid parameters and cannot be parsed.';

async function call(
  ctx: InProcessContext,
  operationId: string,
  caller: Caller,
  parts: Parameters<typeof operationRequest>[2] = {},
): Promise<OperationResponse> {
  const handler = notificationsHandlers[operationId];
  if (handler === undefined) throw new Error(`no handler ${operationId}`);
  return handler(operationRequest(operationId, caller, parts), ctx);
}

const payload = (response: OperationResponse): Record<string, unknown> =>
  (response.body as { payload: Record<string, unknown> }).payload;
const firstError = (response: OperationResponse) =>
  (response.body as { errors: { code: string; message: string; details?: string }[] }).errors[0];

function setup(): { ctx: InProcessContext; grantless: Caller; seller: Caller; sellerId: string } {
  const ctx = inProcessContext();
  const sellerId =
    [...ctx.world.partners.values()].find((p) => p.accountType === 'seller')?.sellingPartnerId ??
    '';
  return {
    ctx,
    grantless: grantlessCaller(ctx.world),
    seller: partnerCaller(ctx.world, sellerId),
    sellerId,
  };
}

async function destinations(
  ctx: InProcessContext,
  grantless: Caller,
): Promise<{ sqs: string; eventBridge: string }> {
  const sqs = await call(ctx, 'createDestination', grantless, {
    body: { name: 'reports', resourceSpecification: { sqs: { arn: SQS_ARN } } },
  });
  const eventBridge = await call(ctx, 'createDestination', grantless, {
    body: {
      name: 'listings',
      resourceSpecification: { eventBridge: { accountId: '123456789012', region: 'eu-west-1' } },
    },
  });
  return {
    sqs: String(payload(sqs)['destinationId']),
    eventBridge: String(payload(eventBridge)['destinationId']),
  };
}

describe('destinations', () => {
  it('creates, lists, reads and deletes destinations of the application', async () => {
    const { ctx, grantless } = setup();
    const created = await call(ctx, 'createDestination', grantless, {
      body: {
        name: 'bus',
        resourceSpecification: { eventBridge: { accountId: '123456789012', region: 'us-east-1' } },
      },
    });
    const applicationId = [...ctx.world.clients.values()][0]?.applicationId;
    expect(created.status).toBe(200);
    expect(payload(created)).toEqual({
      destinationId: expect.any(String),
      name: 'bus',
      resource: {
        eventBridge: {
          name: `aws.partner/sellingpartnerapi.amazon.com/123456789012/${applicationId}`,
          region: 'us-east-1',
          accountId: '123456789012',
        },
      },
    });
    const destinationId = String(payload(created)['destinationId']);

    const list = await call(ctx, 'getDestinations', grantless);
    expect(list.body).toEqual({ payload: [payload(created)] });
    const one = await call(ctx, 'getDestination', grantless, { pathParams: { destinationId } });
    expect(one.body).toEqual({ payload: payload(created) });

    expect(
      (await call(ctx, 'deleteDestination', grantless, { pathParams: { destinationId } })).status,
    ).toBe(200);
    expect(
      (await call(ctx, 'getDestination', grantless, { pathParams: { destinationId } })).status,
    ).toBe(404);
    expect(
      (await call(ctx, 'deleteDestination', grantless, { pathParams: { destinationId } })).status,
    ).toBe(404);
  });

  it('requires a grantless token for the notifications scope', async () => {
    const { ctx, seller } = setup();
    const withPartnerToken = await call(ctx, 'getDestinations', seller);
    expect(withPartnerToken.status).toBe(403);
    expect(firstError(withPartnerToken)?.code).toBe('Unauthorized');
    const wrongScope = await call(
      ctx,
      'getDestinations',
      grantlessCaller(ctx.world, GRANTLESS_SCOPES.rotation),
    );
    expect(wrongScope.status).toBe(403);
  });

  it('rejects a specification with both or neither resource type, and a bad ARN', async () => {
    const { ctx, grantless } = setup();
    const both = await call(ctx, 'createDestination', grantless, {
      body: {
        name: 'x',
        resourceSpecification: {
          sqs: { arn: SQS_ARN },
          eventBridge: { accountId: '123456789012', region: 'us-east-1' },
        },
      },
    });
    const neither = await call(ctx, 'createDestination', grantless, {
      body: { name: 'x', resourceSpecification: {} },
    });
    const badArn = await call(ctx, 'createDestination', grantless, {
      body: { name: 'x', resourceSpecification: { sqs: { arn: 'arn:aws:sns:us-east-1:1:topic' } } },
    });
    for (const response of [both, neither, badArn]) {
      expect(response.status).toBe(400);
      expect(firstError(response)).toMatchObject({ code: 'InvalidInput', message: INVALID_INPUT });
    }
  });

  it('answers 409 for a second destination on the same queue', async () => {
    const { ctx, grantless } = setup();
    await destinations(ctx, grantless);
    const again = await call(ctx, 'createDestination', grantless, {
      body: { name: 'again', resourceSpecification: { sqs: { arn: SQS_ARN } } },
    });
    expect(again.status).toBe(409);
    expect(firstError(again)?.details).toContain(SQS_ARN);
  });

  it('refuses to delete a destination that still has subscriptions', async () => {
    const { ctx, grantless, seller } = setup();
    const { sqs } = await destinations(ctx, grantless);
    await call(ctx, 'createSubscription', seller, {
      pathParams: { notificationType: 'REPORT_PROCESSING_FINISHED' },
      body: { payloadVersion: '2020-09-04', destinationId: sqs },
    });
    const response = await call(ctx, 'deleteDestination', grantless, {
      pathParams: { destinationId: sqs },
    });
    expect(response.status).toBe(403);
    expect(firstError(response)?.details).toBe('Destination has subscriptions');
  });
});

describe('subscriptions', () => {
  it('subscribes REPORT_PROCESSING_FINISHED to an SQS destination and reads it back', async () => {
    const { ctx, grantless, seller } = setup();
    const { sqs } = await destinations(ctx, grantless);
    const created = await call(ctx, 'createSubscription', seller, {
      pathParams: { notificationType: 'REPORT_PROCESSING_FINISHED' },
      body: { payloadVersion: '2020-09-04', destinationId: sqs },
    });
    expect(created.status).toBe(200);
    const subscription = payload(created);
    expect(subscription).toEqual({
      subscriptionId: expect.any(String),
      payloadVersion: '2020-09-04',
      destinationId: sqs,
    });

    const byType = await call(ctx, 'getSubscription', seller, {
      pathParams: { notificationType: 'REPORT_PROCESSING_FINISHED' },
    });
    expect(byType.body).toEqual({ payload: subscription });
    const list = await call(ctx, 'getSubscriptions', seller, {
      query: { notificationTypes: 'REPORT_PROCESSING_FINISHED' },
    });
    expect(list.body).toEqual({ payload: { subscriptions: [subscription] } });
    const path = {
      notificationType: 'REPORT_PROCESSING_FINISHED',
      subscriptionId: String(subscription['subscriptionId']),
    };
    expect((await call(ctx, 'getSubscriptionById', grantless, { pathParams: path })).body).toEqual({
      payload: subscription,
    });
    expect((await call(ctx, 'getSubscriptionById', seller, { pathParams: path })).status).toBe(403);

    expect(
      (await call(ctx, 'deleteSubscriptionById', grantless, { pathParams: path })).status,
    ).toBe(200);
    expect((await call(ctx, 'getSubscriptionById', grantless, { pathParams: path })).status).toBe(
      404,
    );
    expect(
      (
        await call(ctx, 'getSubscription', seller, {
          pathParams: { notificationType: 'REPORT_PROCESSING_FINISHED' },
        })
      ).status,
    ).toBe(404);
  });

  it('answers 400 for REPORT_PROCESSING_FINISHED on an EventBridge destination', async () => {
    const { ctx, grantless, seller } = setup();
    const { eventBridge } = await destinations(ctx, grantless);
    const response = await call(ctx, 'createSubscription', seller, {
      pathParams: { notificationType: 'REPORT_PROCESSING_FINISHED' },
      body: { payloadVersion: '2020-09-04', destinationId: eventBridge },
    });
    expect(response.status).toBe(400);
    expect(firstError(response)).toEqual({ code: 'InvalidInput', message: INVALID_INPUT });
  });

  it.each([
    ['LISTINGS_ITEM_STATUS_CHANGE', '1.0'],
    ['LISTINGS_ITEM_ISSUES_CHANGE', '2023-12-13'],
  ])(
    'answers 400 for %s on an SQS destination and accepts EventBridge',
    async (notificationType, payloadVersion) => {
      const { ctx, grantless, seller } = setup();
      const { sqs, eventBridge } = await destinations(ctx, grantless);
      const onSqs = await call(ctx, 'createSubscription', seller, {
        pathParams: { notificationType },
        body: { payloadVersion, destinationId: sqs },
      });
      expect(onSqs.status).toBe(400);
      expect(firstError(onSqs)).toEqual({ code: 'InvalidInput', message: INVALID_INPUT });
      const onEventBridge = await call(ctx, 'createSubscription', seller, {
        pathParams: { notificationType },
        body: { payloadVersion, destinationId: eventBridge },
      });
      expect(onEventBridge.status).toBe(200);
    },
  );

  it('answers 400 for the retired LISTINGS_ITEM_ISSUES_CHANGE payload version 1.0', async () => {
    const { ctx, grantless, seller } = setup();
    const { eventBridge } = await destinations(ctx, grantless);
    const response = await call(ctx, 'createSubscription', seller, {
      pathParams: { notificationType: 'LISTINGS_ITEM_ISSUES_CHANGE' },
      body: { payloadVersion: '1.0', destinationId: eventBridge },
    });
    expect(response.status).toBe(400);
    expect(firstError(response)?.details).toContain('retired');
  });

  it('answers 409 with the existing subscription for a second subscription of the same version', async () => {
    const { ctx, grantless, seller } = setup();
    const { sqs } = await destinations(ctx, grantless);
    const request = {
      pathParams: { notificationType: 'REPORT_PROCESSING_FINISHED' },
      body: { payloadVersion: '2020-09-04', destinationId: sqs },
    };
    const first = await call(ctx, 'createSubscription', seller, request);
    const second = await call(ctx, 'createSubscription', seller, request);
    expect(second.status).toBe(409);
    expect(firstError(second)?.code).toBe('StateConflict');
    expect(firstError(second)?.details).toContain(String(payload(first)['subscriptionId']));
  });

  it('keeps subscriptions per selling partner', async () => {
    const { ctx, grantless, seller } = setup();
    const { sqs } = await destinations(ctx, grantless);
    const other =
      [...ctx.world.partners.values()].find((p) => p.accountType === 'vendor')?.sellingPartnerId ??
      '';
    const body = { payloadVersion: '2020-09-04', destinationId: sqs };
    const pathParams = { notificationType: 'REPORT_PROCESSING_FINISHED' };
    expect((await call(ctx, 'createSubscription', seller, { pathParams, body })).status).toBe(200);
    expect(
      (await call(ctx, 'createSubscription', partnerCaller(ctx.world, other), { pathParams, body }))
        .status,
    ).toBe(200);
    const list = await call(ctx, 'getSubscriptions', seller, {
      query: { notificationTypes: 'REPORT_PROCESSING_FINISHED' },
    });
    expect((payload(list)['subscriptions'] as unknown[]).length).toBe(1);
  });

  it('rejects unknown destinations, unknown types, processing directives and grantless callers', async () => {
    const { ctx, grantless, seller } = setup();
    const { sqs } = await destinations(ctx, grantless);
    const pathParams = { notificationType: 'REPORT_PROCESSING_FINISHED' };
    const unknownDestination = await call(ctx, 'createSubscription', seller, {
      pathParams,
      body: { payloadVersion: '2020-09-04', destinationId: 'nope' },
    });
    expect(unknownDestination.status).toBe(400);
    expect(firstError(unknownDestination)?.details).toMatch(
      /^No destination with id nope for applicationId /,
    );
    const unknownType = await call(ctx, 'createSubscription', seller, {
      pathParams: { notificationType: 'NOT_A_TYPE' },
      body: { payloadVersion: '1.0', destinationId: sqs },
    });
    expect(unknownType.status).toBe(400);
    const directive = await call(ctx, 'createSubscription', seller, {
      pathParams,
      body: {
        payloadVersion: '2020-09-04',
        destinationId: sqs,
        processingDirective: { filterExpression: 'x' },
      },
    });
    expect(directive.status).toBe(400);
    const wrongVersion = await call(ctx, 'createSubscription', seller, {
      pathParams,
      body: { payloadVersion: '1.0', destinationId: sqs },
    });
    expect(wrongVersion.status).toBe(400);
    expect(
      (
        await call(ctx, 'createSubscription', grantless, {
          pathParams,
          body: { payloadVersion: '2020-09-04', destinationId: sqs },
        })
      ).status,
    ).toBe(403);
  });

  it('pages getSubscriptions with nextToken and checks pageSize', async () => {
    const { ctx, seller } = setup();
    const badSize = await call(ctx, 'getSubscriptions', seller, {
      query: { notificationTypes: 'REPORT_PROCESSING_FINISHED', pageSize: 10 },
    });
    expect(badSize.status).toBe(400);
    const badToken = await call(ctx, 'getSubscriptions', seller, {
      query: { notificationTypes: 'REPORT_PROCESSING_FINISHED', nextToken: 'garbage' },
    });
    expect(badToken.status).toBe(400);
  });

  it('answers sendTestNotification with 400: it is sandbox-only', async () => {
    const { ctx, grantless } = setup();
    const response = await call(ctx, 'sendTestNotification', grantless, {
      pathParams: { notificationType: 'REPORT_PROCESSING_FINISHED' },
      body: { destinationId: 'x', testNotification: { payloadVersion: '2020-09-04' } },
    });
    expect(response.status).toBe(400);
    expect(firstError(response)?.details).toContain('sandbox');
  });

  it('routes published notifications to the subscription created through the API', async () => {
    const { ctx, grantless, seller, sellerId } = setup();
    const { sqs } = await destinations(ctx, grantless);
    const created = await call(ctx, 'createSubscription', seller, {
      pathParams: { notificationType: 'REPORT_PROCESSING_FINISHED' },
      body: { payloadVersion: '2020-09-04', destinationId: sqs },
    });
    ctx.notifications.reportProcessingFinished({
      sellingPartnerId: sellerId,
      reportId: '1',
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      processingStatus: 'FATAL',
    });
    const [body] = ctx.queue.receive();
    const message = JSON.parse(body ?? '{}') as {
      notificationMetadata: { subscriptionId: string };
    };
    expect(message.notificationMetadata.subscriptionId).toBe(payload(created)['subscriptionId']);
  });
});
