import { TypedError } from '@spapi-lake/core';

/**
 * A Step Functions task input does not match the workflows contract (a definition and a function
 * deployed out of step). Not retryable: the same input fails the same way.
 */
export class TaskInputInvalidError extends TypedError {
  override readonly name = 'TaskInputInvalidError';
  readonly retryable = false;
}

/** The error document of a FATAL report is larger than a reason could ever need. */
export class ErrorDocumentTooLargeError extends TypedError {
  override readonly name = 'ErrorDocumentTooLargeError';
  readonly retryable = false;
}

/**
 * A report retrieved without its window (an Amazon-generated report such as a settlement) names no
 * marketplace in getReport, so its rows and ledger entry have no place. Not retryable.
 */
export class ReportPlacementUnknownError extends TypedError {
  override readonly name = 'ReportPlacementUnknownError';
  readonly retryable = false;
}
