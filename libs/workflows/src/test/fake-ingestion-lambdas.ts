import { nextPollDelaySeconds } from '../poll-delay';
import { IngestionStateName as S } from '../report-ingestion-definition';
import type { LocalHandler } from './run-locally';

/** Stand-ins for the Lambdas, scripted per test, recording what each received. */
export class FakeIngestionLambdas {
  readonly calls: Record<string, Record<string, unknown>[]> = {};
  /** Statuses GetReport answers, one per poll (the last one repeats). */
  statuses: string[] = ['DONE'];
  /** What the notification consumer sends back; 'never' lets the wait time out. */
  notification: string | 'never' = 'DONE';
  createReportErrors: Error[] = [];
  /** CreateReport reused a report that is DONE already (no notification will come). */
  reusedDone = false;
  /**
   * Task failures of the wait, one per call: the register-waiter's SendTaskFailure (a partner
   * without a subscription) fails the task with this error name and message, as a throw does here.
   */
  waitForNotificationErrors: Error[] = [];
  getReportErrors: Error[] = [];
  recordFatalError: Error | undefined;
  /** Thrown by RecordNoData and RecordFailure (the same Lambda), one per call. */
  recordOutcomeErrors: Error[] = [];
  crawlerErrors: Record<string, Error> = {};

  private readonly waiters = new Map<string, (status: Record<string, unknown>) => void>();

  handlers(): Record<string, LocalHandler> {
    return {
      [S.CreateReport]: (input) => {
        this.record(S.CreateReport, input);
        const error = this.createReportErrors.shift();
        if (error) throw error;
        if (this.reusedDone) return { reportId: 'R-1', done: true };
        // The notification consumer answers once Amazon finishes (here: right after creation).
        if (this.notification !== 'never') {
          const status = this.notification;
          setImmediate(() => this.notify('R-1', status));
        }
        return { reportId: 'R-1' };
      },
      // `.waitForTaskToken` stand-in: register, then wait for the consumer's SendTaskSuccess.
      [S.WaitForNotification]: (input) => {
        this.record(S.WaitForNotification, input);
        const error = this.waitForNotificationErrors.shift();
        if (error) throw error;
        const payload = input['Payload'];
        const reportId =
          typeof payload === 'object' && payload !== null && 'reportId' in payload
            ? String(payload.reportId)
            : '';
        return new Promise((resolve) => this.waiters.set(reportId, resolve));
      },
      [S.GetReport]: (input) => {
        this.record(S.GetReport, input);
        const error = this.getReportErrors.shift();
        if (error) throw error;
        const pollCount = Number(input['pollCount']) + 1;
        const processingStatus =
          this.statuses.length > 1 ? this.statuses.shift() : this.statuses[0];
        return {
          processingStatus,
          ...(processingStatus === 'DONE' || processingStatus === 'FATAL'
            ? { reportDocumentId: 'D-1' }
            : {}),
          pollCount,
          waitSeconds: nextPollDelaySeconds(pollCount, Number(input['maxWaitSeconds'])),
        };
      },
      [S.RetrieveReport]: (input) => {
        this.record(S.RetrieveReport, input);
        return { crawlerNames: ['orders_by_order_date', 'orders_items'], rows: 42 };
      },
      [S.StartCrawler]: (input) => {
        this.record(S.StartCrawler, input);
        const error = this.crawlerErrors[String(input['Name'])];
        if (error) throw error;
        return {};
      },
      [S.RecordFatal]: (input) => {
        this.record(S.RecordFatal, input);
        if (this.recordFatalError) throw this.recordFatalError;
        return { reason: 'Requested data is not yet available', errorDocumentKey: 'k' };
      },
      [S.RecordNoData]: (input) => this.recordOutcome(S.RecordNoData, input),
      [S.RecordFailure]: (input) => this.recordOutcome(S.RecordFailure, input),
    };
  }

  private recordOutcome(name: string, input: Record<string, unknown>): Record<string, unknown> {
    this.record(name, input);
    const error = this.recordOutcomeErrors.shift();
    if (error) throw error;
    return {};
  }

  private notify(reportId: string, processingStatus: string): void {
    const resolve = this.waiters.get(reportId);
    resolve?.({
      processingStatus,
      ...(processingStatus === 'DONE' ? { reportDocumentId: 'D-1' } : {}),
    });
  }

  private record(name: string, input: Record<string, unknown>): Record<string, unknown> {
    (this.calls[name] ??= []).push(input);
    return {};
  }

  /** How often the Task state `name` was invoked. */
  count(name: string): number {
    return this.calls[name]?.length ?? 0;
  }
}
