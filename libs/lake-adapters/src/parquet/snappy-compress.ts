// Snappy's raw format (https://github.com/google/snappy/blob/main/format_description.txt): a
// varint of the uncompressed length, then literals and back-references. This compressor follows
// the reference one: 64 KiB blocks, a hash table of 4-byte sequences, and a growing skip over
// input that finds no match, so incompressible bytes cost little.

const BLOCK_BYTES = 1 << 16;
const HASH_BITS = 14;
const HASH_SHIFT = 32 - HASH_BITS;
const MIN_MATCH = 4;
/** Bytes at a block's end that are always literals (the reference keeps 15 for its wide loads). */
const INPUT_MARGIN = 15;

const table = new Int32Array(1 << HASH_BITS);

/** The most bytes `snappyCompress` can write for `length` input bytes. */
export function snappyMaxCompressedLength(length: number): number {
  return 32 + length + Math.floor(length / 6);
}

/** Compresses `input` into `output` (at least `snappyMaxCompressedLength` long); returns the length. */
export function snappyCompress(input: Uint8Array, output: Uint8Array): number {
  let out = 0;
  let length = input.length;
  while (length >= 0x80) {
    output[out++] = (length & 0x7f) | 0x80;
    length >>>= 7;
  }
  output[out++] = length;
  for (let start = 0; start < input.length; start += BLOCK_BYTES) {
    out = compressBlock(input, start, Math.min(start + BLOCK_BYTES, input.length), output, out);
  }
  return out;
}

function load32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] as number) |
    ((bytes[at + 1] as number) << 8) |
    ((bytes[at + 2] as number) << 16) |
    ((bytes[at + 3] as number) << 24)
  );
}

function hash(word: number): number {
  return Math.imul(word, 0x1e35a7bd) >>> HASH_SHIFT;
}

function compressBlock(
  input: Uint8Array,
  start: number,
  end: number,
  output: Uint8Array,
  outStart: number,
): number {
  let out = outStart;
  let literalStart = start;
  if (end - start >= INPUT_MARGIN) {
    table.fill(start - 1);
    const limit = end - INPUT_MARGIN;
    let at = start + 1;
    let nextHash = hash(load32(input, at));
    for (;;) {
      // Find a 4-byte match, stepping further the longer none is found.
      let skip = 32;
      let next = at;
      let candidate = 0;
      for (;;) {
        at = next;
        const h = nextHash;
        next = at + (skip++ >> 5);
        if (next > limit) return emitRest(input, literalStart, end, output, out);
        nextHash = hash(load32(input, next));
        candidate = table[h] as number;
        table[h] = at;
        if (candidate >= start && load32(input, candidate) === load32(input, at)) break;
      }
      out = emitLiteral(input, literalStart, at, output, out);
      // Emit copies while the bytes right after each one match again.
      for (;;) {
        const base = at;
        let matched = MIN_MATCH;
        while (at + matched < end && input[candidate + matched] === input[at + matched]) matched++;
        at += matched;
        out = emitCopy(output, out, base - candidate, matched);
        literalStart = at;
        if (at >= limit) return emitRest(input, literalStart, end, output, out);
        table[hash(load32(input, at - 1))] = at - 1;
        const h = hash(load32(input, at));
        candidate = table[h] as number;
        table[h] = at;
        if (!(candidate >= start && load32(input, candidate) === load32(input, at))) {
          nextHash = hash(load32(input, at + 1));
          at++;
          break;
        }
      }
    }
  }
  return emitRest(input, literalStart, end, output, out);
}

function emitRest(
  input: Uint8Array,
  from: number,
  end: number,
  output: Uint8Array,
  out: number,
): number {
  return from < end ? emitLiteral(input, from, end, output, out) : out;
}

function emitLiteral(
  input: Uint8Array,
  from: number,
  to: number,
  output: Uint8Array,
  outAt: number,
): number {
  let out = outAt;
  const n = to - from - 1;
  if (n < 0) return out;
  if (n < 60) {
    output[out++] = n << 2;
  } else if (n < 0x100) {
    output[out++] = 60 << 2;
    output[out++] = n;
  } else if (n < 0x10000) {
    output[out++] = 61 << 2;
    output[out++] = n & 0xff;
    output[out++] = n >>> 8;
  } else {
    output[out++] = 62 << 2;
    output[out++] = n & 0xff;
    output[out++] = (n >>> 8) & 0xff;
    output[out++] = n >>> 16;
  }
  if (to - from < 32) {
    for (let i = from; i < to; i++) output[out++] = input[i] as number;
    return out;
  }
  output.set(input.subarray(from, to), out);
  return out + (to - from);
}

function emitCopy(output: Uint8Array, outAt: number, offset: number, length: number): number {
  let out = outAt;
  let remaining = length;
  // Copies of 2-byte offsets hold at most 64 bytes; longer ones are cut so none is left under 4.
  while (remaining >= 68) {
    out = emitCopy2(output, out, offset, 64);
    remaining -= 64;
  }
  if (remaining > 64) {
    out = emitCopy2(output, out, offset, 60);
    remaining -= 60;
  }
  if (remaining < 12 && offset < 2048) {
    output[out++] = 1 | ((remaining - 4) << 2) | ((offset >>> 8) << 5);
    output[out++] = offset & 0xff;
    return out;
  }
  return emitCopy2(output, out, offset, remaining);
}

function emitCopy2(output: Uint8Array, outAt: number, offset: number, length: number): number {
  let out = outAt;
  output[out++] = 2 | ((length - 1) << 2);
  output[out++] = offset & 0xff;
  output[out++] = offset >>> 8;
  return out;
}
