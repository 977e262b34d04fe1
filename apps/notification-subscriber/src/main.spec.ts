import { ConfigurationError } from '@spapi-lake/config';
import {
  type SetupSummary,
  localLambdaContext,
} from '@spapi-lake/notification-subscriber-handlers';
import type { RegisterReportWaiterInput } from '@spapi-lake/workflows';
import type { SQSEvent } from 'aws-lambda';
import { createConsumeNotifications, createRegisterWaiter } from './main';
import {
  EVENTBRIDGE_ACCOUNT_ID,
  QUEUE_ARN,
  type SimulatedWorld,
  sampleEvent,
  sqsEvent,
  startSimulatedWorld,
} from './test/simulated-world';

let world: SimulatedWorld;
beforeEach(async () => {
  world = await startSimulatedWorld();
});
afterEach(async () => {
  await world.stop();
});

const context = localLambdaContext('notification-subscriber-consumeNotifications');
const consume = (event: SQSEvent) => world.subscriber.consumeNotifications(event, context);
const sellerIn = (region: string) => {
  const account = world.accounts.find((a) => a.accountType === 'seller' && a.region === region);
  if (account === undefined) throw new Error(`no ${region} seller in the simulated world`);
  return account;
};

/** Creates a report as the ingestion's CreateReport would, and lets the simulator finish it. */
async function finishedReport(reportType = 'GET_MERCHANT_LISTINGS_ALL_DATA') {
  const seller = sellerIn('NA');
  const { reportId } = await world.reports(seller.sellingPartnerId).createReport({
    reportType,
    marketplaceIds: ['ATVPDKIKX0DER'],
  });
  world.sim.clock.advance(120_000);
  const bodies = world.sim.queue.drain();
  const report = await world.reports(seller.sellingPartnerId).getReport(reportId);
  return { seller, reportId, bodies, report };
}

function waiterFor(
  reportId: string,
  sellingPartnerId: string,
  taskToken = `token-${reportId}`,
): RegisterReportWaiterInput {
  return {
    ...sampleEvent<RegisterReportWaiterInput>('register-waiter.json'),
    taskToken,
    sellingPartnerId,
    reportId,
  };
}

describe('setupSubscriptions', () => {
  it('subscribes sellers and the vendor (LISTINGS_ITEM_ISSUES_CHANGE only) on first run, creates nothing on the second', async () => {
    const event = sampleEvent<unknown>('setup-subscriptions.json');
    const first: SetupSummary = await world.subscriber.setupSubscriptions(event);
    const destination = (region: string, transport: string) =>
      first.destinations.find((d) => d.region === region && d.transport === transport);
    // One SQS queue serves every region; EventBridge destinations differ per AWS region. The
    // simulator keeps destinations per application, not per region, so NA finds EU's queue one.
    expect(first.destinations.map((d) => [d.region, d.transport, d.action])).toEqual([
      ['EU', 'sqs', 'created'],
      ['EU', 'eventbridge', 'created'],
      ['NA', 'sqs', 'existing'],
      ['NA', 'eventbridge', 'created'],
    ]);
    const vendor = world.accounts.find((a) => a.accountType === 'vendor');
    expect(
      first.subscriptions
        .filter((s) => s.sellingPartnerId === vendor?.sellingPartnerId)
        .map((s) => s.notificationType),
    ).toEqual(['LISTINGS_ITEM_ISSUES_CHANGE']);
    expect(first.subscriptions).toHaveLength(7);
    for (const subscription of first.subscriptions) {
      const { region } = subscription;
      const wanted =
        subscription.notificationType === 'REPORT_PROCESSING_FINISHED'
          ? {
              payloadVersion: '2020-09-04',
              destinationId: destination(region, 'sqs')?.destinationId,
            }
          : subscription.notificationType === 'LISTINGS_ITEM_STATUS_CHANGE'
            ? {
                payloadVersion: '1.0',
                destinationId: destination(region, 'eventbridge')?.destinationId,
              }
            : {
                payloadVersion: '2023-12-13',
                destinationId: destination(region, 'eventbridge')?.destinationId,
              };
      expect(subscription).toMatchObject({ ...wanted, action: 'created' });
    }
    const writes = () =>
      world.sim
        .requests()
        .filter(
          (r) => r.operationId === 'createDestination' || r.operationId === 'createSubscription',
        ).length;
    const writesAfterFirst = writes();

    const second = await world.subscriber.setupSubscriptions(event);
    expect(second.failures).toEqual([]);
    expect([...second.destinations, ...second.subscriptions].map((s) => s.action)).toEqual(
      Array(second.destinations.length + 7).fill('existing'),
    );
    expect(second.subscriptions.map((s) => s.subscriptionId)).toEqual(
      first.subscriptions.map((s) => s.subscriptionId),
    );
    expect(writes()).toBe(writesAfterFirst);
    await expect(world.subscriber.directory.entries()).resolves.toHaveLength(7);
  });

  it('routes reports to the SQS queue and listings through EventBridge', async () => {
    await world.subscriber.setupSubscriptions({});
    await finishedReport();
    const seller = sellerIn('NA');
    world.sim.notifications.listingsItemStatusChange({
      sellingPartnerId: seller.sellingPartnerId,
      sku: 'SKU-1',
      marketplaceId: 'ATVPDKIKX0DER',
      status: ['BUYABLE'],
    });
    const delivered = world.sim.delivered();
    expect(delivered.map((d) => [d.notificationType, d.transport])).toEqual([
      ['REPORT_PROCESSING_FINISHED', 'sqs'],
      ['LISTINGS_ITEM_STATUS_CHANGE', 'eventbridge'],
    ]);
    const event = JSON.parse(delivered[1]?.body ?? '{}') as Record<string, unknown>;
    expect(event['source']).toContain(
      `aws.partner/sellingpartnerapi.amazon.com/${EVENTBRIDGE_ACCOUNT_ID}/`,
    );
    const destinations = await world.notificationsApi({ region: 'NA' }).getDestinations();
    expect(destinations.map((d) => d.resource)).toEqual(
      expect.arrayContaining([
        { sqs: { arn: QUEUE_ARN } },
        expect.objectContaining({
          eventBridge: expect.objectContaining({
            accountId: EVENTBRIDGE_ACCOUNT_ID,
            region: 'us-east-1',
          }),
        }),
        expect.objectContaining({
          eventBridge: expect.objectContaining({ region: 'eu-west-1' }),
        }),
      ]),
    );
  });
});

