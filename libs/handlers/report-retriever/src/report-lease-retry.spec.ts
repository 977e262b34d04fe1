import { REPORT_LEASE_MS } from '@spapi-lake/ingestion';
import { reportRetrievalInProgressRetrier } from '@spapi-lake/workflows';

// A RetrieveReport refused because another execution holds the report's lease retries with
// reportRetrievalInProgressRetrier; a holder that died frees the lease REPORT_LEASE_MS after it
// began. The retries must outlast that, whatever the draw.
describe('the retry of a report whose lease is held', () => {
  it('waits longer in all than the lease of a holder that died', () => {
    const retrier = reportRetrievalInProgressRetrier;
    const { IntervalSeconds = 1, BackoffRate = 2, MaxAttempts = 3 } = retrier;
    const maxDelay = retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY;
    // Step Functions' pause before retry n (from 0): the interval grown by the backoff, capped.
    const pauses = Array.from({ length: MaxAttempts }, (_, attempt) =>
      Math.min(IntervalSeconds * BackoffRate ** attempt, maxDelay),
    );
    // No jitter: FULL jitter could draw any pause down to nothing.
    expect(retrier.JitterStrategy).toBe('NONE');
    expect(pauses.reduce((sum, pause) => sum + pause, 0) * 1000).toBeGreaterThan(REPORT_LEASE_MS);
  });
});
