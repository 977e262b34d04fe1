import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '@spapi-lake/core';
import { InProcessExecutionResumer } from '../adapters/in-process-execution-resumer';
import { LocalIdempotencyStore } from '../adapters/local-idempotency-store';
import { localLambdaContext } from '../adapters/local-lambda-context';
import { LocalReportWaiterStore } from '../adapters/local-report-waiter-store';
import { LocalSubscriptionDirectory } from '../adapters/local-subscription-directory';
import { RecordingListingRefreshRequester } from '../adapters/recording-listing-refresh-requester';
import { RecordingRetrievalStarter } from '../adapters/recording-retrieval-starter';
import { NotificationStoreUnavailableError } from '../errors';
import type { ReportWaiterStore } from '../report-waiter-store';
import { sqsEvent } from '../test/sqs-event';
import { isAmazonGeneratedReportType } from '../use-cases/amazon-generated-report-type';
import { registerReportWaiter } from '../use-cases/register-report-waiter';
import { createConsumeNotificationsHandler } from './consume-notifications-handler';

const clock: Clock = {
  now: () => Date.parse('2026-11-01T00:00:00Z'),
  sleep: async () => undefined,
};
const NEW_SECRET = 'amzn1.oa2-cs.v1.3f2ca4e7f1f1c0ffee0123456789abcdef0123456789abcdef0123456789ab';

const camel = (
  notificationType: string,
  payload: unknown,
  notificationId = 'n-1',
  subscriptionId = 'sub-settlement',
) =>
  JSON.stringify({
    notificationVersion: '2020-09-04',
    notificationType,
    payloadVersion: '2020-09-04',
    eventTime: '2026-11-01T00:00:00.000Z',
    payload,
    notificationMetadata: {
      applicationId: 'amzn1.sp.solution.0000',
      subscriptionId,
      publishTime: '2026-11-01T00:00:01.000Z',
      notificationId,
    },
  });
const settlementDone = (
  notificationId: string,
  sellerId = 'A3TH9S8BH6GOGM',
  subscriptionId = 'sub-settlement',
) =>
  camel(
    'REPORT_PROCESSING_FINISHED',
    {
      reportProcessingFinishedNotification: {
        sellerId,
        accountId: `amzn1.merchant.o.${sellerId}`,
        reportId: '777',
        reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
        processingStatus: 'DONE',
        reportDocumentId: 'amzn1.spdoc.1.4.eu.settlement',
      },
    },
    notificationId,
    subscriptionId,
  );
/** A REPORT_PROCESSING_FINISHED of a requested report (someone waits for it). */
const ordersFinished = (
  notificationId: string,
  account: { accountId: string; sellerId?: string },
  processingStatus: 'DONE' | 'CANCELLED',
  subscriptionId = 'sub-reports',
) =>
  camel(
    'REPORT_PROCESSING_FINISHED',
    {
      reportProcessingFinishedNotification: {
        ...account,
        reportId: '777',
        reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
        processingStatus,
        ...(processingStatus === 'DONE' ? { reportDocumentId: `doc-${notificationId}` } : {}),
      },
    },
    notificationId,
    subscriptionId,
  );
const SELLER_A = 'A3TH9S8BH6GOGM';
const SELLER_B = 'A1PARTNERB0002';
const merchant = (sellerId: string) => ({ accountId: `amzn1.merchant.o.${sellerId}`, sellerId });

const VENDOR_ID = 'amzn1.vg.1234567';
const issuesChange = (sellerId: string, notificationId: string, subscriptionId = 'sub-issues') =>
  JSON.stringify({
    version: '0',
    id: `event-${notificationId}`,
    'detail-type': 'LISTINGS_ITEM_ISSUES_CHANGE',
    source: 'aws.partner/sellingpartnerapi.amazon.com/123456789012/amzn1.sp.solution.0000',
    account: '123456789012',
    time: '2026-11-01T00:00:01Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      NotificationVersion: '1.0',
      NotificationType: 'LISTINGS_ITEM_ISSUES_CHANGE',
      PayloadVersion: '2023-12-13',
      EventTime: '2026-11-01T00:00:00.000Z',
      Payload: {
        SellerId: sellerId,
        MarketplaceId: 'ATVPDKIKX0DER',
        Asin: 'B0TESTASIN',
        Sku: 'VENDOR-SKU-1',
        Severities: ['ERROR'],
        EnforcementActions: ['SEARCH_SUPPRESSED'],
      },
      NotificationMetadata: {
        ApplicationId: 'amzn1.sp.solution.0000',
        SubscriptionId: subscriptionId,
        PublishTime: '2026-11-01T00:00:01.000Z',
        NotificationId: notificationId,
      },
    },
  });

