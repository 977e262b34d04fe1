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
