import { TypedError } from '@spapi-lake/core';

/** A value offered for redaction is too short to replace safely (it would blank ordinary text). */
export class InvalidSecretValueError extends TypedError {
  override readonly name = 'InvalidSecretValueError';
  readonly retryable = false;
}
