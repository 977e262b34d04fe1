/**
 * How a document's bytes map to text, for readers that work on the bytes themselves: UTF-8, or one
 * byte per character (Windows-1252, ISO-8859-1) where `high` holds the 128 characters of bytes
 * 0x80-0xFF, taken from the decoder the row path uses, so both paths read the same text. Either
 * way ASCII bytes are ASCII characters, which is all the fast paths look at.
 */
export type DocumentTextEncoding =
  { readonly kind: 'utf-8' } | { readonly kind: 'single-byte'; readonly high: string };

/** Grows `bytes` to hold at least `needed` bytes, keeping its content. */
export function grownBytes(bytes: Uint8Array, needed: number): Uint8Array {
  if (needed <= bytes.length) return bytes;
  let capacity = bytes.length * 2;
  while (capacity < needed) capacity *= 2;
  const grown = new Uint8Array(capacity);
  grown.set(bytes);
  return grown;
}

/**
 * Reads text out of document bytes: whole ranges as strings (the slow path), and ranges as UTF-8
 * bytes (what Parquet stores), without a string in between.
 */
export class DocumentText {
  /** UTF-8 of each high byte (single-byte charsets): up to 3 bytes at `k * 3`, length in `highLengths`. */
  private readonly highUtf8 = new Uint8Array(128 * 3);
  private readonly highLengths = new Uint8Array(128);
  private readonly utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(readonly encoding: DocumentTextEncoding) {
    if (encoding.kind === 'single-byte') {
      if (encoding.high.length !== 128) {
        throw new Error('a single-byte charset maps exactly 128 high bytes');
      }
      const encoder = new TextEncoder();
      for (let k = 0; k < 128; k++) {
        const utf8 = encoder.encode(encoding.high[k] ?? '');
        this.highUtf8.set(utf8, k * 3);
        this.highLengths[k] = utf8.length;
      }
    }
  }

  /** The text of `bytes[start..end)`. */
  decode(bytes: Uint8Array, start: number, end: number): string {
    if (this.encoding.kind === 'utf-8') return this.utf8Decoder.decode(bytes.subarray(start, end));
    const high = this.encoding.high;
    let text = '';
    let runStart = start;
    for (let i = start; i < end; i++) {
      const byte = bytes[i] ?? 0;
      if (byte < 0x80) continue;
      if (i > runStart) text += asciiText(bytes, runStart, i);
      text += high[byte - 0x80] ?? '';
      runStart = i + 1;
    }
    return runStart < end ? text + asciiText(bytes, runStart, end) : text;
  }

  /**
   * Writes the UTF-8 of `bytes[start..end)`, which holds a byte of 0x80 or more, to `out` at `at`
   * (room for `utf8Capacity(end - start)` bytes must be there). Returns the end of what it wrote, or
   * -1 when UTF-8 input is not valid UTF-8 (the caller then decodes the line the slow way).
   */
  writeUtf8(bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
    if (this.encoding.kind === 'utf-8') {
      if (!isValidUtf8(bytes, start, end)) return -1;
      out.set(bytes.subarray(start, end), at);
      return at + end - start;
    }
    const { highUtf8, highLengths } = this;
    let to = at;
    for (let i = start; i < end; i++) {
      const byte = bytes[i] ?? 0;
      if (byte < 0x80) {
        out[to++] = byte;
        continue;
      }
      const k = byte - 0x80;
      const length = highLengths[k] ?? 0;
      for (let j = 0; j < length; j++) out[to++] = highUtf8[k * 3 + j] ?? 0;
    }
    return to;
  }

  /** The most UTF-8 bytes `length` document bytes can turn into. */
  utf8Capacity(length: number): number {
    return this.encoding.kind === 'utf-8' ? length : length * 3;
  }
}

function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i += 4096) {
    text += String.fromCharCode.apply(
      null,
      bytes.subarray(i, Math.min(end, i + 4096)) as unknown as number[],
    );
  }
  return text;
}

/** Whether `bytes[start..end)` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
export function isValidUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const b0 = bytes[i] ?? 0;
    if (b0 < 0x80) {
      i++;
      continue;
    }
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      if (i + 1 >= end || ((bytes[i + 1] ?? 0) & 0xc0) !== 0x80) return false;
      i += 2;
      continue;
    }
    const b1 = bytes[i + 1] ?? 0;
    if (b0 >= 0xe0 && b0 <= 0xef) {
      if (i + 2 >= end || ((bytes[i + 2] ?? 0) & 0xc0) !== 0x80) return false;
      const low = b0 === 0xe0 ? 0xa0 : 0x80;
      const highest = b0 === 0xed ? 0x9f : 0xbf;
      if (b1 < low || b1 > highest) return false;
      i += 3;
      continue;
    }
    if (b0 >= 0xf0 && b0 <= 0xf4) {
      if (
        i + 3 >= end ||
        ((bytes[i + 2] ?? 0) & 0xc0) !== 0x80 ||
        ((bytes[i + 3] ?? 0) & 0xc0) !== 0x80
      ) {
        return false;
      }
      const low = b0 === 0xf0 ? 0x90 : 0x80;
      const highest = b0 === 0xf4 ? 0x8f : 0xbf;
      if (b1 < low || b1 > highest) return false;
      i += 4;
      continue;
    }
    return false;
  }
  return true;
}
