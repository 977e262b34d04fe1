import { type ReportKey, reportKeyId } from '../report-key';
import type { ReportOutcome, ReportWaiter, ReportWaiterStore } from '../report-waiter-store';
import { JsonState } from './json-state';

/** Both records are keyed by `reportKeyId` (`<sellingPartnerId>#<reportId>`), as in DynamoDB. */
interface Document {
  waiters: Record<string, ReportWaiter>;
  outcomes: Record<string, ReportOutcome>;
}

/** Waiters and early outcomes in memory, or in a JSON file (`filePath`) for the local runner. */
export class LocalReportWaiterStore implements ReportWaiterStore {
  private readonly state: JsonState<Document>;

  constructor(options: { readonly filePath?: string } = {}) {
    this.state = new JsonState<Document>(() => ({ waiters: {}, outcomes: {} }), options.filePath);
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
      document.outcomes[reportKeyId(outcome)] = outcome;
      return { document, result: undefined };
    });
  }

  async getOutcome(key: ReportKey) {
    return (await this.state.read()).outcomes[reportKeyId(key)];
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
