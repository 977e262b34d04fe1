/** What an AWS SDK failure says about itself, read without trusting its shape. */
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
  'InternalServiceError',
  'InternalServiceErrorException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'NetworkError',
]);

/**
 * Classifies an AWS SDK v3 error: throttling, 5xx, 429 and answers that never arrived are
 * retryable; everything else (permissions, validation, missing resources) is not.
 */
export function awsFailure(error: unknown): AwsFailure {
  if (typeof error !== 'object' || error === null) {
    return { name: 'UnknownError', status: undefined, retryable: false };
  }
  const name =
    typeof Reflect.get(error, 'name') === 'string'
      ? String(Reflect.get(error, 'name'))
      : 'UnknownError';
  const metadata: unknown = Reflect.get(error, '$metadata');
  const rawStatus =
    typeof metadata === 'object' && metadata !== null
      ? Reflect.get(metadata, 'httpStatusCode')
      : undefined;
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const fault = Reflect.get(error, '$fault');
  const noAnswer = metadata === undefined && !('$fault' in error);
  const retryable =
    RETRYABLE_NAMES.has(name) ||
    Reflect.get(error, '$retryable') !== undefined ||
    fault === 'server' ||
    (status !== undefined && (status >= 500 || status === 429)) ||
    noAnswer;
  return { name: noAnswer && name === 'Error' ? 'NetworkError' : name, status, retryable };
}

/** `GetSecretValue failed (ThrottlingException, HTTP 400)`: names only, never AWS's message. */
export function describeAwsFailure(operation: string, failure: AwsFailure): string {
  return `${operation} failed (${failure.name}${failure.status === undefined ? '' : `, HTTP ${failure.status}`})`;
}
