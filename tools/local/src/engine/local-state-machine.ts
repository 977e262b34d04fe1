import { StateMachine, type RunOptions } from 'aws-local-stepfunctions';
import type { Retrier } from '@spapi-lake/workflows';
import { installPromiseWithResolvers } from './promise-with-resolvers';

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type LocalJson = Parameters<StateMachine['run']>[0];

/** What the engine reads of a state (inline and Distributed Map states alike). */
export interface StateShape {
  readonly Type: string;
  readonly Retry?: readonly Retrier[];
  readonly TimeoutSeconds?: number;
  readonly ItemProcessor?: DefinitionShape;
}

/** A state machine definition as the engine reads it (JSON-able, as infra deploys it). */
export interface DefinitionShape {
  readonly States: { readonly [name: string]: StateShape };
}

/** A Task stand-in: the Task's effective input (after Parameters) in, the Lambda's result out. */
export type TaskHandler = (input: unknown) => unknown;

/** How one local execution ended. */
export type LocalExecutionResult =
  | { readonly status: 'SUCCEEDED'; readonly output: unknown }
  | { readonly status: 'FAILED'; readonly error: string; readonly cause: string };

/** Per-execution settings. */
export interface LocalExecutionOptions {
  /** `$$.Task.Token` of `.waitForTaskToken` states (aws-local-stepfunctions has no tokens). */
  readonly taskToken?: string;
  /** `$$.Execution.Name` (the catalog refresh names its files after it). */
  readonly executionName?: string;
  /** Called with the name of every state entered (Map iterations included). */
  readonly onStateEntered?: (stateName: string) => void;
}

/**
 * One ASL definition run in process by aws-local-stepfunctions, every Task answered by a handler
 * keyed by state name (nested Map states included). Wait states and Retry pauses take no wall time:
 * the handlers move simulated time instead, so a run ends in seconds.
 */
export class LocalStateMachine {
  private readonly machine: StateMachine;
  private readonly noWaits: Record<string, number>;

  constructor(
    definition: DefinitionShape,
    private readonly handlers: Readonly<Record<string, TaskHandler>>,
  ) {
    installPromiseWithResolvers();
    this.machine = new StateMachine(JSON.parse(JSON.stringify(definition)));
    this.noWaits = Object.fromEntries(allStates(definition).map(([name]) => [name, 0]));
    const tasks = allStates(definition).filter(([, state]) => state.Type === 'Task');
    const missing = tasks.map(([name]) => name).filter((name) => handlers[name] === undefined);
    if (missing.length > 0)
      throw new Error(`no local handler for Task states ${missing.join(', ')}`);
  }

  /** Runs one execution to its end. Handler errors are Task errors: `name` is the ASL Error. */
  async execute(
    input: unknown,
    options: LocalExecutionOptions = {},
  ): Promise<LocalExecutionResult> {
    const taskResourceLocalHandlers: LocalHandlers = {};
    for (const [name, handler] of Object.entries(this.handlers)) {
      taskResourceLocalHandlers[name] = async (taskInput) =>
        toLocalJson(await handler(JSON.parse(JSON.stringify(taskInput))));
    }
    const execution = this.machine.run(toLocalJson(input), {
      overrides: {
        taskResourceLocalHandlers,
        waitTimeOverrides: this.noWaits,
        retryIntervalOverrides: this.noWaits,
      },
      context: {
        Task: { Token: options.taskToken ?? 'local-task-token' },
        ...(options.executionName === undefined
          ? {}
          : { Execution: { Name: options.executionName } }),
      },
    });
    const listening = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered') options.onStateEntered?.(event.state.name);
      }
    })();
    try {
      const output: unknown = await execution.result;
      await listening;
      return { status: 'SUCCEEDED', output };
    } catch (error) {
      await listening.catch(() => undefined);
      return { status: 'FAILED', ...executionError(error) };
    }
  }
}

/** Every state of a definition by name, the states inside Map item processors included. */
export function allStates(definition: DefinitionShape): [string, StateShape][] {
  return Object.entries(definition.States).flatMap(([name, state]) => [
    [name, state] as [string, StateShape],
    ...(state.ItemProcessor === undefined ? [] : allStates(state.ItemProcessor)),
  ]);
}

// aws-local-stepfunctions rejects with an ExecutionError whose `cause` is the error that ended the
// execution: a Fail state's error, or the last Task error no Catch handled.
function executionError(error: unknown): { error: string; cause: string } {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return { error: cause.name, cause: cause.message };
  if (error instanceof Error) return { error: error.name, cause: error.message };
  return { error: 'States.Runtime', cause: String(error) };
}

function toLocalJson(value: unknown): LocalJson {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as LocalJson);
}
