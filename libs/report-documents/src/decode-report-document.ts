import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { TypedError } from '@spapi-lake/core';
import type { ReportCharset } from './charset';
import { createCharsetDecoder } from './charset-decoder';
import { errorCode } from './error-details';
import { ReportDocumentCorruptError, ReportDocumentTruncatedError } from './errors';
import type { ReportCompression } from './open-report-document';

/** How the bytes of a document are encoded, as {@link openReportDocument} reports it. */
export interface ReportDocumentEncoding {
  compression: ReportCompression;
  charset: ReportCharset;
}

const nonByteChunkMessage = 'decodeReportDocument expects a byte stream, not text or objects';

// zlib's chunk size: larger chunks mean fewer hops through the stream machinery per megabyte.
const gunzipChunkSize = 64 * 1024;

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
  const source: Readable =
    compression === 'GZIP'
      ? pipeline(bytes, createGunzip({ chunkSize: gunzipChunkSize }), () => undefined)
      : bytes;
  try {
    for await (const chunk of source) {
      if (!(chunk instanceof Uint8Array)) {
        throw new TypeError(nonByteChunkMessage);
      }
      const text = decoder.write(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
      );
      if (text !== '') {
        yield text;
      }
    }
  } catch (error) {
    throw asDecodeError(error);
  } finally {
    if (!source.destroyed) {
      source.destroy();
    }
    if (!bytes.destroyed) {
      bytes.destroy();
    }
  }
  const rest = decoder.end();
  if (rest !== undefined && rest !== '') {
    yield rest;
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
  return error instanceof TypeError && error.message === nonByteChunkMessage;
}
