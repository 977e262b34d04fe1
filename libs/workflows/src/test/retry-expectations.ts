import type { Retrier } from '../asl';
import { TransientErrorName } from '../error-names';

/**
 * Every retrier of a task has full jitter, but for the report lease's fixed pauses (see
 * reportRetrievalInProgressRetrier), and backs off at least twofold.
 */
export function expectJitteredBackoff(retry: readonly Retrier[]): void {
  const retried = retry.flatMap((retrier) => retrier.ErrorEquals);
  const lease = TransientErrorName.ReportRetrievalInProgress;
  expect(
    retry
      .filter((retrier) => retrier.JitterStrategy !== 'FULL')
      .flatMap((retrier) => retrier.ErrorEquals),
  ).toEqual(retried.includes(lease) ? [lease] : []);
  expect(retry.every((retrier) => (retrier.BackoffRate ?? 0) >= 2)).toBe(true);
}
