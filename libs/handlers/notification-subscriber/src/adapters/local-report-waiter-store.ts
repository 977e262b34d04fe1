import type { Clock } from '@spapi-lake/core';
import { type ReportKey, reportKeyId } from '../report-key';
import type { ReportOutcome, ReportWaiter, ReportWaiterStore } from '../report-waiter-store';
import { JsonState } from './json-state';

/** Both records are keyed by `reportKeyId` (`<sellingPartnerId>#<reportId>`), as in DynamoDB. */
interface Document {
  waiters: Record<string, ReportWaiter>;
  outcomes: Record<string, ReportOutcome>;
}

/**
 * Waiters and outcomes in memory, or in a JSON file (`filePath`) for the local runner. An outcome
 * past its `expiresAt` (by `clock`) is gone, as DynamoDB's TTL removes it, and is pruned when
 * another is stored: a state directory kept across runs must not answer a new report with an old
 * one's outcome.
 */
export class LocalReportWaiterStore implements ReportWaiterStore {
  private readonly state: JsonState<Document>;
  private readonly clock: Clock;

  constructor(options: { readonly filePath?: string; readonly clock: Clock }) {
    this.state = new JsonState<Document>(() => ({ waiters: {}, outcomes: {} }), options.filePath);
    this.clock = options.clock;
  }

  putWaiter(waiter: ReportWaiter, options: { readonly onlyIfAbsent?: boolean } = {}) {
    return this.state.update((document) => {
      const id = reportKeyId(waiter);
      if (options.onlyIfAbsent === true && id in document.waiters) {
        return { document, result: undefined };
      }
      document.waiters[id] = waiter;
      return { document, result: undefined };
    });
  }

  takeWaiter(key: ReportKey) {
    return this.state.update((document) => {
      const id = reportKeyId(key);
      const waiter = document.waiters[id];
      delete document.waiters[id];
      return { document, result: waiter };
    });
  }

  putOutcome(outcome: ReportOutcome) {
    return this.state.update((document) => {
      const now = this.clock.now();
      for (const [id, stored] of Object.entries(document.outcomes)) {
        if (stored.expiresAt <= now) delete document.outcomes[id];
      }
      document.outcomes[reportKeyId(outcome)] = outcome;
      return { document, result: undefined };
    });
  }

  async getOutcome(key: ReportKey) {
    const outcome = (await this.state.read()).outcomes[reportKeyId(key)];
    return outcome !== undefined && outcome.expiresAt > this.clock.now() ? outcome : undefined;
  }

  /** Waiters stored now (tests and the local runner's summary). */
  async waiters(): Promise<ReportWaiter[]> {
    return Object.values((await this.state.read()).waiters);
  }

  /** Outcomes stored now. */
  async outcomes(): Promise<ReportOutcome[]> {
    return Object.values((await this.state.read()).outcomes);
  }
}
