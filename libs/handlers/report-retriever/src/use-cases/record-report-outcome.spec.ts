import {
  LedgerOutcome,
  type LedgerOutcome as LedgerOutcomeValue,
  buildLedgerEntry,
  ledgerKey,
  parseLedgerEntry,
  serializeLedgerEntry,
} from '@spapi-lake/lake';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { WindowOutcome, recordReportOutcome } from './record-report-outcome';

const placement = {
  reportConfigId: 'orders-daily',
  marketplaceIds: ['A1PA6795UKMFR9'] as [string],
  window: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' },
};
const partner = {
  sellingPartnerId: 'A1SELLER',
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
};
const clock = { now: () => Date.UTC(2026, 10, 3) };

function storedEntry(outcome: LedgerOutcomeValue, reportId: string) {
  return buildLedgerEntry({
    ...partner,
    reportConfigId: placement.reportConfigId,
    marketplaceIds: placement.marketplaceIds,
    windowStart: placement.window.start,
    windowEnd: placement.window.end,
    outcome,
    ...(outcome === LedgerOutcome.Done ? { rows: 12 } : {}),
    ...(outcome === LedgerOutcome.Fatal ? { reason: 'earlier failure' } : {}),
    reportId,
    recordedAt: new Date(Date.UTC(2026, 10, 2)),
  });
}

async function storeWith(outcome: LedgerOutcomeValue, reportId: string) {
  const store = new InMemoryObjectStore();
  const entry = storedEntry(outcome, reportId);
  await store.putObject(ledgerKey(entry), serializeLedgerEntry(entry));
  return { store, key: ledgerKey(entry), entry };
}

const failure = { Error: 'SpApiServerError', Cause: 'getReport failed with HTTP 503' };

describe('recordReportOutcome', () => {
  it('keeps a DONE entry when a later report of the window ends CANCELLED or fails', async () => {
    // The window landed through report 1; a later try made report 2, which Amazon cancelled (or
    // which failed). Replacing DONE would hide the landed rows from the check that keeps a window
    // from landing twice.
    for (const outcome of [WindowOutcome.Cancelled, WindowOutcome.Failed]) {
      const { store, key, entry } = await storeWith(LedgerOutcome.Done, '1');
      await expect(
        recordReportOutcome(
          { store, clock },
          { ...partner, outcome, reportId: '2', placement, error: failure },
        ),
      ).resolves.toEqual({ written: false, ledgerKey: key });
      expect(parseLedgerEntry(await store.getObject(key))).toEqual(entry);
    }
  });

  it('records CANCELLED over an earlier failure, and a failure over nothing but a failure', async () => {
    const cancelled = await storeWith(LedgerOutcome.Fatal, '1');
    await expect(
      recordReportOutcome(
        { store: cancelled.store, clock },
        { ...partner, outcome: WindowOutcome.Cancelled, reportId: '2', placement },
      ),
    ).resolves.toMatchObject({ written: true });
    expect(parseLedgerEntry(await cancelled.store.getObject(cancelled.key))).toMatchObject({
      outcome: 'CANCELLED',
      reportId: '2',
    });

    const failedAgain = await storeWith(LedgerOutcome.Fatal, '1');
    await recordReportOutcome(
      { store: failedAgain.store, clock },
      { ...partner, outcome: WindowOutcome.Failed, reportId: '2', placement, error: failure },
    );
    expect(parseLedgerEntry(await failedAgain.store.getObject(failedAgain.key))).toMatchObject({
      outcome: 'FATAL',
      reportId: '2',
      reason: expect.stringContaining('SpApiServerError'),
    });

    const failedAfterCancel = await storeWith(LedgerOutcome.Cancelled, '1');
    await expect(
      recordReportOutcome(
        { store: failedAfterCancel.store, clock },
        { ...partner, outcome: WindowOutcome.Failed, reportId: '2', placement, error: failure },
      ),
    ).resolves.toMatchObject({ written: false });
  });
});
