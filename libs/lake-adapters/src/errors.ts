import { TypedError } from '@spapi-lake/core';

/** A curation failure inside the worker thread, with the worker's error name and message. */
export class TsvCurationWorkerError extends TypedError {
  override readonly name = 'TsvCurationWorkerError';
  readonly retryable = false;
}

/**
 * The curation worker thread died (an uncaught error, an exit): the thread failed, not the
 * document, so the retrieval is tried again rather than the document kept as uncuratable. Running
 * out of memory is a TsvCurationWorkerError: the same document would exhaust it again.
 */
export class TsvCurationWorkerCrashedError extends TypedError {
  override readonly name = 'TsvCurationWorkerCrashedError';
  readonly retryable = true;
}
