import { ExecutionControlRequestError, ExecutionControlUnavailableError } from '../errors';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';

/** The typed error for a failed Step Functions call. */
export function executionControlFailure(operation: string, error: unknown): Error {
  const failure = awsFailure(error);
  const message = describeAwsFailure(operation, failure);
  return failure.retryable
    ? new ExecutionControlUnavailableError(message, { cause: error })
    : new ExecutionControlRequestError(message, { cause: error });
}
