import type { ReportOutcome } from '../report-waiter-store';
import { LocalReportWaiterStore } from './local-report-waiter-store';

const HOUR = 3_600_000;

const outcome = (reportId: string, expiresAt: number): ReportOutcome => ({
  sellingPartnerId: 'A1SELLER',
  reportId,
  processingStatus: 'DONE',
  reportDocumentId: `doc-${reportId}`,
  notificationId: `n-${reportId}`,
  receivedAt: new Date(0).toISOString(),
  expiresAt,
});

describe('LocalReportWaiterStore', () => {
  it('keeps an outcome until it expires, as the TTL does, and prunes expired ones', async () => {
    let now = 0;
    const store = new LocalReportWaiterStore({
      clock: { now: () => now, sleep: async () => undefined },
    });
    await store.putOutcome(outcome('1', HOUR));
    const key = { sellingPartnerId: 'A1SELLER', reportId: '1' };
    await expect(store.getOutcome(key)).resolves.toEqual(outcome('1', HOUR));

    now = HOUR;
    await expect(store.getOutcome(key)).resolves.toBeUndefined();
    await store.putOutcome(outcome('2', 2 * HOUR));
    await expect(store.outcomes()).resolves.toEqual([outcome('2', 2 * HOUR)]);
  });
});
