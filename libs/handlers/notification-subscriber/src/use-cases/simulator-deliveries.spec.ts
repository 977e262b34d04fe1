import { parseNotification } from '@spapi-lake/notifications';
import { InProcessExecutionResumer } from '../adapters/in-process-execution-resumer';
import { LocalReportWaiterStore } from '../adapters/local-report-waiter-store';
import { LocalSubscriptionDirectory } from '../adapters/local-subscription-directory';
import { RecordingListingRefreshRequester } from '../adapters/recording-listing-refresh-requester';
import { RecordingRetrievalStarter } from '../adapters/recording-retrieval-starter';
import {
  type NotificationSimulator,
  TEST_SETTINGS,
  startNotificationSimulator,
} from '../test/simulator-notifications';
import { isAmazonGeneratedReportType } from './amazon-generated-report-type';
import { assertConsumedHere } from './consumed-notification';
import { ensureSubscriptions } from './ensure-subscriptions';
import { handleNotification } from './handle-notification';

let env: NotificationSimulator;
beforeEach(async () => {
  env = await startNotificationSimulator();
});
afterEach(async () => {
  await env.sim.stop();
});

// The consumer validates eventTime, publishTime and CreatedDate as ISO date-times: what the
// simulator delivers (the local pipeline's and the tests' notifications) must pass.
describe('notifications the simulator delivers', () => {
  it('all parse, with the simulated time as their event and publish time', async () => {
    await ensureSubscriptions({
      accounts: env.accountSource(),
      notificationsApi: env.notificationsApi,
      directory: new LocalSubscriptionDirectory(),
      settings: TEST_SETTINGS,
    });
    const seller = env.accounts.find((a) => a.accountType === 'seller');
    const marketplaceId = seller?.marketplaceIds[0];
    if (seller === undefined || marketplaceId === undefined) throw new Error('no seller');
    const { sellingPartnerId } = seller;
    const listing = env.sim.catalog
      .listings(sellingPartnerId, marketplaceId)
      .find((record) => record.status.length > 0);
    if (listing === undefined) throw new Error('no listing with a status');
    env.sim.catalog.changeListing({
      sellingPartnerId,
      sku: listing.sku,
      marketplaceId,
      change: {
        status: [],
        issues: [{ severity: 'ERROR', enforcementActions: ['SEARCH_SUPPRESSED'] }],
      },
    });
    env.sim.notifications.reportProcessingFinished({
      sellingPartnerId,
      reportId: '50001',
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      processingStatus: 'DONE',
      reportDocumentId: 'amzn1.spdoc.1.4.na.50001',
    });

    const notifications = env.sim.queue.drain().map((body) => parseNotification(body));
    expect(notifications.map((n) => n.type).sort()).toEqual([
      'LISTINGS_ITEM_ISSUES_CHANGE',
      'LISTINGS_ITEM_STATUS_CHANGE',
      'REPORT_PROCESSING_FINISHED',
    ]);
    const now = env.sim.clock.now();
    for (const { metadata } of notifications) {
      expect(Date.parse(metadata.eventTime)).toBe(now);
      expect(Date.parse(metadata.publishTime)).toBe(now);
    }
    const status = notifications.find((n) => n.type === 'LISTINGS_ITEM_STATUS_CHANGE');
    expect(status?.payload).toMatchObject({ createdDate: listing.createdDate });
  });

  it("of a vendor's listing issues name its vendor code, and refresh the vendor's listing", async () => {
    const directory = new LocalSubscriptionDirectory();
    await ensureSubscriptions({
      accounts: env.accountSource(),
      notificationsApi: env.notificationsApi,
      directory,
      settings: TEST_SETTINGS,
    });
    const vendor = env.accounts.find((a) => a.accountType === 'vendor');
    const marketplaceId = vendor?.marketplaceIds[0];
    if (vendor === undefined || marketplaceId === undefined) throw new Error('no vendor');
    const { sellingPartnerId } = vendor;
    const listing = env.sim.catalog.listings(sellingPartnerId, marketplaceId)[0];
    if (listing === undefined) throw new Error('no vendor listing');
    env.sim.catalog.changeListing({
      sellingPartnerId,
      sku: listing.sku,
      marketplaceId,
      change: { issues: [{ severity: 'ERROR', enforcementActions: ['LISTING_SUPPRESSED'] }] },
    });

    const [notification, ...others] = env.sim.queue.drain().map((body) => parseNotification(body));
    expect(others).toEqual([]);
    if (notification?.type !== 'LISTINGS_ITEM_ISSUES_CHANGE') throw new Error('no issues change');
    expect(notification.payload.sellerId).not.toBe(sellingPartnerId);
    assertConsumedHere(notification);
    const listings = new RecordingListingRefreshRequester();
    const simClock = { now: () => env.sim.clock.now(), sleep: async () => undefined };
    await expect(
      handleNotification(
        {
          waiters: new LocalReportWaiterStore({ clock: simClock }),
          resumer: new InProcessExecutionResumer(),
          clock: simClock,
          retrievals: new RecordingRetrievalStarter(),
          directory,
          listings,
          isUnsolicitedReportType: isAmazonGeneratedReportType,
          outcomeTtlMs: 3_600_000,
        },
        notification,
      ),
    ).resolves.toEqual({ action: 'listing-refresh-requested', sku: listing.sku });
    expect(listings.requests()).toEqual([
      expect.objectContaining({
        sellingPartnerId,
        region: vendor.region,
        marketplaceId,
        sku: listing.sku,
        reason: 'LISTINGS_ITEM_ISSUES_CHANGE',
      }),
    ]);
  });
});
