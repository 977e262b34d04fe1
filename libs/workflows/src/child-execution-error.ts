import { StatesErrorName } from './error-names';
import type { TaskError } from './report-ingestion-contract';

/** The error that ended a child execution. */
export interface ChildExecutionError {
  readonly errorName: string;
  readonly cause?: string;
}

/**
 * The child's own error from what a `startExecution.sync` task caught: a failed child surfaces as
 * `States.TaskFailed` whose Cause is the child's DescribeExecution JSON (`Error`, `Cause`, `Status`).
 * Any other error (the start itself failed) is returned as it is.
 */
export function childExecutionError(failure: TaskError): ChildExecutionError {
  if (failure.Error === StatesErrorName.TaskFailed && failure.Cause !== undefined) {
    const described = parseObject(failure.Cause);
    const errorName = described?.['Error'];
    if (typeof errorName === 'string') {
      const cause = described?.['Cause'];
      return typeof cause === 'string' ? { errorName, cause } : { errorName };
    }
  }
  return failure.Cause === undefined
    ? { errorName: failure.Error }
    : { errorName: failure.Error, cause: failure.Cause };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : undefined;
  } catch {
    return undefined;
  }
}
