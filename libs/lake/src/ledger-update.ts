import { ManifestInvalidError, ObjectChangedError } from './errors';
import { type LedgerEntry, parseLedgerEntry, serializeLedgerEntry } from './ledger-entry';
import type { ObjectStore } from './object-store';

// Writers of one window's entry are a retrieval, its retried task, a replay: a handful at most.
const LEDGER_UPDATE_TRIES = 5;

/** What {@link updateLedgerEntry} did. */
export interface LedgerUpdate {
  readonly key: string;
  /** False when `decide` left the stored entry as it was. */
  readonly written: boolean;
  /** The entry now stored (undefined when there is none). */
  readonly entry: LedgerEntry | undefined;
}

/**
 * Compare-and-swap on the ledger entry at `key`: `decide` sees the stored entry (undefined when
 * there is none, or it cannot be read as one) and returns the entry to store, or undefined to leave
 * it. When another writer changes the entry between the read and the write, it is read and decided
 * again: no writer overwrites a decision it has not seen.
 */
export async function updateLedgerEntry(
  store: Pick<ObjectStore, 'getVersioned' | 'putObject'>,
  key: string,
  decide: (stored: LedgerEntry | undefined) => LedgerEntry | undefined,
): Promise<LedgerUpdate> {
  for (let attempt = 1; ; attempt++) {
    const current = await store.getVersioned(key);
    const stored = current === undefined ? undefined : readableEntry(current.body);
    const next = decide(stored);
    if (next === undefined) return { key, written: false, entry: stored };
    try {
      await store.putObject(key, serializeLedgerEntry(next), {
        contentType: 'application/json',
        expectedVersion: current?.version ?? null,
      });
      return { key, written: true, entry: next };
    } catch (error) {
      if (!(error instanceof ObjectChangedError) || attempt >= LEDGER_UPDATE_TRIES) throw error;
    }
  }
}

// An unreadable entry is replaced rather than blocking the window for good.
function readableEntry(body: Buffer): LedgerEntry | undefined {
  try {
    return parseLedgerEntry(body);
  } catch (error) {
    if (error instanceof ManifestInvalidError) return undefined;
    throw error;
  }
}
