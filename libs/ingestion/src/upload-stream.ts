import type { Writable } from 'node:stream';

/**
 * Writes `chunk` and, when the stream's buffer is full, waits for it to drain: an upload slower
 * than the parser then slows the parser instead of letting the buffer grow without bound.
 */
export function writeWithBackpressure(stream: Writable, chunk: Buffer | string): Promise<void> {
  if (stream.destroyed) return Promise.reject(new Error('the upload stream is closed'));
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
    const onClose = () => settle(new Error('the upload stream closed early'));
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
