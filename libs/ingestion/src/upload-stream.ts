import type { Writable } from 'node:stream';
import { TypedError } from '@spapi-lake/core';
import { ObjectStoreUnavailableError } from '@spapi-lake/lake';

/**
 * Writes `chunk` and, when the stream's buffer is full, waits for it to drain: an upload slower
 * than the parser then slows the parser instead of letting the buffer grow without bound.
 */
export function writeWithBackpressure(stream: Writable, chunk: Buffer | string): Promise<void> {
  // Closed by the store or by watchUpload: its upload failed, and says why when it gave a reason.
  if (stream.destroyed) return Promise.reject(closedStreamError(stream, 'is closed'));
  if (stream.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(closedStreamError(stream, 'closed early'));
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/**
 * Destroys an upload's stream with `error`, so that the upload fails rather than completing a
 * partial object; the error is also the stream's to report, and a stream whose consumer already
 * gave up has no 'error' listener left, which would make it an uncaught exception.
 */
export function failUploadStream(stream: Writable, error: Error): void {
  stream.on('error', () => undefined);
  stream.destroy(error);
}

/**
 * The error to report for a curation that failed with `error` while uploads were open: when
 * `error` is untyped or only says an upload stream closed, the first typed error an upload failed
 * with, which says what the store answered; else `error`.
 */
export async function uploadFailure(
  error: unknown,
  uploads: readonly Promise<unknown>[],
): Promise<unknown> {
  const settled = await Promise.allSettled(uploads);
  if (error instanceof TypedError && !closedStreamErrors.has(error)) return error;
  for (const result of settled) {
    if (result.status === 'rejected' && result.reason instanceof TypedError) return result.reason;
  }
  return error;
}

/**
 * Starts watching an upload: awaited later (its rejection is not left unhandled meanwhile), and
 * when it fails, its stream fails with the upload's error, so a writer waiting for the stream to
 * drain (a store that gave up without reading it) hears of it instead of waiting for ever.
 */
export function watchUpload(stream: Writable, upload: Promise<unknown>): void {
  upload.catch((error: unknown) => {
    if (!stream.destroyed) {
      failUploadStream(stream, error instanceof Error ? error : new Error(String(error)));
    }
  });
}

// Errors that only say a stream closed: the upload's own failure, when there is one, says more.
const closedStreamErrors = new WeakSet<Error>();

function closedStreamError(stream: Writable, what: string): Error {
  if (stream.errored) return stream.errored;
  const error = new ObjectStoreUnavailableError(`the upload stream ${what}`);
  closedStreamErrors.add(error);
  return error;
}
