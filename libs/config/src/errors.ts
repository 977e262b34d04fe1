import { TypedError } from '@spapi-lake/core';

/** One problem found in a configuration document, located by its key path (`accounts[1].region`). */
export interface ConfigurationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Configuration that cannot be used as it is: retrying does not help, a person must fix it. The
 * message names every bad key path; values are quoted only where they cannot be secrets.
 */
export class ConfigurationError extends TypedError {
  override readonly name = 'ConfigurationError';
  readonly retryable = false;
  readonly issues: readonly ConfigurationIssue[];

  constructor(
    message: string,
    options?: { cause?: unknown; issues?: readonly ConfigurationIssue[] },
  ) {
    super(message, options);
    this.issues = options?.issues ?? [];
  }
}
