import { SpApiInvalidInputError, SpApiNotFoundError } from '@spapi-lake/sp-api';
import { LocalSubscriptionDirectory } from '../adapters/local-subscription-directory';
import { SubscriptionSetupIncompleteError } from '../errors';
import { createSetupSubscriptionsHandler } from '../handlers/setup-subscriptions-handler';
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

const silentLogger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };

describe('ensureSubscriptions', () => {
  it('gives a vendor who opted in REPORT_PROCESSING_FINISHED on SQS and LISTINGS_ITEM_ISSUES_CHANGE on EventBridge', async () => {
    const vendor = env.accounts.findIndex((a) => a.accountType === 'vendor');
    const overrides = env.accounts.map((_, i) =>
      i === vendor ? { reportProcessingNotifications: true } : { status: 'disabled' },
    );
    const summary = await ensureSubscriptions({
      accounts: env.accountSource(overrides),
      notificationsApi: env.notificationsApi,
      directory: new LocalSubscriptionDirectory(),
      settings: TEST_SETTINGS,
    });
    const destinationOf = (transport: string) =>
      summary.destinations.find((d) => d.transport === transport)?.destinationId;
    const sellingPartnerId = env.accounts[vendor]?.sellingPartnerId;
    expect(summary.subscriptions).toEqual([
      expect.objectContaining({
        sellingPartnerId,
        notificationType: 'REPORT_PROCESSING_FINISHED',
        payloadVersion: '2020-09-04',
        destinationId: destinationOf('sqs'),
        action: 'created',
      }),
      expect.objectContaining({
        sellingPartnerId,
        notificationType: 'LISTINGS_ITEM_ISSUES_CHANGE',
        payloadVersion: '2023-12-13',
        destinationId: destinationOf('eventbridge'),
        action: 'created',
      }),
    ]);
  });

  it('creates no SQS destination in a region whose plans need none', async () => {
    const vendor = env.accounts.findIndex((a) => a.accountType === 'vendor');
    const region = env.accounts[vendor]?.region;
    // A vendor polls its reports by default: only LISTINGS_ITEM_ISSUES_CHANGE (EventBridge).
    const overrides = env.accounts.map((_, i) => (i === vendor ? {} : { status: 'disabled' }));
    const summary = await ensureSubscriptions({
      accounts: env.accountSource(overrides),
      notificationsApi: env.notificationsApi,
      directory: new LocalSubscriptionDirectory(),
      settings: TEST_SETTINGS,
    });
    expect(summary.destinations).toEqual([
      expect.objectContaining({ region, transport: 'eventbridge', action: 'created' }),
    ]);
    expect(summary.subscriptions.map((s) => s.notificationType)).toEqual([
      'LISTINGS_ITEM_ISSUES_CHANGE',
    ]);
    if (region === undefined) throw new Error('no vendor');
    const listed = await env.notificationsApi({ region }).getDestinations();
    expect(listed.filter((d) => d.resource.sqs !== undefined)).toEqual([]);
  });

  it('fails only the listings subscriptions of a region whose EventBridge destination cannot be created', async () => {
    const na = env.accounts.filter((a) => a.region === 'NA');
    if (!na.some((a) => a.accountType === 'seller') || !na.some((a) => a.accountType === 'vendor'))
      throw new Error('no NA seller or vendor');
    // Sellers have both listings types, vendors LISTINGS_ITEM_ISSUES_CHANGE only.
    const listingsSteps = na.flatMap((a) =>
      (a.accountType === 'seller'
        ? ['LISTINGS_ITEM_STATUS_CHANGE', 'LISTINGS_ITEM_ISSUES_CHANGE']
        : ['LISTINGS_ITEM_ISSUES_CHANGE']
      ).map((type) => `${a.sellingPartnerId} ${type}`),
    );
    const refused = new SpApiInvalidInputError({
      operationId: 'createDestination',
      status: 400,
      requestId: undefined,
      errors: [{ code: 'InvalidInput', message: 'Request has missing or invalid parameters' }],
    });
    const noEventBridgeInNa = (target: Parameters<typeof env.notificationsApi>[0]) => {
      const api = env.notificationsApi(target);
      return {
        ...api,
        createDestination: jest.fn((body: Parameters<typeof api.createDestination>[0]) =>
          target.region === 'NA' && body.resourceSpecification.eventBridge !== undefined
            ? Promise.reject(refused)
            : api.createDestination(body),
        ),
      };
    };
    const handler = createSetupSubscriptionsHandler({
      accounts: env.accountSource(),
      notificationsApi: noEventBridgeInNa,
      directory: new LocalSubscriptionDirectory(),
      settings: TEST_SETTINGS,
      logger: silentLogger,
    });
    const error: unknown = await handler({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionSetupIncompleteError);
    expect((error as SubscriptionSetupIncompleteError).failures).toEqual([
      'NA eventbridge destination (SpApiInvalidInputError)',
      ...listingsSteps.map((step) => `${step} (SpApiInvalidInputError)`),
    ]);

    // Every other subscription was set up, REPORT_PROCESSING_FINISHED of the NA sellers included.
    const summary = await ensureSubscriptions({
      accounts: env.accountSource(),
      notificationsApi: env.notificationsApi,
      directory: new LocalSubscriptionDirectory(),
      settings: TEST_SETTINGS,
    });
    expect(summary.failures).toEqual([]);
    const created = summary.subscriptions.filter((s) => s.action === 'created');
    expect(created.map((s) => `${s.sellingPartnerId} ${s.notificationType}`).sort()).toEqual(
      [...listingsSteps].sort(),
    );
  });

  it('replaces a subscription that delivers to another destination', async () => {
    const seller = env.accounts.find((a) => a.accountType === 'seller' && a.region === 'NA');
    if (seller === undefined) throw new Error('no NA seller');
    const grantless = env.notificationsApi({ region: 'NA' });
    const old = await grantless.createDestination({
      name: 'old-queue',
      resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:123456789012:old-queue' } },
    });
    const partner = env.notificationsApi({
      region: 'NA',
      sellingPartnerId: seller.sellingPartnerId,
    });
    const stale = await partner.createSubscription('REPORT_PROCESSING_FINISHED', {
      payloadVersion: '2020-09-04',
      destinationId: old.destinationId,
    });

    const directory = new LocalSubscriptionDirectory();
    const summary = await ensureSubscriptions({
      accounts: env.accountSource(),
      notificationsApi: env.notificationsApi,
      directory,
      settings: TEST_SETTINGS,
    });
    const replaced = summary.subscriptions.find(
      (s) =>
        s.sellingPartnerId === seller.sellingPartnerId &&
        s.notificationType === 'REPORT_PROCESSING_FINISHED',
    );
    expect(replaced).toMatchObject({ action: 'replaced' });
    expect(replaced?.subscriptionId).not.toBe(stale.subscriptionId);
    const now = await partner.getSubscription('REPORT_PROCESSING_FINISHED', {
      payloadVersion: '2020-09-04',
    });
    expect(now.destinationId).not.toBe(old.destinationId);
    await expect(directory.find(stale.subscriptionId)).resolves.toBeUndefined();
    await expect(directory.find(now.subscriptionId)).resolves.toMatchObject({
      sellingPartnerId: seller.sellingPartnerId,
      region: 'NA',
    });
    await expect(
      directory.findByOwner({
        sellingPartnerId: seller.sellingPartnerId,
        region: 'NA',
        notificationType: 'REPORT_PROCESSING_FINISHED',
      }),
    ).resolves.toMatchObject({ subscriptionId: now.subscriptionId });
  });

  it('records subscriptions that already exist, so a run fills a directory that lacks them', async () => {
    const deps = {
      accounts: env.accountSource(),
      notificationsApi: env.notificationsApi,
      settings: TEST_SETTINGS,
    };
    const first = await ensureSubscriptions({
      ...deps,
      directory: new LocalSubscriptionDirectory(),
    });
    // A directory without these entries: one of an older release, or one that lost them.
    const directory = new LocalSubscriptionDirectory();
    const second = await ensureSubscriptions({ ...deps, directory });

    expect(second.failures).toEqual([]);
    expect(second.subscriptions.map((s) => s.action)).toEqual(
      first.subscriptions.map(() => 'existing'),
    );
    for (const subscription of second.subscriptions) {
      await expect(directory.findByOwner(subscription)).resolves.toEqual({
        subscriptionId: subscription.subscriptionId,
        notificationType: subscription.notificationType,
        sellingPartnerId: subscription.sellingPartnerId,
        region: subscription.region,
        destinationId: subscription.destinationId,
      });
    }
    expect(second.subscriptions.map((s) => s.notificationType)).toContain(
      'REPORT_PROCESSING_FINISHED',
    );
  });

  it('tolerates the 409 of a subscription created by a concurrent run', async () => {
    const settings = { accounts: env.accountSource(), directory: new LocalSubscriptionDirectory() };
    await ensureSubscriptions({
      ...settings,
      notificationsApi: env.notificationsApi,
      settings: TEST_SETTINGS,
    });
    // A second run that looked before the first one created: getSubscription says 404 once.
    const blind = (target: Parameters<typeof env.notificationsApi>[0]) => {
      const api = env.notificationsApi(target);
      return {
        ...api,
        getSubscription: jest
          .fn()
          .mockRejectedValueOnce(
            new SpApiNotFoundError({
              operationId: 'getSubscription',
              status: 404,
              requestId: undefined,
              errors: [],
            }),
          )
          .mockImplementation(api.getSubscription),
      };
    };
    const summary = await ensureSubscriptions({
      ...settings,
      notificationsApi: blind,
      settings: TEST_SETTINGS,
    });
    expect(summary.failures).toEqual([]);
    expect(summary.subscriptions.every((s) => s.action === 'existing')).toBe(true);
  });

  it('fails a subscription whose 409 still shows it on the old destination, then replaces it on the next run', async () => {
    const seller = env.accounts.find((a) => a.accountType === 'seller' && a.region === 'NA');
    if (seller === undefined) throw new Error('no NA seller');
    const grantless = env.notificationsApi({ region: 'NA' });
    const old = await grantless.createDestination({
      name: 'old-queue',
      resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:123456789012:old-queue' } },
    });
    const partner = env.notificationsApi({
      region: 'NA',
      sellingPartnerId: seller.sellingPartnerId,
    });
    const stale = await partner.createSubscription('REPORT_PROCESSING_FINISHED', {
      payloadVersion: '2020-09-04',
      destinationId: old.destinationId,
    });
    // Amazon processes the delete asynchronously: right after it, createSubscription still
    // answers 409 and getSubscription still returns the old subscription.
    const slowDelete = (target: Parameters<typeof env.notificationsApi>[0]) => ({
      ...env.notificationsApi(target),
      deleteSubscriptionById: jest.fn().mockResolvedValue(undefined),
    });
    const directory = new LocalSubscriptionDirectory();
    const accounts = env.accountSource();

    const first = await ensureSubscriptions({
      accounts,
      notificationsApi: slowDelete,
      directory,
      settings: TEST_SETTINGS,
    });
    expect(first.failures).toEqual([
      expect.objectContaining({
        region: 'NA',
        sellingPartnerId: seller.sellingPartnerId,
        step: 'REPORT_PROCESSING_FINISHED',
        errorName: 'SubscriptionDestinationMismatchError',
      }),
    ]);
    expect(first.subscriptions).not.toContainEqual(
      expect.objectContaining({ subscriptionId: stale.subscriptionId }),
    );
    await expect(directory.find(stale.subscriptionId)).resolves.toBeUndefined();

    const second = await ensureSubscriptions({
      accounts,
      notificationsApi: env.notificationsApi,
      directory,
      settings: TEST_SETTINGS,
    });
    const sqs = second.destinations.find((d) => d.region === 'NA' && d.transport === 'sqs');
    expect(second.failures).toEqual([]);
    expect(second.subscriptions).toContainEqual(
      expect.objectContaining({
        sellingPartnerId: seller.sellingPartnerId,
        notificationType: 'REPORT_PROCESSING_FINISHED',
        destinationId: sqs?.destinationId,
        action: 'replaced',
      }),
    );
  });

  it("forgets a partner's recorded subscription when no subscription could be made in its place", async () => {
    const seller = env.accounts.find((a) => a.region === 'NA' && a.accountType === 'seller');
    if (seller === undefined) throw new Error('no NA seller');
    const directory = new LocalSubscriptionDirectory();
    const accounts = env.accountSource();
    const owner = {
      sellingPartnerId: seller.sellingPartnerId,
      region: 'NA',
      notificationType: 'REPORT_PROCESSING_FINISHED',
    };
    await ensureSubscriptions({
      accounts,
      notificationsApi: env.notificationsApi,
      directory,
      settings: TEST_SETTINGS,
    });
    const recorded = await directory.findByOwner(owner);
    if (recorded === undefined) throw new Error('nothing recorded');

    // The subscription is gone at Amazon (deleted by hand), and creating it again fails.
    await env
      .notificationsApi({ region: 'NA' })
      .deleteSubscriptionById('REPORT_PROCESSING_FINISHED', recorded.subscriptionId);
    const failing = (target: Parameters<typeof env.notificationsApi>[0]) => ({
      ...env.notificationsApi(target),
      createSubscription: jest
        .fn()
        .mockRejectedValue(
          Object.assign(new Error('createSubscription answered 503'), { name: 'SpApiServerError' }),
        ),
    });
    const second = await ensureSubscriptions({
      accounts,
      notificationsApi: failing,
      directory,
      settings: TEST_SETTINGS,
    });
    expect(second.failures).toContainEqual(
      expect.objectContaining({
        sellingPartnerId: seller.sellingPartnerId,
        step: 'REPORT_PROCESSING_FINISHED',
        errorName: 'SpApiServerError',
      }),
    );
    // Waiting on it would last the full notification timeout: its ingestions poll at once now.
    await expect(directory.findByOwner(owner)).resolves.toBeUndefined();
    await expect(directory.find(recorded.subscriptionId)).resolves.toEqual(recorded);
    // Subscriptions that still deliver keep their entries.
    await expect(
      directory.findByOwner({ ...owner, notificationType: 'LISTINGS_ITEM_STATUS_CHANGE' }),
    ).resolves.toBeDefined();
  });

  it('creates the subscriptions when the directory cannot say what it recorded', async () => {
    const directory = new LocalSubscriptionDirectory();
    const unreadable = Object.assign(directory, {
      findByOwner: jest.fn().mockRejectedValue(new Error('the state table throttled GetItem')),
    });
    const summary = await ensureSubscriptions({
      accounts: env.accountSource(),
      notificationsApi: env.notificationsApi,
      directory: unreadable,
      settings: TEST_SETTINGS,
    });
    expect(summary.failures).toEqual([]);
    expect(summary.subscriptions.length).toBeGreaterThan(0);
    expect(summary.subscriptions.every((s) => s.action === 'created')).toBe(true);
  });

  it('sets up every other partner when one has revoked its authorisation, then fails', async () => {
    const eu = env.accounts.find((a) => a.region === 'EU');
    if (eu === undefined) throw new Error('no EU seller');
    env.sim.faults.set({ revokedRefreshTokens: [eu.sellingPartnerId] });
    const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const handler = createSetupSubscriptionsHandler({
      accounts: env.accountSource(),
      notificationsApi: env.notificationsApi,
      directory: new LocalSubscriptionDirectory(),
      settings: TEST_SETTINGS,
      logger,
    });
    const error: unknown = await handler({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionSetupIncompleteError);
    expect((error as SubscriptionSetupIncompleteError).failures).toEqual([
      `${eu.sellingPartnerId} REPORT_PROCESSING_FINISHED (LwaInvalidGrantError)`,
      `${eu.sellingPartnerId} LISTINGS_ITEM_STATUS_CHANGE (LwaInvalidGrantError)`,
      `${eu.sellingPartnerId} LISTINGS_ITEM_ISSUES_CHANGE (LwaInvalidGrantError)`,
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'subscription setup finished',
      expect.objectContaining({ subscriptions: 4, failures: 3 }),
    );
    expect(logger.error).toHaveBeenCalledTimes(3);
    // Each with its error's message, under a key the logger keeps.
    expect(logger.error).toHaveBeenCalledWith(
      'subscription setup step failed',
      expect.objectContaining({
        sellingPartnerId: eu.sellingPartnerId,
        step: 'REPORT_PROCESSING_FINISHED',
        errorName: 'LwaInvalidGrantError',
        reason: expect.any(String),
      }),
    );
    for (const [, attributes] of logger.error.mock.calls) {
      expect(attributes).not.toHaveProperty('message');
    }
  });

  it('returns an empty summary when no account is active', async () => {
    const handler = createSetupSubscriptionsHandler({
      accounts: { list: async () => [] },
      notificationsApi: env.notificationsApi,
      directory: new LocalSubscriptionDirectory(),
      settings: TEST_SETTINGS,
      logger: silentLogger,
    });
    await expect(handler()).resolves.toEqual({ destinations: [], subscriptions: [], failures: [] });
  });
});
