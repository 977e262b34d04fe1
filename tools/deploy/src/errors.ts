import { TypedError } from '@spapi-lake/core';

/** The command line is incomplete or wrong. */
export class DeployUsageError extends TypedError {
  override readonly name = 'DeployUsageError';
  readonly retryable = false;
}

/** The deploy manifest in SSM is missing, unreadable or does not know the app. */
export class DeployManifestError extends TypedError {
  override readonly name = 'DeployManifestError';
  readonly retryable = false;
}

/** Lambda refused or failed a step (code update, publish, alias move). */
export class DeployStepError extends TypedError {
  override readonly name = 'DeployStepError';
  readonly retryable = false;
}
