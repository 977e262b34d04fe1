import type {
  SubscriptionDirectory,
  SubscriptionEntry,
  SubscriptionOwner,
} from '../subscription-directory';
import { JsonState } from './json-state';

/** The subscription directory in memory, or in a JSON file (`filePath`) for the local runner. */
export class LocalSubscriptionDirectory implements SubscriptionDirectory {
  private readonly state: JsonState<Record<string, SubscriptionEntry>>;

  constructor(options: { readonly filePath?: string } = {}) {
    this.state = new JsonState<Record<string, SubscriptionEntry>>(() => ({}), options.filePath);
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
    return (await this.state.read())[subscriptionId];
  }

  // A scan rather than a second index: state files written before this lookup existed answer it.
  async findByOwner(owner: SubscriptionOwner): Promise<SubscriptionEntry | undefined> {
    return Object.values(await this.state.read()).findLast(
      (entry) =>
        entry.sellingPartnerId === owner.sellingPartnerId &&
        entry.region === owner.region &&
        entry.notificationType === owner.notificationType,
    );
  }

  /** Every entry, in recording order. */
  async entries(): Promise<SubscriptionEntry[]> {
    return Object.values(await this.state.read());
  }
}
