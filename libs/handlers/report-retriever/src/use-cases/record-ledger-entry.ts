import {
  type LedgerEntry,
  LedgerOutcome,
  ManifestInvalidError,
  type ObjectStore,
  ledgerKey,
  parseLedgerEntry,
  updateLedgerEntry,
} from '@spapi-lake/lake';

/** What {@link recordLedgerEntry} did. */
export interface LedgerWrite {
  readonly key: string;
  /** False when the stored entry already said the same (or was kept on purpose). */
  readonly written: boolean;
  /** The entry now stored. */
  readonly entry: LedgerEntry;
}

/**
 * For FATAL and failures: a DONE entry (the window's rows landed, perhaps through another report)
 * and a CANCELLED one (Amazon had no data) are final. Replacing a DONE entry would also hide it
 * from the check that keeps a window from landing twice, so a later report would duplicate rows.
 */
export const keepFinalOutcome = (stored: LedgerEntry): boolean =>
  stored.outcome === LedgerOutcome.Done || stored.outcome === LedgerOutcome.Cancelled;

/** For CANCELLED: a window whose rows landed through another report keeps its DONE entry. */
export const keepDone = (stored: LedgerEntry): boolean => stored.outcome === LedgerOutcome.Done;

/**
 * Stores `entry` at its window's ledger key, unless the stored entry already says the same apart
 * from `recordedAt` (a retried task or a duplicate notification leaves the lake as it was), or
 * `keep(stored)` says the stored one wins. A compare-and-swap: an entry another writer stores in
 * between is seen and decided on again, never overwritten unseen.
 */
export async function recordLedgerEntry(
  store: ObjectStore,
  entry: LedgerEntry,
  keep: (stored: LedgerEntry) => boolean = () => false,
): Promise<LedgerWrite> {
  const update = await updateLedgerEntry(store, ledgerKey(entry), (stored) =>
    stored !== undefined && (sameOutcome(stored, entry) || keep(stored)) ? undefined : entry,
  );
  // Left as it was: there is a stored entry.
  return { key: update.key, written: update.written, entry: update.entry ?? entry };
}

/** The entry stored at `key`; undefined when there is none, or it cannot be read as one. */
export async function readLedgerEntry(
  store: ObjectStore,
  key: string,
): Promise<LedgerEntry | undefined> {
  if (!(await store.exists(key))) return undefined;
  try {
    return parseLedgerEntry(await store.getObject(key));
  } catch (error) {
    // An unreadable entry is replaced by the new one rather than blocking the window for good.
    if (error instanceof ManifestInvalidError) return undefined;
    throw error;
  }
}

function sameOutcome(a: LedgerEntry, b: LedgerEntry): boolean {
  return (
    JSON.stringify({ ...a, recordedAt: undefined }) ===
    JSON.stringify({ ...b, recordedAt: undefined })
  );
}
