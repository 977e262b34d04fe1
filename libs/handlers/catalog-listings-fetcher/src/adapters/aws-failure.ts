/** What an AWS SDK v3 error says about itself: its name, and whether a retry may help. */
export interface AwsFailure {
  readonly name: string;
  readonly retryable: boolean;
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalServerErrorException',
  'ServiceUnavailable',
  'TooManyUpdates',
  'ThrottledException',
  'TimeoutError',
]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** Classifies an SDK error by its name, HTTP status and network code. */
export function awsFailure(error: unknown): AwsFailure {
  if (typeof error !== 'object' || error === null)
    return { name: 'UnknownError', retryable: false };
  const name = 'name' in error && typeof error.name === 'string' ? error.name : 'UnknownError';
  const status =
    '$metadata' in error &&
    typeof error.$metadata === 'object' &&
    error.$metadata !== null &&
    'httpStatusCode' in error.$metadata
      ? Number(error.$metadata.httpStatusCode)
      : undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const retryable =
    RETRYABLE_NAMES.has(name) ||
    (status !== undefined && status >= 500) ||
    (code !== undefined && RETRYABLE_CODES.has(code));
  return { name, retryable };
}
