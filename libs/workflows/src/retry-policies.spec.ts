import { reportRetrievalInProgressRetrier } from './retry-policies';

// libs/ingestion REPORT_LEASE_MS: a retriever that died frees its report this long after it began.
const DEAD_HOLDER_LEASE_SECONDS = 16 * 60;

describe('reportRetrievalInProgressRetrier', () => {
  it('waits longer in all than the lease of a holder that died, whatever the draw', () => {
    const {
      IntervalSeconds = 1,
      BackoffRate = 2,
      MaxAttempts = 3,
    } = reportRetrievalInProgressRetrier;
    const maxDelay = reportRetrievalInProgressRetrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY;
    const pauses = Array.from({ length: MaxAttempts }, (_, attempt) =>
      Math.min(IntervalSeconds * BackoffRate ** attempt, maxDelay),
    );
    // No jitter: FULL jitter could draw any pause down to nothing.
    expect(reportRetrievalInProgressRetrier.JitterStrategy).toBe('NONE');
    expect(pauses.reduce((sum, pause) => sum + pause, 0)).toBeGreaterThan(
      DEAD_HOLDER_LEASE_SECONDS,
    );
  });
});
