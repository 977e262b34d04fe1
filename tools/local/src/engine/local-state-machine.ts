import { StateMachine, type RunOptions } from 'aws-local-stepfunctions';
import type { Retrier } from '@spapi-lake/workflows';
import { type ItemReaderSource, runDistributedMap } from './distributed-map-run';
import { localDistributedMaps } from './distributed-map-state';
import { PayloadTemplate } from './payload-template';
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

/** Engine-wide settings of a state machine. */
export interface LocalStateMachineOptions {
  /** Where Distributed Map ItemReaders read their objects (S3's local twin). */
  readonly objects?: ItemReaderSource;
  /** The definition was validated already (a child workflow of a validated definition). */
  readonly validated?: boolean;
}

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
 * the handlers move simulated time instead, so a run ends in seconds. Distributed Maps, which
 * aws-local-stepfunctions cannot run, are run by the engine itself (`distributed-map-run.ts`), their
 * child workflows as executions of their own.
 */
export class LocalStateMachine {
  private readonly machine: StateMachine;
  private readonly noWaits: Record<string, number>;
  private readonly distributedMaps: Record<string, DistributedMapRunner>;

  constructor(
    definition: DefinitionShape,
    private readonly handlers: Readonly<Record<string, TaskHandler>>,
    options: LocalStateMachineOptions = {},
  ) {
    installPromiseWithResolvers();
    const json: unknown = JSON.parse(JSON.stringify(definition));
    // Validates the definition as deployed (asl-validator knows Distributed Maps); the local
    // rewrite below and the child workflows inside it need no second validation (~1 s each).
    if (options.validated !== true) new StateMachine(JSON.parse(JSON.stringify(json)));
    const local = localDistributedMaps(json);
    this.machine = new StateMachine(JSON.parse(JSON.stringify(local.definition)), {
      validationOptions: { noValidate: true },
    });
    this.noWaits = Object.fromEntries(allStates(definition).map(([name]) => [name, 0]));
    const tasks = allStates(definition).filter(([, state]) => state.Type === 'Task');
    const missing = tasks.map(([name]) => name).filter((name) => handlers[name] === undefined);
    if (missing.length > 0)
      throw new Error(`no local handler for Task states ${missing.join(', ')}`);
    this.distributedMaps = Object.fromEntries(
      local.maps.map((map) => {
        if (map.readerInputType !== undefined && options.objects === undefined) {
          throw new Error(`Distributed Map ${map.stateName} reads an object: pass options.objects`);
        }
        const runner: DistributedMapRunner = {
          config: map,
          child: new LocalStateMachine(map.processor as DefinitionShape, handlers, {
            ...options,
            validated: true,
          }),
          ...(map.itemSelector === undefined
            ? {}
            : { itemSelector: new PayloadTemplate(map.itemSelector) }),
          ...(options.objects === undefined ? {} : { objects: options.objects }),
        };
        return [map.stateName, runner];
      }),
    );
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
    for (const [name, runner] of Object.entries(this.distributedMaps)) {
      taskResourceLocalHandlers[name] = async (taskInput) =>
        toLocalJson(
          await runDistributedMap(runner.config, taskInput, {
            ...runner,
            runChild: (childInput, index) =>
              runner.child.execute(childInput, {
                ...options,
                executionName: `${options.executionName ?? 'local'}:${name}:${index}`,
              }),
          }),
        );
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

interface DistributedMapRunner {
  readonly config: Parameters<typeof runDistributedMap>[0];
  readonly child: LocalStateMachine;
  readonly itemSelector?: PayloadTemplate;
  readonly objects?: ItemReaderSource;
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
