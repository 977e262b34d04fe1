import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import type { z } from 'zod';
import { TaskInputError } from './errors';
import type { HandlerLogger } from './handler-logger';

/** How one Task's Lambda reads its event and what it logs. */
export interface TaskDefinition<S extends z.ZodType, R> {
  /** The Task state's name (`CreateReport`, `ClaimWindow`, ...), for messages. */
  readonly task: string;
  readonly schema: S;
  /** Correlation keys of the input, on every entry of the invocation. */
  readonly keys: (input: z.output<S>) => LogAttributes;
  /** The use case; `log` holds the attributes of the success entry. */
  readonly run: (
    input: z.output<S>,
  ) => Promise<{ readonly result: R; readonly log: LogAttributes }>;
}

/**
 * A Step Functions Lambda Task handler: validates the event against the Task's contract
 * (TaskInputError naming the bad paths, never their values), runs the use case, logs one entry,
 * and lets errors through by their `name` (the ASL's Retry and Catch match on it), logged once.
 */
export function runTask<S extends z.ZodType, R>(
  logger: HandlerLogger,
  definition: TaskDefinition<S, R>,
): (event: unknown) => Promise<R> {
  return async (event) => {
    const parsed = definition.schema.safeParse(event);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`,
      );
      const error = new TaskInputError(
        `${definition.task} received an event that is not its Task input: ${problems.slice(0, 10).join('; ')}`,
      );
      logger.error(`${definition.task} input rejected`, { error });
      throw error;
    }
    const keys = definition.keys(parsed.data);
    try {
      const { result, log } = await definition.run(parsed.data);
      logger.info(`${definition.task} done`, { ...keys, ...log });
      return result;
    } catch (error) {
      logger.error(`${definition.task} failed`, { ...keys, error });
      throw error;
    }
  };
}
