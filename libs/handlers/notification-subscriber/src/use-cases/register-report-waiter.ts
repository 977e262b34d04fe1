import type { Clock } from '@spapi-lake/core';
import type { RegisterReportWaiterInput } from '@spapi-lake/workflows';
import { ReportSubscriptionMissingError } from '../errors';
import type { ExecutionResumer, ResumeResult } from '../execution-resumer';
import type { ReportWaiterStore } from '../report-waiter-store';
import type { SubscriptionDirectory } from '../subscription-directory';
import { notifiedStatus } from './notified-status';
import { REPORT_PROCESSING_FINISHED_SUBSCRIPTION } from './subscription-plan';

/** Dependencies of {@link registerReportWaiter}. */
export interface RegisterReportWaiterDeps {
  readonly waiters: ReportWaiterStore;
  readonly resumer: ExecutionResumer;
  /** Whether the partner has a REPORT_PROCESSING_FINISHED subscription to wait on. */
  readonly directory: SubscriptionDirectory;
  readonly clock: Clock;
  /** How long the store keeps a waiter: at least the WaitForNotification timeout. */
  readonly waiterTtlMs: number;
}

/** What the register-waiter Lambda returns (Step Functions ignores it; logs and tests read it). */
export interface WaiterRegistration {
  readonly reportId: string;
  /** True when the outcome was already there and this call sent it. */
  readonly resumedAtOnce: boolean;
  /**
   * True when the wait was refused: the partner has no REPORT_PROCESSING_FINISHED subscription, so
   * this call failed the task with ReportSubscriptionMissingError and stored nothing.
   */
  readonly subscriptionMissing?: true;
  /** What sending the outcome (resumed at once) or the failure (subscription missing) did. */
  readonly result?: ResumeResult;
}

/**
 * Registers a WaitForNotification task token under its report (selling partner id and report id).
 * When REPORT_PROCESSING_FINISHED arrived first, its stored outcome is sent right away (see
 * deliverReportOutcome for the protocol). When the partner has no such subscription in its region
 * it stores nothing and fails the task (SendTaskFailure, not a throw: no Lambda error, no alarm)
 * with {@link ReportSubscriptionMissingError}, which the state machine catches to poll at once.
 */
export async function registerReportWaiter(
  deps: RegisterReportWaiterDeps,
  input: RegisterReportWaiterInput,
): Promise<WaiterRegistration> {
  const { sellingPartnerId, region, reportId } = input;
  const subscription = await deps.directory.findByOwner({
    sellingPartnerId,
    region,
    notificationType: REPORT_PROCESSING_FINISHED_SUBSCRIPTION.notificationType,
  });
  if (subscription === undefined) {
    const refusal = new ReportSubscriptionMissingError(sellingPartnerId, region);
    const result = await deps.resumer.fail(input.taskToken, {
      error: refusal.name,
      cause: refusal.message,
    });
    return { reportId, resumedAtOnce: false, subscriptionMissing: true, result };
  }
  const now = deps.clock.now();
  const key = { sellingPartnerId, reportId };
  await deps.waiters.putWaiter({
    ...key,
    taskToken: input.taskToken,
    region,
    reportType: input.reportType,
    registeredAt: new Date(now).toISOString(),
    expiresAt: now + deps.waiterTtlMs,
  });
  const outcome = await deps.waiters.getOutcome(key);
  if (outcome === undefined) return { reportId, resumedAtOnce: false };
  const waiter = await deps.waiters.takeWaiter(key);
  // The consumer took it between our write and this delete: it sends.
  if (waiter === undefined) return { reportId, resumedAtOnce: false };
  // The outcome stays until its expiry, for any other execution waiting on the report.
  const result = await deps.resumer.resume(waiter.taskToken, notifiedStatus(outcome));
  return { reportId, resumedAtOnce: true, result };
}