describe('registerWaiter before setupSubscriptions', () => {
  it('refuses to wait, storing no waiter: it fails the task, not the invocation', async () => {
    const input = sampleEvent<RegisterReportWaiterInput>('register-waiter.json');
    const waiting = world.subscriber.resumer.waitFor(input.taskToken);
    const failed = waiting.catch((error: unknown) => error);
    // No Lambda error (so no Errors alarm): the task fails through SendTaskFailure, which the
    // state machine's Catch turns into polling.
    await expect(world.subscriber.registerWaiter(input)).resolves.toEqual({
      reportId: input.reportId,
      resumedAtOnce: false,
      subscriptionMissing: true,
      result: 'resumed',
    });
    await expect(failed).resolves.toMatchObject({
      name: 'ReportSubscriptionMissingError',
      message: expect.stringContaining(`${input.sellingPartnerId} in ${input.region}`),
    });
    await expect(world.subscriber.waiters.waiters()).resolves.toEqual([]);
    expect(JSON.stringify(world.logs)).not.toContain(input.taskToken);
    expect(world.subscriber.resumer.sent().map((sent) => sent.kind)).toEqual(['failure']);
  });
});

describe('consumeNotifications and registerWaiter', () => {
  beforeEach(async () => {
    await world.subscriber.setupSubscriptions({});
  });

  it('resumes the waiting execution when the waiter registered before the notification', async () => {
    const seller = sellerIn('NA');
    const { reportId } = await world.reports(seller.sellingPartnerId).createReport({
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceIds: ['ATVPDKIKX0DER'],
    });
    const input = waiterFor(reportId, seller.sellingPartnerId);
    const waiting = world.subscriber.resumer.waitFor(input.taskToken);
    await expect(world.subscriber.registerWaiter(input)).resolves.toEqual({
      reportId,
      resumedAtOnce: false,
    });

    world.sim.clock.advance(120_000);
    const bodies = world.sim.queue.drain();
    // Exactly what SP-API put on the queue: the raw camelCase notification.
    expect(bodies).toEqual(world.sim.delivered().map((d) => d.body));
    await expect(consume(sqsEvent(bodies))).resolves.toEqual({ batchItemFailures: [] });

    const report = await world.reports(seller.sellingPartnerId).getReport(reportId);
    expect(report.processingStatus).toBe('DONE');
    await expect(waiting).resolves.toEqual({
      processingStatus: 'DONE',
      reportDocumentId: report.reportDocumentId,
    });
    await expect(world.subscriber.waiters.waiters()).resolves.toEqual([]);
    // Kept until it expires, for any other execution waiting on the report.
    expect(
      (await world.subscriber.waiters.outcomes()).filter((kept) => kept.reportId === reportId),
    ).toEqual([expect.objectContaining({ processingStatus: 'DONE' })]);
  });

  it('refuses to wait for a partner setup did not subscribe to report notifications', async () => {
    // Vendors poll by default (`reportProcessingNotifications` off): setup gave them no subscription.
    const vendor = world.accounts.find((a) => a.accountType === 'vendor');
    if (vendor === undefined) throw new Error('no vendor in the simulated world');
    const input = { ...waiterFor('50000009999', vendor.sellingPartnerId), region: vendor.region };
    const waiting = world.subscriber.resumer.waitFor(input.taskToken);
    const failed = waiting.catch((error: unknown) => error);
    await expect(world.subscriber.registerWaiter(input)).resolves.toMatchObject({
      subscriptionMissing: true,
      result: 'resumed',
    });
    await expect(failed).resolves.toMatchObject({ name: 'ReportSubscriptionMissingError' });
    expect(world.subscriber.resumer.sent()).toEqual([
      {
        kind: 'failure',
        taskToken: input.taskToken,
        failure: {
          error: 'ReportSubscriptionMissingError',
          cause: expect.stringContaining(`${vendor.sellingPartnerId} in ${vendor.region}`),
        },
        result: 'resumed',
      },
    ]);
    await expect(world.subscriber.waiters.waiters()).resolves.toEqual([]);
    expect(world.logs.at(-1)).toEqual([
      'warn',
      'no report subscription to wait on: the ingestion polls',
      expect.objectContaining({ sellingPartnerId: vendor.sellingPartnerId }),
    ]);
  });

  it('keeps a notification that beats its waiter, and registerWaiter resumes at once', async () => {
    const { seller, reportId, bodies, report } = await finishedReport();
    await expect(consume(sqsEvent(bodies))).resolves.toEqual({ batchItemFailures: [] });
    await expect(world.subscriber.waiters.outcomes()).resolves.toEqual([
      expect.objectContaining({ reportId, processingStatus: 'DONE' }),
    ]);

    const input = waiterFor(reportId, seller.sellingPartnerId);
    const waiting = world.subscriber.resumer.waitFor(input.taskToken);
    await expect(world.subscriber.registerWaiter(input)).resolves.toEqual({
      reportId,
      resumedAtOnce: true,
      result: 'resumed',
    });
    await expect(waiting).resolves.toEqual({
      processingStatus: 'DONE',
      reportDocumentId: report.reportDocumentId,
    });
    await expect(world.subscriber.waiters.waiters()).resolves.toEqual([]);
  });

  it('treats a second delivery of a notification as a no-op', async () => {
    const { seller, reportId, bodies } = await finishedReport();
    const [body] = bodies;
    if (body === undefined) throw new Error('no notification delivered');
    await consume(sqsEvent([body]));
    const input = waiterFor(reportId, seller.sellingPartnerId);
    void world.subscriber.resumer.waitFor(input.taskToken);
    await world.subscriber.registerWaiter(input);
    expect(world.subscriber.resumer.sent()).toHaveLength(1);

    // SQS delivers at least once: the same notification again, in a later batch.
    await expect(consume(sqsEvent([body], 7))).resolves.toEqual({ batchItemFailures: [] });
    expect(world.subscriber.resumer.sent()).toHaveLength(1);
    expect(
      (await world.subscriber.waiters.outcomes()).filter((kept) => kept.reportId === reportId),
    ).toHaveLength(1);
    const handled = world.logs.filter(([, message]) => message === 'notification handled');
    expect(handled.at(-1)?.[2]).toMatchObject({
      handling: { action: 'outcome-stored', reportId, duplicate: true },
    });
  });

  it('consumes the committed REPORT_PROCESSING_FINISHED sample batch', async () => {
    const event = sampleEvent<SQSEvent>('sqs-report-processing-finished.json');
    const input = sampleEvent<RegisterReportWaiterInput>('register-waiter.json');
    const waiting = world.subscriber.resumer.waitFor(input.taskToken);
    await world.subscriber.registerWaiter(input);
    await expect(consume(event)).resolves.toEqual({ batchItemFailures: [] });
    await expect(waiting).resolves.toEqual({
      processingStatus: 'DONE',
      reportDocumentId: 'amzn1.spdoc.1.4.na.aa804bab-4801-4dd9-a3a8-7e3b8680ffd2',
    });
    // Both outcomes are kept: the second report of the batch has no waiter yet, and its outcome
    // waits for one; the first stays for any other execution waiting on its report.
    const kept = await world.subscriber.waiters.outcomes();
    expect(kept.map((outcome) => outcome.reportId).sort()).toEqual(['50000005031', '50000005032']);
  });

  it('turns EventBridge-wrapped listings notifications into SKU refresh requests', async () => {
    await expect(consume(sampleEvent<SQSEvent>('sqs-listings-eventbridge.json'))).resolves.toEqual({
      batchItemFailures: [],
    });
    const eu = sellerIn('EU');
    world.sim.notifications.listingsItemIssuesChange({
      sellingPartnerId: eu.sellingPartnerId,
      sku: 'DE-SKU-7',
      marketplaceId: 'A1PA6795UKMFR9',
      severities: ['WARNING'],
    });
    await expect(consume(sqsEvent(world.sim.queue.drain(), 30))).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(world.subscriber.listings.requests()).toEqual([
      {
        sellingPartnerId: 'ABPU4F11NOPK42',
        region: 'NA',
        marketplaceId: 'ATVPDKIKX0DER',
        sku: 'SKU-RED-MUG-01',
        asin: 'B0C1234567',
        reason: 'LISTINGS_ITEM_STATUS_CHANGE',
        notificationId: '06bc79ec-2e04-4567-a21c-b075b63982df',
        eventTime: '2026-11-01T00:02:00.000Z',
      },
      {
        sellingPartnerId: 'ABPU4F11NOPK42',
        region: 'NA',
        marketplaceId: 'ATVPDKIKX0DER',
        sku: 'SKU-RED-MUG-01',
        asin: 'B0C1234567',
        reason: 'LISTINGS_ITEM_ISSUES_CHANGE',
        notificationId: '44417fe5-662e-461a-a510-4d94f024d9f6',
        eventTime: '2026-11-01T00:02:00.000Z',
      },
      expect.objectContaining({
        sellingPartnerId: eu.sellingPartnerId,
        region: 'EU',
        sku: 'DE-SKU-7',
        reason: 'LISTINGS_ITEM_ISSUES_CHANGE',
      }),
    ]);
  });

  it('fails only the malformed message of a batch, with its reason logged', async () => {
    const event = sampleEvent<SQSEvent>('sqs-malformed-among-good.json');
    const bad = event.Records[1]?.messageId;
    await expect(consume(event)).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: bad }] });
    const errors = world.logs.filter(([level]) => level === 'error');
    expect(errors).toEqual([
      [
        'error',
        'notification can never be processed: SQS moves it to the dead-letter queue',
        expect.objectContaining({
          messageId: bad,
          errorName: 'NotificationMalformedError',
          retryable: false,
          reason: expect.stringContaining('payload.reportProcessingFinishedNotification.reportId'),
        }),
      ],
    ]);
    expect(world.subscriber.listings.requests()).toHaveLength(1);
    await expect(world.subscriber.waiters.outcomes()).resolves.toHaveLength(1);
  });
});

