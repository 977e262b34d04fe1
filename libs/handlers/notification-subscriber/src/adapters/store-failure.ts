import { NotificationStoreRequestError, NotificationStoreUnavailableError } from '../errors';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';

/** The typed error for a failed DynamoDB call on the notification state table. */
export function storeFailure(operation: string, tableName: string, error: unknown): Error {
  const failure = awsFailure(error);
  const message = `${describeAwsFailure(operation, failure)} on table ${tableName}`;
  return failure.retryable
    ? new NotificationStoreUnavailableError(message, { cause: error })
    : new NotificationStoreRequestError(message, { cause: error });
}
