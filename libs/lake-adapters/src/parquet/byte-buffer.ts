const TWO_32 = 4_294_967_296;

/**
 * A growable little-endian byte buffer for the encoder's hot loops: callers `ensure` room once per
 * value (or per run of values), then write without bounds checks of their own.
 */
export class ByteBuffer {
  bytes: Uint8Array;
  view: DataView;
  length = 0;

  constructor(capacity = 64 * 1024) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  /** Forgets the content, keeping the memory. */
  reset(): void {
    this.length = 0;
  }

  /** A copy of the content. */
  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  /** A view of the content, valid until the next write or reset. */
  view0(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }

  u32(value: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  i32(value: number): void {
    this.ensure(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
  }

  f64(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  /** A safe integer as a little-endian int64. */
  i64(value: number): void {
    this.ensure(8);
    writeInt64(this.view, this.length, value);
    this.length += 8;
  }

  append(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Unsigned LEB128. */
  varint(value: number): void {
    this.ensure(10);
    let rest = value;
    while (rest > 0x7f) {
      this.bytes[this.length++] = (rest % 128) | 0x80;
      rest = Math.floor(rest / 128);
    }
    this.bytes[this.length++] = rest;
  }

  /** Zigzag-encoded varint of a safe integer. */
  zigzag(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** `text` as UTF-8, with no length prefix; lone surrogates become U+FFFD as TextEncoder does. */
  utf8(text: string): void {
    this.utf8Range(text, 0, text.length);
  }

  /** `text` from `start` to `end` as UTF-8 (see {@link utf8}). */
  utf8Range(text: string, start: number, end: number): void {
    const n = end;
    this.ensure((end - start) * 3);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = start; i < n; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        bytes[at++] = code;
      } else if (code < 0x800) {
        bytes[at++] = 0xc0 | (code >> 6);
        bytes[at++] = 0x80 | (code & 0x3f);
      } else {
        if (code >= 0xd800 && code <= 0xdfff) {
          const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
          if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
            i++;
            bytes[at++] = 0xf0 | (code >> 18);
            bytes[at++] = 0x80 | ((code >> 12) & 0x3f);
            bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
            bytes[at++] = 0x80 | (code & 0x3f);
            continue;
          }
          code = 0xfffd;
        }
        bytes[at++] = 0xe0 | (code >> 12);
        bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
        bytes[at++] = 0x80 | (code & 0x3f);
      }
    }
    this.length = at;
  }

  /** A BYTE_ARRAY value as PLAIN encodes it: 4-byte length, then the UTF-8 bytes. */
  lengthPrefixedUtf8(text: string): void {
    this.ensure(4);
    const start = this.length;
    this.length += 4;
    this.utf8(text);
    this.view.setUint32(start, this.length - start - 4, true);
  }
}

/**
 * A safe integer as a little-endian INT64 at `at`. `>>> 0` takes the low 32 bits of any integer
 * (two's complement for negative ones), several times faster than the floating-point remainder.
 */
export function writeInt64(view: DataView, at: number, value: number): void {
  const low = value >>> 0;
  view.setUint32(at, low, true);
  view.setInt32(at + 4, (value - low) / TWO_32, true);
}
