import type { ReportOutcome, ReportWaiter, ReportWaiterStore } from '../report-waiter-store';
import { JsonState } from './json-state';

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
      if (options.onlyIfAbsent === true && waiter.reportId in document.waiters) {
        return { document, result: undefined };
      }
      document.waiters[waiter.reportId] = waiter;
      return { document, result: undefined };
    });
  }

  takeWaiter(reportId: string) {
    return this.state.update((document) => {
      const waiter = document.waiters[reportId];
      delete document.waiters[reportId];
      return { document, result: waiter };
    });
  }

  putOutcome(outcome: ReportOutcome) {
    return this.state.update((document) => {
      document.outcomes[outcome.reportId] = outcome;
      return { document, result: undefined };
    });
  }

  async getOutcome(reportId: string) {
    return (await this.state.read()).outcomes[reportId];
  }

  deleteOutcome(reportId: string) {
    return this.state.update((document) => {
      delete document.outcomes[reportId];
      return { document, result: undefined };
    });
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
