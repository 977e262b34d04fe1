import type { TerminalProcessingStatus } from '@spapi-lake/workflows';
import type { ReportKey } from './report-key';

/** A WaitForNotification task waiting for its report (stored by the register-waiter Lambda). */
export interface ReportWaiter extends ReportKey {
  /** Step Functions task token: never logged. */
  readonly taskToken: string;
  readonly region: string;
  readonly reportType: string;
  /** ISO 8601. */
  readonly registeredAt: string;
  /** Epoch ms after which the store may forget it (the task has timed out by then). */
  readonly expiresAt: number;
}

/** A REPORT_PROCESSING_FINISHED outcome no waiter has taken yet (the notification came first). */
export interface ReportOutcome extends ReportKey {
  readonly processingStatus: TerminalProcessingStatus;
  readonly reportDocumentId?: string;
  readonly notificationId: string;
  /** ISO 8601. */
  readonly receivedAt: string;
  /** Epoch ms after which the store may forget it. */
  readonly expiresAt: number;
}

/**
 * Port: waiters and early outcomes, both keyed by (selling partner id, report id): a report id is
 * unique only per selling partner. Reads are strongly consistent: the race protocol (write your
 * side, then read the other) depends on it.
 */
export interface ReportWaiterStore {
  /** Stores the waiter (a later registration replaces an earlier one); `onlyIfAbsent` never replaces. */
  putWaiter(waiter: ReportWaiter, options?: { readonly onlyIfAbsent?: boolean }): Promise<void>;
  /** Removes and returns the waiter; undefined when none exists or another caller took it first. */
  takeWaiter(key: ReportKey): Promise<ReportWaiter | undefined>;
  putOutcome(outcome: ReportOutcome): Promise<void>;
  /** An outcome stays until its `expiresAt` (final for its report: every waiter may take it). */
  getOutcome(key: ReportKey): Promise<ReportOutcome | undefined>;
}
