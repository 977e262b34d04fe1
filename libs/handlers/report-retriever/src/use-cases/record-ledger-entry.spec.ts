import { buildLedgerEntry, parseLedgerEntry } from '@spapi-lake/lake';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { recordLedgerEntry } from './record-ledger-entry';

const entry = (
  outcome: 'DONE' | 'FATAL',
  recordedAt: string,
  extra: {
    rows?: number;
    reason?: string;
    reportConfigId?: string;
    marketplaceIds?: string[];
    reportId?: string;
  } = {},
) =>
  buildLedgerEntry({
    sellingPartnerId: 'A1',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    reportConfigId: 'orders-by-order-date',
    marketplaceIds: ['ATVPDKIKX0DER'],
    windowStart: '2026-10-01T00:00:00Z',
    windowEnd: '2026-10-02T00:00:00Z',
    outcome,
    reportId: '5001',
    recordedAt: new Date(recordedAt),
    ...extra,
  });

describe('recordLedgerEntry', () => {
  it('writes the entry at its window key', async () => {
    const store = new InMemoryObjectStore();

    const write = await recordLedgerEntry(
      store,
      entry('DONE', '2026-10-02T01:00:00Z', { rows: 3 }),
    );

    expect(write.written).toBe(true);
    expect(parseLedgerEntry(await store.getObject(write.key))).toMatchObject({
      outcome: 'DONE',
      rows: 3,
    });
  });

  it('keeps the entries of two marketplaces, and of two report configs, of one window apart', async () => {
    const store = new InMemoryObjectStore();
    const writes = [
      await recordLedgerEntry(store, entry('DONE', '2026-10-02T01:00:00Z', { rows: 3 })),
      await recordLedgerEntry(
        store,
        entry('DONE', '2026-10-02T01:00:00Z', {
          rows: 5,
          marketplaceIds: ['A2EUQ1WTGCTBG2'],
          reportId: '5002',
        }),
      ),
      await recordLedgerEntry(
        store,
        entry('FATAL', '2026-10-02T01:00:00Z', {
          reason: 'no access',
          reportConfigId: 'orders-by-order-date-b2b',
          reportId: '5003',
        }),
      ),
    ];

    expect(writes.map((write) => write.written)).toEqual([true, true, true]);
    expect(new Set(writes.map((write) => write.key)).size).toBe(3);
    const stored = await Promise.all(
      writes.map(async (write) => parseLedgerEntry(await store.getObject(write.key))),
    );
    expect(stored.map((e) => [e.reportId, e.outcome, e.rows])).toEqual([
      ['5001', 'DONE', 3],
      ['5002', 'DONE', 5],
      ['5003', 'FATAL', undefined],
    ]);
  });

  it('leaves an entry that says the same apart from recordedAt as it is', async () => {
    const store = new InMemoryObjectStore();
    const first = await recordLedgerEntry(
      store,
      entry('DONE', '2026-10-02T01:00:00Z', { rows: 3 }),
    );
    const bytes = await store.getObject(first.key);

    const again = await recordLedgerEntry(
      store,
      entry('DONE', '2026-10-03T01:00:00Z', { rows: 3 }),
    );

    expect(again.written).toBe(false);
    expect(await store.getObject(first.key)).toEqual(bytes);
  });

  it('replaces a different outcome unless told to keep it', async () => {
    const store = new InMemoryObjectStore();
    await recordLedgerEntry(
      store,
      entry('FATAL', '2026-10-02T01:00:00Z', { reason: 'no data yet' }),
    );

    const kept = await recordLedgerEntry(
      store,
      entry('DONE', '2026-10-03T00:00:00Z', { rows: 1 }),
      () => true,
    );
    expect(kept).toMatchObject({ written: false, entry: { outcome: 'FATAL' } });
    const replaced = await recordLedgerEntry(
      store,
      entry('DONE', '2026-10-03T00:00:00Z', { rows: 1 }),
    );
    expect(replaced.written).toBe(true);
  });

  it('replaces an entry that does not parse', async () => {
    const store = new InMemoryObjectStore();
    const key = (await recordLedgerEntry(store, entry('DONE', '2026-10-02T01:00:00Z', { rows: 1 })))
      .key;
    await store.putObject(key, 'not json');

    await expect(
      recordLedgerEntry(store, entry('DONE', '2026-10-02T01:00:00Z', { rows: 1 })),
    ).resolves.toMatchObject({ written: true });
  });
});
