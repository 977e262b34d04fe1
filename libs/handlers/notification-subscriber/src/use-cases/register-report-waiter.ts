import type { Clock } from '@spapi-lake/core';
import type { RegisterReportWaiterInput } from '@spapi-lake/workflows';
import type { ExecutionResumer, ResumeResult } from '../execution-resumer';
import type { ReportWaiterStore } from '../report-waiter-store';
import { notifiedStatus } from './notified-status';

/** Dependencies of {@link registerReportWaiter}. */
export interface RegisterReportWaiterDeps {
  readonly waiters: ReportWaiterStore;
  readonly resumer: ExecutionResumer;
  readonly clock: Clock;
  /** How long the store keeps a waiter: at least the WaitForNotification timeout. */
  readonly waiterTtlMs: number;
}

/** What the register-waiter Lambda returns (Step Functions ignores it; logs and tests read it). */
export interface WaiterRegistration {
  readonly reportId: string;
  /** True when the outcome was already there and this call sent it. */
  readonly resumedAtOnce: boolean;
  readonly result?: ResumeResult;
}

/**
 * Registers a WaitForNotification task token under its report (selling partner id and report id).
 * When REPORT_PROCESSING_FINISHED
 * arrived first, its stored outcome is sent right away (see deliverReportOutcome for the protocol).
 */
export async function registerReportWaiter(
  deps: RegisterReportWaiterDeps,
  input: RegisterReportWaiterInput,
): Promise<WaiterRegistration> {
  const now = deps.clock.now();
  const { reportId } = input;
  const key = { sellingPartnerId: input.sellingPartnerId, reportId };
  await deps.waiters.putWaiter({
    ...key,
    taskToken: input.taskToken,
    region: input.region,
    reportType: input.reportType,
    registeredAt: new Date(now).toISOString(),
    expiresAt: now + deps.waiterTtlMs,
  });
  const outcome = await deps.waiters.getOutcome(key);
  if (outcome === undefined) return { reportId, resumedAtOnce: false };
  const waiter = await deps.waiters.takeWaiter(key);
  // The consumer took it between our write and this delete: it sends.
  if (waiter === undefined) return { reportId, resumedAtOnce: false };
  const result = await deps.resumer.resume(waiter.taskToken, notifiedStatus(outcome));
  await deps.waiters.deleteOutcome(key);
  return { reportId, resumedAtOnce: true, result };
}
