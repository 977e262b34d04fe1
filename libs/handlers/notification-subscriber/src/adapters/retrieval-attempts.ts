import type { RetrievalRetryResult } from '../retrieval-retrier';

/** Status of a retrieval execution, as Step Functions names it; undefined when none exists. */
export type RetrievalAttemptStatus = string | undefined;

/** What {@link retryAfterFailedAttempts} asks of an execution engine (Step Functions, local). */
export interface RetrievalAttemptEngine {
  /** The status of attempt `attempt` (1 = the starter's execution). */
  statusOf(attempt: number): Promise<RetrievalAttemptStatus>;
  /** Starts attempt `attempt`; false when its name was taken meanwhile. */
  start(attempt: number): Promise<boolean>;
  readonly maxAttempts: number;
}

const CLOSED_WITHOUT_SUCCESS = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * Walks a report's retrieval attempts in order and starts the next one only when every earlier
 * attempt closed without success: a running (or redriven) or succeeded attempt ends the walk.
 */
export async function retryAfterFailedAttempts(
  engine: RetrievalAttemptEngine,
): Promise<RetrievalRetryResult> {
  for (let attempt = 1; attempt <= engine.maxAttempts; attempt += 1) {
    const status = await engine.statusOf(attempt);
    if (status === undefined) {
      // The first attempt is the starter's, whose start found it: only a race gets here.
      if (attempt === 1) return { outcome: 'running' };
      return (await engine.start(attempt))
        ? { outcome: 'retried', attempt }
        : { outcome: 'running' };
    }
    if (status === 'SUCCEEDED') return { outcome: 'succeeded' };
    if (!CLOSED_WITHOUT_SUCCESS.has(status)) return { outcome: 'running' };
  }
  return { outcome: 'exhausted', attempts: engine.maxAttempts };
}
