import { JsonDocument } from './json-document';
import type { LocalExecutionResult } from './local-state-machine';

/** Step Functions execution statuses the fan-out looks at. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** One execution as DescribeExecution would describe it. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
  status: ExecutionStatus;
  readonly startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** `States.TaskFailed`-style error raised by a Task: `name` is the ASL Error. */
export class LocalTaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The ingestion executions of the local runner, the twin of Step Functions' execution history:
 * names are unique per state machine, a start with a taken name joins the running execution of the
 * same input or fails with `StepFunctions.ExecutionAlreadyExistsException`, and closed executions
 * stay describable across runs (persisted to a JSON file). An execution left RUNNING by a process
 * that died is ABORTED on load.
 */
export class LocalExecutions {
  private readonly document: JsonDocument<Record<string, ExecutionRecord>>;
  private readonly running = new Map<string, Promise<LocalExecutionResult>>();
  private loaded = false;

  constructor(
    filePath: string | undefined,
    private readonly now: () => number,
  ) {
    this.document = new JsonDocument(filePath, () => ({}));
  }

  /**
   * `states:startExecution.sync:2`: starts `run` under `name` and waits for it; answers
   * `{ ExecutionArn, Status, Output }` or throws `States.TaskFailed` with the description as Cause.
   */
  async startSync(
    executionArn: string,
    name: string,
    input: unknown,
    run: () => Promise<LocalExecutionResult>,
  ): Promise<{ ExecutionArn: string; Status: 'SUCCEEDED'; Output: unknown }> {
    const records = await this.records();
    const inputText = JSON.stringify(input);
    const existing = records[executionArn];
    const joined = this.running.get(executionArn);
    let result: LocalExecutionResult;
    if (existing !== undefined) {
      if (joined === undefined || existing.input !== inputText) {
        throw new LocalTaskError(
          'StepFunctions.ExecutionAlreadyExistsException',
          `Execution Already Exists: '${executionArn}'`,
        );
      }
      result = await joined;
    } else {
      const started = run();
      this.running.set(executionArn, started);
      await this.document.update((all) => {
        all[executionArn] = {
          executionArn,
          name,
          input: inputText,
          status: 'RUNNING',
          startDate: new Date(this.now()).toISOString(),
        };
      });
      try {
        result = await started;
      } finally {
        this.running.delete(executionArn);
      }
      await this.document.update((all) => {
        const record = all[executionArn];
        if (record === undefined) return;
        record.status = result.status;
        record.stopDate = new Date(this.now()).toISOString();
        if (result.status === 'SUCCEEDED') record.output = JSON.stringify(result.output);
        else {
          record.error = result.error;
          record.cause = result.cause;
        }
      });
    }
    if (result.status === 'FAILED') {
      throw new LocalTaskError(
        'States.TaskFailed',
        JSON.stringify({
          ExecutionArn: executionArn,
          Status: 'FAILED',
          Error: result.error,
          Cause: result.cause,
        }),
      );
    }
    return { ExecutionArn: executionArn, Status: 'SUCCEEDED', Output: result.output };
  }

  /** `aws-sdk:sfn:describeExecution`, in the SDK's shape. */
  async describe(executionArn: string): Promise<Record<string, string>> {
    const record = (await this.records())[executionArn];
    if (record === undefined) {
      throw new LocalTaskError(
        'Sfn.ExecutionDoesNotExistException',
        `Execution Does Not Exist: '${executionArn}'`,
      );
    }
    return {
      ExecutionArn: record.executionArn,
      Name: record.name,
      Status: record.status,
      Input: record.input,
      StartDate: record.startDate,
      ...(record.stopDate === undefined ? {} : { StopDate: record.stopDate }),
      ...(record.output === undefined ? {} : { Output: record.output }),
      ...(record.error === undefined ? {} : { Error: record.error }),
      ...(record.cause === undefined ? {} : { Cause: record.cause }),
    };
  }

  /** Every execution known, oldest first. */
  async list(): Promise<ExecutionRecord[]> {
    return Object.values(await this.records()).sort((a, b) =>
      a.startDate.localeCompare(b.startDate),
    );
  }

  private async records(): Promise<Record<string, ExecutionRecord>> {
    if (!this.loaded) {
      this.loaded = true;
      await this.document.update((all) => {
        for (const record of Object.values(all)) {
          if (record.status === 'RUNNING' && !this.running.has(record.executionArn)) {
            record.status = 'ABORTED';
            record.stopDate = new Date(this.now()).toISOString();
          }
        }
      });
    }
    return this.document.read();
  }
}
