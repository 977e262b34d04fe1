import type {
  SubscriptionDirectory,
  SubscriptionEntry,
  SubscriptionOwner,
} from '../subscription-directory';
import { JsonState } from './json-state';

/** An entry as kept: `ownerForgotten` when it is no longer its owner's subscription. */
type StoredEntry = SubscriptionEntry & { readonly ownerForgotten?: true };

/** The subscription directory in memory, or in a JSON file (`filePath`) for the local runner. */
export class LocalSubscriptionDirectory implements SubscriptionDirectory {
  private readonly state: JsonState<Record<string, StoredEntry>>;

  constructor(options: { readonly filePath?: string } = {}) {
    this.state = new JsonState<Record<string, StoredEntry>>(() => ({}), options.filePath);
  }

  record(entry: SubscriptionEntry): Promise<void> {
    return this.state.update((document) => {
      // Re-inserted, so key order stays recording order for findByOwner (ids are UUIDs, never the
      // integer-like keys objects would sort first).
      delete document[entry.subscriptionId];
      document[entry.subscriptionId] = entry;
      return { document, result: undefined };
    });
  }

  async find(subscriptionId: string): Promise<SubscriptionEntry | undefined> {
    const stored = (await this.state.read())[subscriptionId];
    return stored === undefined ? undefined : entryOf(stored);
  }

  async findByOwner(owner: SubscriptionOwner): Promise<SubscriptionEntry | undefined> {
    const latest = ownersLatest(await this.state.read(), owner);
    return latest === undefined || latest.ownerForgotten ? undefined : entryOf(latest);
  }

  forgetOwner(entry: SubscriptionEntry): Promise<void> {
    return this.state.update((document) => {
      const latest = ownersLatest(document, entry);
      if (latest?.subscriptionId === entry.subscriptionId) {
        document[entry.subscriptionId] = { ...latest, ownerForgotten: true };
      }
      return { document, result: undefined };
    });
  }

  /** Every entry, in recording order. */
  async entries(): Promise<SubscriptionEntry[]> {
    return Object.values(await this.state.read()).map(entryOf);
  }
}

// A scan rather than a second index: state files written before this lookup existed answer it.
function ownersLatest(
  document: Record<string, StoredEntry>,
  owner: SubscriptionOwner,
): StoredEntry | undefined {
  return Object.values(document).findLast(
    (entry) =>
      entry.sellingPartnerId === owner.sellingPartnerId &&
      entry.region === owner.region &&
      entry.notificationType === owner.notificationType,
  );
}

function entryOf({ ownerForgotten: _forgotten, ...entry }: StoredEntry): SubscriptionEntry {
  return entry;
}
