import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import iconv from 'iconv-lite';

/** How many bytes go out before a fault cuts a download. */
export const FAULT_AFTER_BYTES = 64 * 1024;
const BATCH_CHARS = 64 * 1024;

/** iconv-lite name of a Content-Type charset label (`Cp1252` is Java's name for windows-1252). */
export function iconvName(charset: string): string {
  switch (charset.toLowerCase()) {
    case 'cp1252':
      return 'windows-1252';
    case 'shift_jis':
      return 'shift_jis';
    default:
      return 'utf8';
  }
}

/**
 * Encodes lazily produced text in batches, never holding the whole document: small generator
 * chunks (lines) are joined up to ~64 KiB, then encoded with a stateful encoder so characters split
 * across batches stay intact. Unmappable characters become `?`, as Amazon's Cp1252 files do.
 */
export function* encodeText(text: () => Iterable<string>, charset: string): Generator<Buffer> {
  const encoder = iconv.getEncoder(iconvName(charset));
  let batch: string[] = [];
  let size = 0;
  for (const chunk of text()) {
    batch.push(chunk);
    size += chunk.length;
    if (size >= BATCH_CHARS) {
      const bytes = encoder.write(batch.join(''));
      batch = [];
      size = 0;
      if (bytes.length > 0) yield bytes;
    }
  }
  const rest = Buffer.concat([encoder.write(batch.join('')), encoder.end() ?? Buffer.alloc(0)]);
  if (rest.length > 0) yield rest;
}

/** The bytes of a document as served: encoded, then gzipped on the fly when `gzip`. */
export function documentBytes(
  text: () => Iterable<string>,
  charset: string,
  gzip: boolean,
): AsyncIterable<Buffer> | Iterable<Buffer> {
  const encoded = encodeText(text, charset);
  return gzip ? Readable.from(encoded).pipe(createGzip()) : encoded;
}

/**
 * Writes `chunks` to `res` with backpressure. A fault cuts the body part-way: `reset` destroys the
 * connection (the client sees a reset mid-document), `truncate` ends the response early and
 * cleanly (a gzip stream missing its end). The last chunk is held back so even tiny documents are
 * cut before their end.
 */
export async function writeBody(
  res: ServerResponse,
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  fault: 'reset' | 'truncate' | undefined,
): Promise<void> {
  let held: Buffer | undefined;
  let sent = 0;
  try {
    for await (const chunk of chunks) {
      if (res.destroyed) return;
      if (held !== undefined) {
        if (fault !== undefined && sent + held.length >= FAULT_AFTER_BYTES) {
          return await cut(res, held, fault);
        }
        await write(res, held);
        sent += held.length;
      }
      held = chunk;
    }
    if (held !== undefined && fault !== undefined) return await cut(res, held, fault);
    if (held !== undefined) await write(res, held);
    res.end();
  } finally {
    if (Symbol.asyncIterator in chunks && 'destroy' in chunks) {
      (chunks as unknown as { destroy(): void }).destroy();
    }
  }
}

async function cut(res: ServerResponse, chunk: Buffer, fault: 'reset' | 'truncate'): Promise<void> {
  await write(res, chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))));
  if (fault === 'truncate') {
    res.end();
    return;
  }
  // Give the partial body a moment to leave, then reset the TCP connection.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const socket = res.socket;
  if (socket !== null && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket?.destroy();
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve();
      return;
    }
    const onClose = (): void => resolve();
    res.once('close', onClose);
    res.write(chunk, () => {
      res.off('close', onClose);
      resolve();
    });
  });
}
