import { ObjectChangedError } from './errors';
import {
  type LedgerEntry,
  buildLedgerEntry,
  parseLedgerEntry,
  serializeLedgerEntry,
} from './ledger-entry';
import { updateLedgerEntry } from './ledger-update';
import type { ObjectStore, PutObjectOptions, VersionedObject } from './object-store';

const KEY = '_ledger/selling_partner_id=A1/GET_X/report_config_id=x/marketplace_ids=M/w.json';

const entry = (reportId: string, rows: number): LedgerEntry =>
  buildLedgerEntry({
    sellingPartnerId: 'A1',
    reportType: 'GET_X',
    reportConfigId: 'x',
    marketplaceIds: ['M'],
    windowStart: '2026-11-01T00:00:00Z',
    windowEnd: '2026-11-02T00:00:00Z',
    outcome: 'DONE',
    rows,
    reportId,
    recordedAt: new Date('2026-11-02T01:00:00Z'),
  });

// The two operations a compare-and-swap needs, with S3's semantics; `beforePut` lets another
// writer come in between a read and a write.
class VersionedObjects implements Pick<ObjectStore, 'getVersioned' | 'putObject'> {
  readonly objects = new Map<string, VersionedObject>();
  readonly conditions: (string | null | undefined)[] = [];
  beforePut: (() => void) | undefined;
  private writes = 0;

  async getVersioned(key: string): Promise<VersionedObject | undefined> {
    return this.objects.get(key);
  }

  async putObject(key: string, body: Buffer | string, options: PutObjectOptions = {}) {
    const racing = this.beforePut;
    this.beforePut = undefined;
    racing?.();
    this.conditions.push(options.expectedVersion);
    const expected = options.expectedVersion;
    if (expected !== undefined && (this.objects.get(key)?.version ?? null) !== expected) {
      throw new ObjectChangedError(`${key} changed`);
    }
    this.store(key, body);
    return { key, bytes: Buffer.byteLength(body) };
  }

  store(key: string, body: Buffer | string): void {
    this.objects.set(key, { body: Buffer.from(body), version: `v${++this.writes}` });
  }

  entryAt(key: string): LedgerEntry {
    return parseLedgerEntry((this.objects.get(key) as VersionedObject).body);
  }
}

describe('updateLedgerEntry', () => {
  it('writes a first entry only if there is still none', async () => {
    const store = new VersionedObjects();
    const update = await updateLedgerEntry(store, KEY, () => entry('1', 5));
    expect(update).toEqual({ key: KEY, written: true, entry: entry('1', 5) });
    expect(store.conditions).toEqual([null]);
    expect(store.entryAt(KEY)).toEqual(entry('1', 5));
  });

  it('leaves the stored entry when the decision says so', async () => {
    const store = new VersionedObjects();
    store.store(KEY, serializeLedgerEntry(entry('1', 5)));
    const update = await updateLedgerEntry(store, KEY, () => undefined);
    expect(update).toEqual({ key: KEY, written: false, entry: entry('1', 5) });
    expect(store.conditions).toEqual([]);
  });

  it('replaces only the version it read', async () => {
    const store = new VersionedObjects();
    store.store(KEY, serializeLedgerEntry(entry('1', 5)));
    await updateLedgerEntry(store, KEY, () => entry('1', 6));
    expect(store.conditions).toEqual(['v1']);
    expect(store.entryAt(KEY)).toEqual(entry('1', 6));
  });

  it('decides again on what another writer stored in between, never overwriting it unseen', async () => {
    const store = new VersionedObjects();
    // Report 2 lands the window while report 1's writer is between its read and its write.
    store.beforePut = () => store.store(KEY, serializeLedgerEntry(entry('2', 7)));
    const seen: (string | undefined)[] = [];
    const update = await updateLedgerEntry(store, KEY, (stored) => {
      seen.push(stored?.reportId);
      // The window lands once: an entry through another report wins.
      return stored === undefined ? entry('1', 5) : undefined;
    });
    expect(seen).toEqual([undefined, '2']);
    expect(update).toEqual({ key: KEY, written: false, entry: entry('2', 7) });
    expect(store.entryAt(KEY)).toEqual(entry('2', 7));
  });

  it('replaces an entry that cannot be read', async () => {
    const store = new VersionedObjects();
    store.store(KEY, '{"not":"an entry"}');
    const stored: (LedgerEntry | undefined)[] = [];
    await updateLedgerEntry(store, KEY, (entryNow) => {
      stored.push(entryNow);
      return entry('1', 5);
    });
    expect(stored).toEqual([undefined]);
    expect(store.entryAt(KEY)).toEqual(entry('1', 5));
  });

  it('gives up with ObjectChangedError (retryable) when every try loses the race', async () => {
    const store = new VersionedObjects();
    let tries = 0;
    const racingWriter = () => {
      store.store(KEY, serializeLedgerEntry(entry('2', tries)));
    };
    const attempt = updateLedgerEntry(store, KEY, () => {
      tries++;
      store.beforePut = racingWriter;
      return entry('1', 5);
    });
    await expect(attempt).rejects.toBeInstanceOf(ObjectChangedError);
    await expect(attempt).rejects.toMatchObject({ retryable: true });
    expect(tries).toBe(5);
  });
});
