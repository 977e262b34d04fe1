import type {
  ExecutionResumer,
  NotifiedReportStatus,
  ResumeResult,
  TaskFailure,
} from '../execution-resumer';

/** One SendTaskSuccess (`output`) or SendTaskFailure (`failure`) as the local resumer received it. */
export type SentTaskResponse =
  | {
      readonly kind: 'success';
      readonly taskToken: string;
      readonly output: NotifiedReportStatus;
      readonly result: ResumeResult;
    }
  | {
      readonly kind: 'failure';
      readonly taskToken: string;
      readonly failure: TaskFailure;
      readonly result: ResumeResult;
    };

interface WaitingTask {
  readonly resolve: (output: NotifiedReportStatus) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The local twin of SendTaskSuccess and SendTaskFailure: an in-process registry of waiting tasks.
 * The local runner's WaitForNotification override calls `waitFor(token)`, then the register-waiter
 * handler; whoever answers settles the promise. Unknown or cancelled tokens answer `gone`, like
 * TaskDoesNotExist / TaskTimedOut.
 */
export class InProcessExecutionResumer implements ExecutionResumer {
  private readonly waiting = new Map<string, WaitingTask>();
  private readonly log: SentTaskResponse[] = [];

  /**
   * A promise of the output sent for `taskToken`. A failure rejects it with an Error whose `name`
   * is the failure's error and `message` its cause, as the local engine reads a task's error.
   */
  waitFor(taskToken: string): Promise<NotifiedReportStatus> {
    return new Promise((resolve, reject) => this.waiting.set(taskToken, { resolve, reject }));
  }

  /** The task stops waiting (its timeout fired): later sends answer `gone`. */
  cancel(taskToken: string): void {
    this.waiting.delete(taskToken);
  }

  async resume(taskToken: string, output: NotifiedReportStatus): Promise<ResumeResult> {
    const task = this.take(taskToken);
    const result: ResumeResult = task === undefined ? 'gone' : 'resumed';
    this.log.push({ kind: 'success', taskToken, output, result });
    task?.resolve(output);
    return result;
  }

  async fail(taskToken: string, failure: TaskFailure): Promise<ResumeResult> {
    const task = this.take(taskToken);
    const result: ResumeResult = task === undefined ? 'gone' : 'resumed';
    this.log.push({ kind: 'failure', taskToken, failure, result });
    if (task !== undefined) {
      const error = new Error(failure.cause);
      error.name = failure.error;
      task.reject(error);
    }
    return result;
  }

  /** Every send so far, successes and failures, in order. */
  sent(): readonly SentTaskResponse[] {
    return this.log;
  }

  private take(taskToken: string): WaitingTask | undefined {
    const task = this.waiting.get(taskToken);
    this.waiting.delete(taskToken);
    return task;
  }
}
