import type { Clock } from '@spapi-lake/core';
import type { ExecutionResumer } from '../execution-resumer';
import type { ReportKey } from '../report-key';
import type { ReportOutcome, ReportWaiterStore } from '../report-waiter-store';
import { notifiedStatus } from './notified-status';

/** Dependencies of {@link deliverReportOutcome}. */
export interface DeliverReportOutcomeDeps {
  readonly waiters: ReportWaiterStore;
  readonly resumer: ExecutionResumer;
  readonly clock: Clock;
}

/** What became of a report outcome. */
export type ReportOutcomeDelivery = ReportKey &
  (
    | { readonly action: 'resumed' }
    /** A waiter existed but its task no longer waits (timed out to polling, or ended). */
    | { readonly action: 'waiter-gone' }
    /** No waiter yet: kept for the register-waiter Lambda, which resumes at once when it comes. */
    | { readonly action: 'outcome-stored' }
  );

/**
 * Hands a REPORT_PROCESSING_FINISHED outcome to the execution waiting for the same report of the
 * same selling partner (the caller resolved the notification's partner). The notification can
 * beat the waiter, so both sides write first and read second: the outcome is stored, then the
 * waiter taken; registerReportWaiter stores the waiter, then reads the outcome. With strongly
 * consistent reads one of them always sees the other, and taking the waiter (a conditional delete)
 * makes exactly one of them send.
 */
export async function deliverReportOutcome(
  deps: DeliverReportOutcomeDeps,
  outcome: ReportOutcome,
): Promise<ReportOutcomeDelivery> {
  const key = { sellingPartnerId: outcome.sellingPartnerId, reportId: outcome.reportId };
  await deps.waiters.putOutcome(outcome);
  const waiter = await deps.waiters.takeWaiter(key);
  if (waiter === undefined) return { action: 'outcome-stored', ...key };
  let result;
  try {
    result = await deps.resumer.resume(waiter.taskToken, notifiedStatus(outcome));
  } catch (error) {
    // Put the waiter back for the redelivery, unless a newer registration took its place.
    if (waiter.expiresAt > deps.clock.now()) {
      await deps.waiters.putWaiter(waiter, { onlyIfAbsent: true });
    }
    throw error;
  }
  // The outcome stays until its expiry: it is final for the report, and another execution that
  // waits on the same report (a retry reusing it, after this waiter's task timed out) takes it at
  // once when it registers, instead of waiting out its timeout.
  return { action: result === 'resumed' ? 'resumed' : 'waiter-gone', ...key };
}
