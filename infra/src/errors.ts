import { TypedError } from '@spapi-lake/core';

/** An input of the synth (an exported definition, the dataset list, an app zip, the config) is missing or invalid. */
export class StackInputError extends TypedError {
  override readonly name = 'StackInputError';
  readonly retryable = false;
}
