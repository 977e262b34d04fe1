import type { SubscriptionDirectory, SubscriptionEntry } from '../subscription-directory';
import { JsonState } from './json-state';

/** The subscription directory in memory, or in a JSON file (`filePath`) for the local runner. */
export class LocalSubscriptionDirectory implements SubscriptionDirectory {
  private readonly state: JsonState<Record<string, SubscriptionEntry>>;

  constructor(options: { readonly filePath?: string } = {}) {
    this.state = new JsonState<Record<string, SubscriptionEntry>>(() => ({}), options.filePath);
  }

  record(entry: SubscriptionEntry): Promise<void> {
    return this.state.update((document) => {
      document[entry.subscriptionId] = entry;
      return { document, result: undefined };
    });
  }

  async find(subscriptionId: string): Promise<SubscriptionEntry | undefined> {
    return (await this.state.read())[subscriptionId];
  }

  /** Every entry, in recording order. */
  async entries(): Promise<SubscriptionEntry[]> {
    return Object.values(await this.state.read());
  }
}
