import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

const CHUNK_BYTES = 64 * 1024;

/** Deterministic pseudo-random bytes (xorshift32), generated chunk by chunk: never held whole. */
export function* pseudoRandomChunks(totalBytes: number, seed = 0x9e3779b9): Generator<Buffer> {
  let state = seed >>> 0 || 1;
  for (let offset = 0; offset < totalBytes; offset += CHUNK_BYTES) {
    const size = Math.min(CHUNK_BYTES, totalBytes - offset);
    const words = new Uint32Array(Math.ceil(size / 4));
    for (let i = 0; i < words.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      words[i] = state >>> 0;
    }
    yield Buffer.from(words.buffer, 0, size);
  }
}

/** A readable stream of {@link pseudoRandomChunks}. */
export function pseudoRandomStream(totalBytes: number, seed?: number): Readable {
  return Readable.from(pseudoRandomChunks(totalBytes, seed), { objectMode: false });
}

/** Hex SHA-256 of a byte stream or iterable. */
export async function sha256Of(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}
