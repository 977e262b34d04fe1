import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';

/** Status of a fake execution. */
export type FakeExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/**
 * Step Functions' name rules over aws-sdk-client-mock: StartExecution of a taken name fails with
 * ExecutionAlreadyExists (a running one of the same input is returned, as AWS does), a closed
 * execution stays describable, DescribeExecution of an unknown one fails ExecutionDoesNotExist.
 */
export class FakeStepFunctions {
  readonly executions = new Map<string, { status: FakeExecutionStatus; input: string }>();
  /** Execution names in the order they were started. */
  readonly started: string[] = [];
  private readonly mock = mockClient(SFNClient);

  constructor() {
    const meta = { $metadata: { httpStatusCode: 400 } };
    this.mock
      .on(StartExecutionCommand)
      .callsFake((input: { name: string; input: string; stateMachineArn: string }) => {
        const existing = this.executions.get(input.name);
        if (existing !== undefined) {
          if (existing.status === 'RUNNING' && existing.input === input.input) {
            return {
              executionArn: this.arn(input.stateMachineArn, input.name),
              startDate: new Date(),
            };
          }
          throw new ExecutionAlreadyExists({
            message: `Execution Already Exists: '${input.name}'`,
            ...meta,
          });
        }
        this.executions.set(input.name, { status: 'RUNNING', input: input.input });
        this.started.push(input.name);
        return { executionArn: this.arn(input.stateMachineArn, input.name), startDate: new Date() };
      });
    this.mock.on(DescribeExecutionCommand).callsFake((input: { executionArn: string }) => {
      const name = input.executionArn.split(':').at(-1) ?? '';
      const execution = this.executions.get(name);
      if (execution === undefined) {
        throw new ExecutionDoesNotExist({
          message: `Execution Does Not Exist: '${name}'`,
          ...meta,
        });
      }
      return {
        executionArn: input.executionArn,
        name,
        status: execution.status,
        input: execution.input,
      };
    });
  }

  /** A client the mock answers. */
  client(): SFNClient {
    return new SFNClient({ region: 'us-east-1', maxAttempts: 1 });
  }

  /** Closes an execution with `status`. */
  finish(name: string, status: FakeExecutionStatus): void {
    const execution = this.executions.get(name);
    if (execution === undefined) throw new Error(`no execution ${name}`);
    execution.status = status;
  }

  restore(): void {
    this.mock.restore();
  }

  private arn(stateMachineArn: string, name: string): string {
    return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }
}