describe('the Lambda entry points', () => {
  it('refuses to build without their environment, naming each missing variable', () => {
    expect(() => createConsumeNotifications({})).toThrow(ConfigurationError);
    expect(() => createConsumeNotifications({})).toThrow(/RETRIEVAL_STATE_MACHINE_ARN/);
    expect(() => createRegisterWaiter({})).toThrow(/NOTIFICATION_STATE_TABLE/);
  });

  it('builds from a complete environment without calling AWS', () => {
    expect(
      createConsumeNotifications({
        AWS_REGION: 'us-east-1',
        NOTIFICATION_STATE_TABLE: 'spapi-lake-notification-state',
        IDEMPOTENCY_TABLE: 'spapi-lake-idempotency',
        RETRIEVAL_STATE_MACHINE_ARN:
          'arn:aws:states:us-east-1:123456789012:stateMachine:spapi-lake-report-retrieval',
        LISTING_REFRESH_QUEUE_URL:
          'https://sqs.us-east-1.amazonaws.com/123456789012/spapi-lake-listing-refresh',
      }),
    ).toEqual(expect.any(Function));
    expect(
      createRegisterWaiter({
        AWS_REGION: 'us-east-1',
        NOTIFICATION_STATE_TABLE: 'spapi-lake-notification-state',
      }),
    ).toEqual(expect.any(Function));
  });
});
