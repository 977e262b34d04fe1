import { StateMachine } from 'aws-local-stepfunctions';
import { installPromiseWithResolvers } from './promise-with-resolvers';

type LocalJson = Parameters<StateMachine['run']>[0];

/**
 * An ASL payload template (`"key.$": "$.path"`, `$$` context paths, intrinsic functions) evaluated
 * by aws-local-stepfunctions itself, as the Parameters of a one-state Pass machine, so a template
 * means here what it means in every other state the engine runs.
 *
 * The engine sets `$$.Execution.Input` and `$$.Execution.StartTime` of that Pass machine itself: a
 * template reading them sees the template's input and the evaluation time.
 */
export class PayloadTemplate {
  private readonly machine: StateMachine;

  constructor(template: unknown) {
    installPromiseWithResolvers();
    // Validation is the definition's job (its validation covers the template); it costs ~1 s.
    this.machine = new StateMachine(
      {
        StartAt: 'Evaluate',
        States: {
          Evaluate: { Type: 'Pass', Parameters: JSON.parse(JSON.stringify(template)), End: true },
        },
      },
      { validationOptions: { noValidate: true } },
    );
  }

  /** The template's value for `input` and the context object `context` (`$$`). */
  async evaluate(input: unknown, context: Record<string, unknown>): Promise<unknown> {
    try {
      return await this.machine.run(toLocalJson(input), {
        context: JSON.parse(JSON.stringify(context)) as Record<string, unknown>,
      }).result;
    } catch (error) {
      // The Pass machine rejects with an ExecutionError whose cause is the States.* error.
      const cause = error instanceof Error ? error.cause : undefined;
      throw cause instanceof Error ? cause : error;
    }
  }
}

function toLocalJson(value: unknown): LocalJson {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as LocalJson);
}
