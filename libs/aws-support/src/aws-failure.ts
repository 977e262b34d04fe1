/** What an AWS SDK v3 failure says about itself, read without trusting its shape. */
export interface AwsFailure {
  /** The exception name (`ThrottlingException`), or `NetworkError` when no answer arrived. */
  readonly name: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'TimeoutError',
  'NetworkError',
  'KmsThrottled',
  'InternalServerErrorException',
  'TransactionConflictException',
  'InternalServiceError',
  'InternalServiceErrorException',
  'RequestTimeoutException',
]);

/**
 * Classifies an AWS SDK v3 error: throttling, 5xx, 429 and answers that never arrived are
 * retryable; permissions, validation and missing resources are not.
 */
export function awsFailure(error: unknown): AwsFailure {
  if (typeof error !== 'object' || error === null) {
    return { name: 'UnknownError', status: undefined, retryable: false };
  }
  const rawName: unknown = Reflect.get(error, 'name');
  const name = typeof rawName === 'string' ? rawName : 'UnknownError';
  const metadata: unknown = Reflect.get(error, '$metadata');
  const rawStatus =
    typeof metadata === 'object' && metadata !== null
      ? Reflect.get(metadata, 'httpStatusCode')
      : undefined;
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const noAnswer = metadata === undefined && !('$fault' in error);
  const retryable =
    RETRYABLE_NAMES.has(name) ||
    Reflect.get(error, '$retryable') !== undefined ||
    Reflect.get(error, '$fault') === 'server' ||
    (status !== undefined && (status >= 500 || status === 429)) ||
    noAnswer;
  return { name: noAnswer && name === 'Error' ? 'NetworkError' : name, status, retryable };
}

/** `GetSecretValue failed (ThrottlingException, HTTP 400)`: names only, never AWS's message. */
export function describeAwsFailure(operation: string, failure: AwsFailure): string {
  const status = failure.status === undefined ? '' : `, HTTP ${failure.status}`;
  return `${operation} failed (${failure.name}${status})`;
}
