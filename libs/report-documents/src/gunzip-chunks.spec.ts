import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { GUNZIPPED_CHUNK_BYTES, GunzippedChunks } from './gunzip-chunks';

// Some text that compresses the way report documents do, and some that does not compress at all.
function plainDocument(bytes: number): Buffer {
  const line = Buffer.from('123-4567890-1234567\tShipped\tAmazon.de\tKaffeemühle\t19.99\n');
  const text = Buffer.concat(Array(Math.ceil(bytes / 2 / line.length)).fill(line));
  return Buffer.concat([text, randomBytes(bytes - text.length > 0 ? bytes - text.length : 0)]);
}

// The bytes as a socket delivers them: pieces of varying size.
function pieces(bytes: Buffer, sizes = [1, 7, 65_536, 16_384, 300_000]): Readable {
  const out: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(out);
}

type Outcome = { bytes: Buffer; chunkSizes: number[] } | { code: unknown };

async function gunzipped(gzip: Buffer, viaStream: boolean): Promise<Outcome> {
  const chunks = new GunzippedChunks({ viaStream });
  const copies: Buffer[] = [];
  try {
    for await (const chunk of chunks.read(pieces(gzip))) {
      copies.push(Buffer.from(chunk));
      chunks.recycle(chunk);
    }
  } catch (error) {
    return { code: (error as { code?: unknown }).code };
  }
  return { bytes: Buffer.concat(copies), chunkSizes: copies.map((copy) => copy.length) };
}

async function expectBothWays(gzip: Buffer): Promise<Outcome> {
  const direct = await gunzipped(gzip, false);
  const streamed = await gunzipped(gzip, true);
  if ('bytes' in direct && 'bytes' in streamed) {
    expect(direct.bytes.equals(streamed.bytes)).toBe(true);
  } else {
    expect(direct).toEqual(streamed);
  }
  return direct;
}

describe('GunzippedChunks', () => {
  it('gives the plain bytes in chunks of 1 MiB, as the Gunzip stream does', async () => {
    const plain = plainDocument(3.5 * GUNZIPPED_CHUNK_BYTES);
    const outcome = await expectBothWays(gzipSync(plain));
    // Buffers compared by equals: toEqual would take seconds over megabytes.
    expect('bytes' in outcome && outcome.bytes.equals(plain)).toBe(true);
    expect('chunkSizes' in outcome && outcome.chunkSizes).toEqual([
      ...Array(3).fill(GUNZIPPED_CHUNK_BYTES),
      plain.length - 3 * GUNZIPPED_CHUNK_BYTES,
    ]);
  });

  it('reads every member of a gzip file of several', async () => {
    const first = plainDocument(200_000);
    const second = plainDocument(1_500_000);
    const outcome = await expectBothWays(Buffer.concat([gzipSync(first), gzipSync(second)]));
    expect('bytes' in outcome && outcome.bytes.equals(Buffer.concat([first, second]))).toBe(true);
  });

  it.each([
    ['zero bytes', Buffer.alloc(5000)],
    ['bytes that are not gzip', Buffer.from('not gzip at all')],
  ])('treats %s after the gzip data as the Gunzip stream does', async (_, trailer) => {
    await expectBothWays(Buffer.concat([gzipSync(plainDocument(300_000)), trailer]));
  });

  it.each([
    ['ends early', (gzip: Buffer) => gzip.subarray(0, gzip.length - 1000), 'Z_BUF_ERROR'],
    ['is empty', () => Buffer.alloc(0), 'Z_BUF_ERROR'],
    ['is corrupt', (gzip: Buffer) => corrupted(gzip), 'Z_DATA_ERROR'],
    ['is not gzip', () => Buffer.from('plain text, not gzip'), 'Z_DATA_ERROR'],
  ])(
    'fails with zlib’s code, as the Gunzip stream does, when the gzip data %s',
    async (_, cut, code) => {
      const outcome = await expectBothWays(cut(gzipSync(plainDocument(2_000_000))));
      expect(outcome).toEqual({ code });
    },
  );

  it('fills the chunks handed back again, and never a chunk still held', async () => {
    const plain = plainDocument(5 * GUNZIPPED_CHUNK_BYTES);
    const recycling = new GunzippedChunks();
    const buffers = new Set<ArrayBufferLike>();
    const copies: Buffer[] = [];
    let previous: Buffer | undefined;
    for await (const chunk of recycling.read(pieces(gzipSync(plain)))) {
      buffers.add(chunk.buffer);
      copies.push(Buffer.from(chunk));
      recycling.recycle(chunk);
      // A chunk handed back twice, a copy, or an old chunk whose buffer went out again: nothing.
      recycling.recycle(chunk);
      recycling.recycle(Buffer.from(chunk));
      if (previous) recycling.recycle(previous);
      previous = chunk;
    }
    expect(Buffer.concat(copies).equals(plain)).toBe(true);
    expect(buffers.size).toBe(1);

    const holding = new GunzippedChunks();
    const held: Buffer[] = [];
    for await (const chunk of holding.read(pieces(gzipSync(plain)))) held.push(chunk);
    expect(new Set(held.map((chunk) => chunk.buffer)).size).toBe(held.length);
    expect(Buffer.concat(held).equals(plain)).toBe(true);
  });

  it('refuses a source of text, not bytes', async () => {
    const chunks = new GunzippedChunks();
    const read = async () => {
      for await (const chunk of chunks.read(Readable.from(['text']))) void chunk;
    };
    await expect(read()).rejects.toThrow(TypeError);
  });

  it('stops reading its source when its reader stops early', async () => {
    const source = pieces(gzipSync(plainDocument(3 * GUNZIPPED_CHUNK_BYTES)));
    for await (const chunk of new GunzippedChunks().read(source)) {
      expect(chunk.length).toBe(GUNZIPPED_CHUNK_BYTES);
      break;
    }
    expect(source.destroyed).toBe(true);
  });
});

function corrupted(gzip: Buffer): Buffer {
  const copy = Buffer.from(gzip);
  for (let at = 2000; at < 2100; at++) copy[at] = (copy[at] ?? 0) ^ 0x5a;
  return copy;
}