function build(options: { waiters?: ReportWaiterStore; idempotencyFile?: string } = {}) {
  const logged: string[] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      logged.push(`${level} ${JSON.stringify(args)}`);
  const logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const directory = new LocalSubscriptionDirectory();
  const retrievals = new RecordingRetrievalStarter();
  const resumer = new InProcessExecutionResumer();
  const waiters = options.waiters ?? new LocalReportWaiterStore({ clock });
  const deps = {
    waiters,
    resumer,
    clock,
    retrievals,
    directory,
    listings: new RecordingListingRefreshRequester(),
    isUnsolicitedReportType: isAmazonGeneratedReportType,
    outcomeTtlMs: 3_600_000,
    idempotencyStore: new LocalIdempotencyStore(
      options.idempotencyFile === undefined ? {} : { filePath: options.idempotencyFile },
    ),
    idempotencyTtlSeconds: 3600,
    logger,
  };
  const handler = createConsumeNotificationsHandler(deps);
  const consume = (bodies: string[]) => handler(sqsEvent(bodies), localLambdaContext('consume'));
  /** What the WaitForNotification task does for a subscribed partner: wait, register the waiter. */
  const waitForReport = async (sellingPartnerId: string, reportId: string, taskToken: string) => {
    // Its own directory, so the consumer's stays as each test sets it up.
    const subscribed = new LocalSubscriptionDirectory();
    await subscribed.record({
      subscriptionId: `sub-reports-${sellingPartnerId}`,
      notificationType: 'REPORT_PROCESSING_FINISHED',
      sellingPartnerId,
      region: 'NA',
      destinationId: 'dest-sqs',
    });
    const resumed = resumer.waitFor(taskToken);
    await registerReportWaiter(
      { waiters, resumer, directory: subscribed, clock, waiterTtlMs: 3_600_000 },
      { taskToken, sellingPartnerId, region: 'NA', reportId, reportType: 'GET_ORDERS' },
    );
    return { resumed };
  };
  return {
    consume,
    logged,
    directory,
    retrievals,
    listings: deps.listings,
    resumer,
    waitForReport,
  };
}

