import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalSubscriptionDirectory } from './local-subscription-directory';

const entry = (subscriptionId: string, overrides: { region?: string; type?: string } = {}) => ({
  subscriptionId,
  notificationType: overrides.type ?? 'REPORT_PROCESSING_FINISHED',
  sellingPartnerId: 'A3TH9S8BH6GOGM',
  region: overrides.region ?? 'EU',
  destinationId: 'dest-sqs',
});
const owner = {
  sellingPartnerId: 'A3TH9S8BH6GOGM',
  region: 'EU',
  notificationType: 'REPORT_PROCESSING_FINISHED',
};

describe('LocalSubscriptionDirectory', () => {
  let directoryPath: string;
  beforeEach(async () => {
    directoryPath = await mkdtemp(path.join(tmpdir(), 'subscription-directory-'));
  });
  afterEach(async () => {
    await rm(directoryPath, { recursive: true, force: true });
  });

  it('finds a subscription by its id and by its partner, region and type', async () => {
    const directory = new LocalSubscriptionDirectory();
    await directory.record(entry('sub-na', { region: 'NA' }));
    await directory.record(entry('sub-listings', { type: 'LISTINGS_ITEM_STATUS_CHANGE' }));
    await expect(directory.findByOwner(owner)).resolves.toBeUndefined();

    await directory.record(entry('sub-eu'));
    await expect(directory.find('sub-eu')).resolves.toEqual(entry('sub-eu'));
    await expect(directory.findByOwner(owner)).resolves.toEqual(entry('sub-eu'));
    await expect(
      directory.findByOwner({ ...owner, sellingPartnerId: 'A1OTHERPARTNER' }),
    ).resolves.toBeUndefined();
  });

  it("answers the partner's subscription recorded last, keeping the replaced one findable by id", async () => {
    const directory = new LocalSubscriptionDirectory();
    await directory.record(entry('sub-old'));
    await directory.record(entry('sub-new'));
    await expect(directory.findByOwner(owner)).resolves.toMatchObject({
      subscriptionId: 'sub-new',
    });
    await expect(directory.find('sub-old')).resolves.toMatchObject({ subscriptionId: 'sub-old' });

    await directory.record(entry('sub-old'));
    await expect(directory.findByOwner(owner)).resolves.toMatchObject({
      subscriptionId: 'sub-old',
    });
  });

  it("forgets the owner's entry only while it still names that subscription", async () => {
    const directory = new LocalSubscriptionDirectory();
    await directory.record(entry('sub-old'));
    await directory.record(entry('sub-new'));
    // A stale entry is no longer the owner's: nothing changes.
    await directory.forgetOwner(entry('sub-old'));
    await expect(directory.findByOwner(owner)).resolves.toEqual(entry('sub-new'));

    await directory.forgetOwner(entry('sub-new'));
    await expect(directory.findByOwner(owner)).resolves.toBeUndefined();
    // Still found by id (notifications it sent may be queued), without the mark.
    await expect(directory.find('sub-new')).resolves.toEqual(entry('sub-new'));
    await expect(directory.entries()).resolves.toEqual([entry('sub-old'), entry('sub-new')]);

    await directory.record(entry('sub-new'));
    await expect(directory.findByOwner(owner)).resolves.toEqual(entry('sub-new'));
  });

  it('answers both lookups from the JSON file another instance wrote', async () => {
    const filePath = path.join(directoryPath, 'subscriptions.json');
    await new LocalSubscriptionDirectory({ filePath }).record(entry('sub-eu'));
    const reopened = new LocalSubscriptionDirectory({ filePath });
    await expect(reopened.find('sub-eu')).resolves.toEqual(entry('sub-eu'));
    await expect(reopened.findByOwner(owner)).resolves.toEqual(entry('sub-eu'));
  });
});
