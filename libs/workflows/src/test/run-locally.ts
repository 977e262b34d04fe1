import { StateMachine, type RunOptions } from 'aws-local-stepfunctions';
import type { StateMachineDefinition } from '../asl';

type LocalRunInput = Parameters<StateMachine['run']>[0];
type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

/** A stand-in for a Lambda (or service integration) Task: gets the Task's effective input. */
export type LocalHandler = (input: Record<string, unknown>) => unknown;

/** How a local execution ended. */
export interface LocalRun {
  readonly output?: unknown;
  /** The execution's error: `name` is the ASL Error, `message` its Cause. */
  readonly error?: { readonly name: string; readonly message: string };
  /** Names of the states entered, in order (Map iterations included). */
  readonly visited: readonly string[];
}

/** Local run options: handlers by Task state name, waits and retry pauses in milliseconds. */
export interface LocalRunOptions {
  readonly handlers: Readonly<Record<string, LocalHandler>>;
  readonly waitTimeOverrides?: Readonly<Record<string, number>>;
  readonly retryIntervalOverrides?: Readonly<Record<string, number>>;
  /** `$$.Task.Token` for `.waitForTaskToken` states (aws-local-stepfunctions has no tokens). */
  readonly taskToken?: string;
}

/**
 * A handler typed by the contract the definition's Parameters promise for that Task: the one place
 * the tests trust that shape instead of checking it.
 */
export function contractHandler<Input>(handler: (input: Input) => unknown): LocalHandler {
  return (input) => handler(input as unknown as Input);
}

/** An aws-local-stepfunctions machine for a definition (validated by it on construction). */
export function localStateMachine(definition: StateMachineDefinition): StateMachine {
  return new StateMachine(JSON.parse(JSON.stringify(definition)));
}

/** An error as a Lambda would raise it: Step Functions matches Retry and Catch on `name`. */
export function taskError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Runs one execution to its end and reports output or error and the states it went through. */
export async function runLocally(
  machine: StateMachine,
  input: unknown,
  options: LocalRunOptions,
): Promise<LocalRun> {
  const handlers: LocalHandlers = {};
  for (const [stateName, handler] of Object.entries(options.handlers)) {
    handlers[stateName] = async (taskInput) => toLocalJson(await handler(asRecord(taskInput)));
  }
  const execution = machine.run(toLocalJson(input), {
    overrides: {
      taskResourceLocalHandlers: handlers,
      waitTimeOverrides: { ...options.waitTimeOverrides },
      retryIntervalOverrides: { ...options.retryIntervalOverrides },
    },
    context: {
      Task: { Token: options.taskToken ?? 'local-task-token' },
    },
  });
  const visited: string[] = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') visited.push(event.state.name);
    }
  })();
  try {
    const output: unknown = await execution.result;
    await collecting;
    return { output, visited };
  } catch (error) {
    await collecting;
    const cause = error instanceof Error ? error.cause : undefined;
    if (!(cause instanceof Error)) throw error;
    return { error: { name: cause.name, message: cause.message }, visited };
  }
}

function toLocalJson(value: unknown): LocalRunInput {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : { value };
}

/**
 * Stand-in for `states:startExecution.sync:2`: runs the child machine in process and answers as
 * Step Functions does: `{ ExecutionArn, Status, Output }`, or `States.TaskFailed` whose Cause is the
 * child's description as JSON (`Status`, `Error`, `Cause`).
 */
export function startExecutionSync<Input>(
  child: StateMachine,
  childOptions: (input: Input) => LocalRunOptions,
  executionArn: (name: string) => string,
): LocalHandler {
  return contractHandler(async (task: { Name: string; Input: Input }) => {
    const arn = executionArn(task.Name);
    const run = await runLocally(child, task.Input, childOptions(task.Input));
    if (run.error) {
      const description = {
        ExecutionArn: arn,
        Status: 'FAILED',
        Error: run.error.name,
        Cause: run.error.message,
      };
      throw taskError('States.TaskFailed', JSON.stringify(description));
    }
    return { ExecutionArn: arn, Status: 'SUCCEEDED', Output: run.output };
  });
}
