import { TypedError } from '@spapi-lake/core';

/** Secrets Manager (or the local secret file) could not answer; trying again may succeed. */
export class SecretStoreUnavailableError extends TypedError {
  override readonly name = 'SecretStoreUnavailableError';
  readonly retryable = true;
}

/** Secrets Manager refused the request (permissions, KMS key, limits): a person must act. */
export class SecretStoreRequestError extends TypedError {
  override readonly name = 'SecretStoreRequestError';
  readonly retryable = false;
}

/** A secret holds something that is not the expected record; the message never quotes it. */
export class SecretValueInvalidError extends TypedError {
  override readonly name = 'SecretValueInvalidError';
  readonly retryable = false;
}

/** SSM could not answer, or the account list kept changing under a write; try again. */
export class AccountRegistryUnavailableError extends TypedError {
  override readonly name = 'AccountRegistryUnavailableError';
  readonly retryable = true;
}

/** SSM refused the request (permissions, size, tier). */
export class AccountRegistryRequestError extends TypedError {
  override readonly name = 'AccountRegistryRequestError';
  readonly retryable = false;
}

/** DynamoDB could not record a used authorization state; trying again may succeed. */
export class UsedStateStoreUnavailableError extends TypedError {
  override readonly name = 'UsedStateStoreUnavailableError';
  readonly retryable = true;
}

/** DynamoDB refused the request (permissions, missing table). */
export class UsedStateStoreRequestError extends TypedError {
  override readonly name = 'UsedStateStoreRequestError';
  readonly retryable = false;
}

/** The handler received an event that is none of the broker's triggers. */
export class TokenBrokerEventError extends TypedError {
  override readonly name = 'TokenBrokerEventError';
  readonly retryable = false;
}
