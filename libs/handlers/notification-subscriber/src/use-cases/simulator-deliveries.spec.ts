import { parseNotification } from '@spapi-lake/notifications';
import { LocalSubscriptionDirectory } from '../adapters/local-subscription-directory';
import {
  type NotificationSimulator,
  TEST_SETTINGS,
  startNotificationSimulator,
} from '../test/simulator-notifications';
import { ensureSubscriptions } from './ensure-subscriptions';

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
});
