import type { ExecutionResumer, NotifiedReportStatus, ResumeResult } from '../execution-resumer';

/** One SendTaskSuccess as the local resumer received it. */
export interface SentTaskSuccess {
  readonly taskToken: string;
  readonly output: NotifiedReportStatus;
  readonly result: ResumeResult;
}

/**
 * The local twin of SendTaskSuccess: an in-process registry of waiting tasks. The local runner's
 * WaitForNotification override calls `waitFor(token)`, then the register-waiter handler; whoever
 * sends the outcome resolves the promise. Unknown or cancelled tokens answer `gone`, like
 * TaskDoesNotExist / TaskTimedOut.
 */
export class InProcessExecutionResumer implements ExecutionResumer {
  private readonly waiting = new Map<string, (output: NotifiedReportStatus) => void>();
  private readonly log: SentTaskSuccess[] = [];

  /** A promise of the output sent for `taskToken`. */
  waitFor(taskToken: string): Promise<NotifiedReportStatus> {
    return new Promise((resolve) => this.waiting.set(taskToken, resolve));
  }

  /** The task stops waiting (its timeout fired): later sends answer `gone`. */
  cancel(taskToken: string): void {
    this.waiting.delete(taskToken);
  }

  async resume(taskToken: string, output: NotifiedReportStatus): Promise<ResumeResult> {
    const resolve = this.waiting.get(taskToken);
    this.waiting.delete(taskToken);
    const result: ResumeResult = resolve === undefined ? 'gone' : 'resumed';
    this.log.push({ taskToken, output, result });
    resolve?.(output);
    return result;
  }

  /** Every send so far, in order. */
  sent(): readonly SentTaskSuccess[] {
    return this.log;
  }
}