describe('createConsumeNotificationsHandler', () => {
  it('dead-letters token broker notifications without ever logging their secret', async () => {
    const { consume, logged } = build();
    const body = camel('APPLICATION_OAUTH_CLIENT_NEW_SECRET', {
      applicationOAuthClientNewSecret: {
        clientId: 'amzn1.application-oa2-client.abc',
        newClientSecret: NEW_SECRET,
        newClientSecretExpiryTime: '2027-05-01T00:00:00Z',
        oldClientSecretExpiryTime: '2026-11-08T00:00:00Z',
      },
    });
    await expect(consume([body])).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-0' }],
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('NotificationNotConsumedHereError');
    expect(logged[0]).toContain('dead-letter queue');
    expect(logged.join('\n')).not.toContain(NEW_SECRET);
  });

  it('starts the retrieval of an unsolicited report for the partner of its subscription, once', async () => {
    const { consume, directory, retrievals, logged } = build();
    await directory.record({
      subscriptionId: 'sub-settlement',
      notificationType: 'REPORT_PROCESSING_FINISHED',
      sellingPartnerId: 'A3TH9S8BH6GOGM',
      region: 'EU',
      destinationId: 'dest-sqs',
    });
    await expect(consume([settlementDone('n-1'), settlementDone('n-2')])).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(retrievals.requests()).toEqual([
      {
        sellingPartnerId: 'A3TH9S8BH6GOGM',
        region: 'EU',
        reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
        report: { reportId: '777' },
        status: { processingStatus: 'DONE', reportDocumentId: 'amzn1.spdoc.1.4.eu.settlement' },
        notificationId: 'n-1',
      },
    ]);
    expect(logged[1]).toContain('retrieval-already-started');
  });

  it("starts both retrievals when two partners' settlement reports share an id", async () => {
    const { consume, directory, retrievals } = build();
    for (const [subscriptionId, sellingPartnerId] of [
      ['sub-settlement', SELLER_A],
      ['sub-settlement-b', SELLER_B],
    ] as const) {
      await directory.record({
        subscriptionId,
        notificationType: 'REPORT_PROCESSING_FINISHED',
        sellingPartnerId,
        region: 'EU',
        destinationId: 'dest-sqs',
      });
    }
    const first = settlementDone('n-1');
    const second = settlementDone('n-2', SELLER_B, 'sub-settlement-b');
    await expect(consume([first, second, settlementDone('n-3')])).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(
      retrievals.requests().map((request) => [request.sellingPartnerId, request.report.reportId]),
    ).toEqual([
      [SELLER_A, '777'],
      [SELLER_B, '777'],
    ]);
  });

  it('dead-letters an unsolicited report whose subscription setup never recorded', async () => {
    const { consume, logged } = build();
    await expect(consume([settlementDone('n-1')])).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-0' }],
    });
    expect(logged[0]).toMatch(/^error .*NotificationPartnerUnknownError.*sub-settlement/);
  });

  it('resumes only the waiter of the partner the notification names, whatever the report id', async () => {
    const { consume, resumer, waitForReport } = build();
    const { resumed: waitingA } = await waitForReport(SELLER_A, '777', 'token-a');
    await expect(
      consume([ordersFinished('n-b', merchant(SELLER_B), 'CANCELLED')]),
    ).resolves.toEqual({ batchItemFailures: [] });
    expect(resumer.sent()).toEqual([]);
    await expect(consume([ordersFinished('n-a', merchant(SELLER_A), 'DONE')])).resolves.toEqual({
      batchItemFailures: [],
    });
    await expect(waitingA).resolves.toEqual({
      processingStatus: 'DONE',
      reportDocumentId: 'doc-n-a',
    });
    expect(resumer.sent().map((sent) => sent.taskToken)).toEqual(['token-a']);
  });

  it("resumes a vendor's waiter from a vendor group notification through its subscription", async () => {
    const { consume, directory, resumer, waitForReport } = build();
    await directory.record({
      subscriptionId: 'sub-reports',
      notificationType: 'REPORT_PROCESSING_FINISHED',
      sellingPartnerId: 'A1VENDORPARTNER',
      region: 'NA',
      destinationId: 'dest-sqs',
    });
    await waitForReport(SELLER_A, '777', 'token-seller');
    const { resumed: waitingVendor } = await waitForReport(
      'A1VENDORPARTNER',
      '777',
      'token-vendor',
    );
    await expect(
      consume([ordersFinished('n-v', { accountId: VENDOR_ID }, 'DONE')]),
    ).resolves.toEqual({ batchItemFailures: [] });
    await expect(waitingVendor).resolves.toMatchObject({ processingStatus: 'DONE' });
    expect(resumer.sent().map((sent) => sent.taskToken)).toEqual(['token-vendor']);
  });

  it('dead-letters a report notification whose partner cannot be resolved, resuming nobody', async () => {
    const { consume, resumer, logged, waitForReport } = build();
    await waitForReport(SELLER_A, '777', 'token-a');
    await expect(
      consume([ordersFinished('n-v', { accountId: VENDOR_ID }, 'CANCELLED')]),
    ).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }] });
    expect(logged[0]).toMatch(
      /^error .*NotificationPartnerUnknownError.*Subscription sub-reports of report 777 is not in the directory and account amzn1\.vg\.1234567 names no merchant token/,
    );
    expect(resumer.sent()).toEqual([]);
  });

  it("resumes the waiter of the subscription's partner, whatever label its account has", async () => {
    // Accounts may be configured under a label rather than the merchant token the payload names.
    const { consume, directory, resumer, waitForReport } = build();
    await directory.record({
      subscriptionId: 'sub-reports',
      notificationType: 'REPORT_PROCESSING_FINISHED',
      sellingPartnerId: 'acme-na',
      region: 'NA',
      destinationId: 'dest-sqs',
    });
    const { resumed } = await waitForReport('acme-na', '777', 'token-acme');
    await expect(consume([ordersFinished('n-acme', merchant(SELLER_B), 'DONE')])).resolves.toEqual({
      batchItemFailures: [],
    });
    await expect(resumed).resolves.toMatchObject({ processingStatus: 'DONE' });
    expect(resumer.sent().map((sent) => sent.taskToken)).toEqual(['token-acme']);
  });

  it("requests a listing refresh for the vendor's selling partner id when SellerId is its vendor code", async () => {
    const { consume, directory, listings } = build();
    await directory.record({
      subscriptionId: 'sub-issues',
      notificationType: 'LISTINGS_ITEM_ISSUES_CHANGE',
      sellingPartnerId: VENDOR_ID,
      region: 'NA',
      destinationId: 'dest-eventbridge',
    });
    await expect(consume([issuesChange('TXXXX', 'n-1')])).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(listings.requests()).toEqual([
      {
        sellingPartnerId: VENDOR_ID,
        region: 'NA',
        marketplaceId: 'ATVPDKIKX0DER',
        sku: 'VENDOR-SKU-1',
        asin: 'B0TESTASIN',
        reason: 'LISTINGS_ITEM_ISSUES_CHANGE',
        notificationId: 'n-1',
        eventTime: '2026-11-01T00:00:00.000Z',
      },
    ]);
  });

  it("takes a seller's SellerId when its subscription is not in the directory", async () => {
    const { consume, listings } = build();
    await expect(consume([issuesChange('A3TH9S8BH6GOGM', 'n-1')])).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(listings.requests()).toEqual([
      expect.objectContaining({ sellingPartnerId: 'A3TH9S8BH6GOGM', region: 'NA' }),
    ]);
  });

  it('dead-letters a listings notification whose partner is neither in the directory nor its SellerId', async () => {
    const { consume, listings, logged } = build();
    await expect(consume([issuesChange('TXXXX', 'n-1')])).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-0' }],
    });
    expect(listings.requests()).toEqual([]);
    expect(logged[0]).toMatch(
      /^error .*NotificationPartnerUnknownError.*Subscription sub-issues of LISTINGS_ITEM_ISSUES_CHANGE is not in the directory and SellerId TXXXX is no selling partner id/,
    );
    expect(logged[0]).toContain('dead-letter queue');
  });

  it('dead-letters a notification whose eventTime is not a date-time before de-duplicating it', async () => {
    const { consume, directory, retrievals, logged } = build();
    await directory.record({
      subscriptionId: 'sub-settlement',
      notificationType: 'REPORT_PROCESSING_FINISHED',
      sellingPartnerId: 'A3TH9S8BH6GOGM',
      region: 'EU',
      destinationId: 'dest-sqs',
    });
    const good = settlementDone('n-1');
    const bad = JSON.stringify({ ...JSON.parse(good), eventTime: 'Tue, 03 Nov 2026 10:00:00' });
    await expect(consume([bad])).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-0' }],
    });
    expect(logged[0]).toMatch(
      /^error .*NotificationMalformedError.*notification\.eventTime: Invalid ISO datetime/,
    );
    expect(logged.join('\n')).not.toContain('Tue, 03 Nov');
    expect(retrievals.requests()).toEqual([]);
    // Not remembered as handled: the same notification id with a valid time is processed.
    await expect(consume([good])).resolves.toEqual({ batchItemFailures: [] });
    expect(retrievals.requests()).toHaveLength(1);
  });

  it('lets a transient failure be redelivered and processed, instead of remembered as done', async () => {
    const store = new LocalReportWaiterStore({ clock });
    let failures = 1;
    const flaky: ReportWaiterStore = {
      putWaiter: (...args) => store.putWaiter(...args),
      takeWaiter: (id) => store.takeWaiter(id),
      getOutcome: (id) => store.getOutcome(id),
      putOutcome: async (outcome) => {
        if (failures-- > 0)
          throw new NotificationStoreUnavailableError('PutItem failed (ThrottlingException)');
        return store.putOutcome(outcome);
      },
    };
    const { consume, logged } = build({ waiters: flaky });
    const body = camel('REPORT_PROCESSING_FINISHED', {
      reportProcessingFinishedNotification: {
        accountId: 'amzn1.merchant.o.A3TH9S8BH6GOGM',
        reportId: '888',
        reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA',
        processingStatus: 'CANCELLED',
      },
    });
    await expect(consume([body])).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-0' }],
    });
    expect(logged[0]).toMatch(/^warn .*SQS redelivers it.*NotificationStoreUnavailableError/);
    await expect(consume([body])).resolves.toEqual({ batchItemFailures: [] });
    await expect(store.outcomes()).resolves.toEqual([
      expect.objectContaining({ reportId: '888', processingStatus: 'CANCELLED' }),
    ]);
  });

  it('remembers handled notification ids in the JSON file across handler instances', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'idempotency-'));
    try {
      const idempotencyFile = path.join(directory, 'idempotency.json');
      const body = camel('REPORT_PROCESSING_FINISHED', {
        reportProcessingFinishedNotification: {
          accountId: 'amzn1.merchant.o.A3TH9S8BH6GOGM',
          reportId: '999',
          reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA',
          processingStatus: 'FATAL',
        },
      });
      const first = build({ idempotencyFile });
      await first.consume([body]);
      const second = build({ idempotencyFile });
      await expect(second.consume([body])).resolves.toEqual({ batchItemFailures: [] });
      expect(second.logged[0]).toContain('"duplicate":true');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
