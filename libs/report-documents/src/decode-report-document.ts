import { Readable } from 'node:stream';
import { TypedError } from '@spapi-lake/core';
import { ReportCharset } from './charset';
import { createCharsetDecoder } from './charset-decoder';
import { errorCode } from './error-details';
import { ReportDocumentCorruptError, ReportDocumentTruncatedError } from './errors';
import { GunzippedChunks, NON_BYTE_CHUNK } from './gunzip-chunks';
import type { ReportCompression } from './open-report-document';

/** How the bytes of a document are encoded, as {@link openReportDocument} reports it. */
export interface ReportDocumentEncoding {
  compression: ReportCompression;
  charset: ReportCharset;
}

/**
 * Decodes document bytes into text chunks, streaming: gunzip when GZIP, then the charset (a
 * character split across chunks decodes whole; a UTF-8 BOM is dropped). Emits strings.
 */
export function decodeReportDocument(bytes: Readable, encoding: ReportDocumentEncoding): Readable {
  return Readable.from(decodeChunks(bytes, encoding), { objectMode: false, encoding: 'utf8' });
}

async function* decodeChunks(
  bytes: Readable,
  { compression, charset }: ReportDocumentEncoding,
): AsyncGenerator<string> {
  // Decoders keep an incomplete multibyte sequence until the next chunk and strip a UTF-8 BOM
  // (Node's TextDecoder('windows-1252') would decode 0x80-0x9F as C1 controls: not used).
  const decoder = createCharsetDecoder(charset);
  const gunzipped = new GunzippedChunks();
  for await (const chunk of plainChunks(bytes, compression, gunzipped)) {
    const text = decoder.write(chunk);
    // The decoder keeps no reference to the chunk (an incomplete sequence is copied).
    gunzipped.recycle(chunk);
    if (text !== '') {
      yield text;
    }
  }
  const rest = decoder.end();
  if (rest !== undefined && rest !== '') {
    yield rest;
  }
}

/**
 * How the bytes {@link decompressReportDocument} yields are text: UTF-8, or one byte per character
 * with `high` holding the characters of bytes 0x80-0xFF (exactly as {@link decodeReportDocument}
 * decodes them).
 */
export type DocumentTextEncoding =
  { readonly kind: 'utf-8' } | { readonly kind: 'single-byte'; readonly high: string };

/**
 * The document's plain bytes, streaming, for readers that work on bytes: gunzipped when GZIP; a
 * UTF-8 byte order mark dropped; charsets that are neither UTF-8 nor one byte per character
 * (cp932) transcoded to UTF-8. Reading them with `text` gives exactly what `decodeReportDocument`
 * gives, without decoding on this thread. A reader that is done with a chunk may hand it to
 * `recycle`: the next gunzipped bytes are then written into it rather than into a new buffer.
 */
export function decompressReportDocument(
  bytes: Readable,
  encoding: ReportDocumentEncoding,
): {
  readonly chunks: Readable;
  readonly text: DocumentTextEncoding;
  readonly recycle: (chunk: Uint8Array) => void;
} {
  const { charset } = encoding;
  const gunzipped = new GunzippedChunks();
  const recycle = (chunk: Uint8Array) => gunzipped.recycle(chunk);
  if (charset === ReportCharset.Windows1252 || charset === ReportCharset.Latin1) {
    const high = createCharsetDecoder(charset).write(
      Buffer.from(Array.from({ length: 128 }, (_, index) => 0x80 + index)),
    );
    return {
      chunks: Readable.from(plainChunks(bytes, encoding.compression, gunzipped), {
        objectMode: false,
      }),
      text: { kind: 'single-byte', high },
      recycle,
    };
  }
  const chunks =
    charset === ReportCharset.Utf8
      ? withoutByteOrderMark(plainChunks(bytes, encoding.compression, gunzipped))
      : transcodedToUtf8(decodeChunks(bytes, encoding));
  return { chunks: Readable.from(chunks, { objectMode: false }), text: { kind: 'utf-8' }, recycle };
}

async function* withoutByteOrderMark(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (head === undefined) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < 3) continue;
    yield head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    head = undefined;
  }
  if (head !== undefined && head.length > 0) yield head;
}

async function* transcodedToUtf8(text: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const chunk of text) yield Buffer.from(chunk, 'utf8');
}

// The bytes of the document, gunzipped when GZIP; failures become the typed document errors.
async function* plainChunks(
  bytes: Readable,
  compression: ReportDocumentEncoding['compression'],
  gunzipped: GunzippedChunks,
): AsyncGenerator<Buffer> {
  const source: AsyncIterable<unknown> = compression === 'GZIP' ? gunzipped.read(bytes) : bytes;
  try {
    for await (const chunk of source) {
      if (!(chunk instanceof Uint8Array)) {
        throw new TypeError(NON_BYTE_CHUNK);
      }
      yield Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } catch (error) {
    throw asDecodeError(error);
  } finally {
    if (!bytes.destroyed) {
      bytes.destroy();
    }
  }
}

function asDecodeError(error: unknown): unknown {
  // Ours (a truncated download, a non-byte chunk) already say what went wrong.
  if (error instanceof TypedError || isNonByteChunkError(error)) {
    return error;
  }
  const code = errorCode(error);
  // Z_BUF_ERROR is zlib's "unexpected end of file": the gzip stream stopped before its trailer.
  if (code === 'Z_BUF_ERROR') {
    return new ReportDocumentTruncatedError('gzip stream of the report document ended early', {
      cause: error,
    });
  }
  if (code !== undefined && code.startsWith('Z_')) {
    return new ReportDocumentCorruptError(`report document is not valid gzip (${code})`, {
      cause: error,
    });
  }
  // Any other failure of the byte source (a reset socket, a custom stream) cut the document short.
  return new ReportDocumentTruncatedError(
    `report document stream failed mid-way (${code ?? 'stream error'})`,
    { cause: error },
  );
}

function isNonByteChunkError(error: unknown): boolean {
  return error instanceof TypeError && error.message === NON_BYTE_CHUNK;
}
