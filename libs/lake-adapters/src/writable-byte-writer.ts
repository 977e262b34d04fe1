import { ByteWriter } from 'hyparquet-writer';
import type { Writable } from 'node:stream';
import { ParquetOutputError } from '@spapi-lake/lake';

/**
 * hyparquet-writer's `Writer` over a Node `Writable`. hyparquet-writer encodes synchronously into a
 * growable buffer and calls `flush()` after each row group, awaiting it when it returns a promise:
 * here `flush()` hands the bytes so far to the stream and, when the stream asks for back-pressure,
 * resolves only on `drain`. Memory is one encoded row group, never the whole file.
 */
const INITIAL_BYTES = 64 * 1024;

export class WritableByteWriter extends ByteWriter {
  private readonly output: Writable;

  constructor(output: Writable) {
    super(INITIAL_BYTES);
    this.output = output;
  }

  /** Sends the buffered bytes to the output; resolves once it can take more. */
  flush(): Promise<void> {
    if (this.index === 0) return Promise.resolve();
    if (this.output.destroyed || this.output.writableEnded) {
      return Promise.reject(new ParquetOutputError('The Parquet output stream is already closed'));
    }
    // Copy: the buffer is reused for the next row group while the stream may still hold this chunk.
    const chunk = Buffer.from(this.buffer.slice(0, this.index));
    this.index = 0;
    // A buffer grown for one row group would otherwise stay allocated while the file is open: with
    // one open file per partition of a document, that adds up.
    if (this.buffer.byteLength > INITIAL_BYTES) {
      this.buffer = new ArrayBuffer(INITIAL_BYTES);
      this.view = new DataView(this.buffer);
    }
    return this.output.write(chunk) ? Promise.resolve() : waitForDrain(this.output);
  }

  /** Flushes the footer; ending the stream is the caller's decision. */
  override finish(): Promise<void> {
    return this.flush();
  }
}

function waitForDrain(output: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      output.off('drain', onDrain);
      output.off('error', onError);
      output.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (cause: Error) =>
      settle(new ParquetOutputError('The Parquet output stream failed', { cause }));
    const onClose = () => settle(new ParquetOutputError('The Parquet output stream closed early'));
    output.on('drain', onDrain);
    output.on('error', onError);
    output.on('close', onClose);
  });
}
