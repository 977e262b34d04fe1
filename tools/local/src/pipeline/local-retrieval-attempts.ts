import {
  DEFAULT_MAX_RETRIEVAL_ATTEMPTS,
  type RetrievalRetrier,
  type RetrievalRetryResult,
  type RetrievalStartResult,
  type RetrievalStarter,
  type UnsolicitedReportRetrieval,
  retrievalAttemptName,
  retryAfterFailedAttempts,
} from '@spapi-lake/notification-subscriber-handlers';

/** Options of {@link LocalRetrievalAttempts}. */
export interface LocalRetrievalAttemptsOptions {
  /** The status of a retrieval execution in the local execution history; undefined if none. */
  readonly statusOf: (executionName: string) => Promise<string | undefined>;
  /** Starts a retrieval execution in the background (as StartExecution returns at once). */
  readonly launch: (request: UnsolicitedReportRetrieval, executionName: string) => void;
  readonly maxAttempts?: number;
}

/**
 * The settlement sweep's starter and retrier in the local runner: the twin of SfnRetrievalStarter
 * and SfnRetrievalRetrier over the runner's execution history (kept across runs), named as on AWS,
 * so a later `npm start` tries a failed retrieval again and never one that succeeded.
 */
export class LocalRetrievalAttempts implements RetrievalStarter, RetrievalRetrier {
  // Launched but maybe not yet in the history (it is written once the execution begins).
  private readonly launched = new Set<string>();

  constructor(private readonly options: LocalRetrievalAttemptsOptions) {}

  async start(request: UnsolicitedReportRetrieval): Promise<RetrievalStartResult> {
    return (await this.startAttempt(request, retrievalAttemptName(request, 1)))
      ? 'started'
      : 'already-started';
  }

  async retryFailed(request: UnsolicitedReportRetrieval): Promise<RetrievalRetryResult> {
    return retryAfterFailedAttempts({
      statusOf: (attempt) => this.statusOf(retrievalAttemptName(request, attempt)),
      start: (attempt) => this.startAttempt(request, retrievalAttemptName(request, attempt)),
      maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_RETRIEVAL_ATTEMPTS,
    });
  }

  private async statusOf(name: string): Promise<string | undefined> {
    return (await this.options.statusOf(name)) ?? (this.launched.has(name) ? 'RUNNING' : undefined);
  }

  private async startAttempt(request: UnsolicitedReportRetrieval, name: string): Promise<boolean> {
    if ((await this.statusOf(name)) !== undefined) return false;
    this.launched.add(name);
    this.options.launch(request, name);
    return true;
  }
}
