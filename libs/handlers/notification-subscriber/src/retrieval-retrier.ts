import type { UnsolicitedReportRetrieval } from './retrieval-starter';

/**
 * What became of a report's retrieval when its first start found an execution already there:
 * `running` or `succeeded` (nothing to do), `retried` (every earlier attempt had failed, attempt
 * `attempt` is started), `exhausted` (all `attempts` allowed attempts failed).
 */
export type RetrievalRetryResult =
  | { readonly outcome: 'running' | 'succeeded' }
  | { readonly outcome: 'retried'; readonly attempt: number }
  | { readonly outcome: 'exhausted'; readonly attempts: number };

/**
 * Port: another attempt of a report's retrieval once every earlier one has failed. Attempts are
 * named after the report and their number, so a start is idempotent and never overlaps a running
 * or succeeded attempt.
 */
export interface RetrievalRetrier {
  retryFailed(request: UnsolicitedReportRetrieval): Promise<RetrievalRetryResult>;
}
