import type { ByteBuffer } from './byte-buffer';

/**
 * Parquet's RLE / bit-packing hybrid of `count` small unsigned integers (definition levels,
 * dictionary indices): runs of 8 or more equal values as RLE runs, the rest bit-packed in groups of 8.
 */
export function writeRleBitPackedHybrid(
  out: ByteBuffer,
  values: ArrayLike<number>,
  count: number,
  bitWidth: number,
): void {
  const valueBytes = (bitWidth + 7) >> 3;
  let i = 0;
  let packedStart = -1;
  let packedGroups = 0;
  while (i < count) {
    const first = values[i] ?? 0;
    let run = 1;
    while (i + run < count && values[i + run] === first) run++;
    if (run >= 8) {
      if (packedGroups > 0) {
        writePackedGroups(out, values, count, packedStart, packedGroups, bitWidth);
        packedGroups = 0;
      }
      out.varint(run * 2);
      out.ensure(valueBytes);
      for (let b = 0; b < valueBytes; b++) out.bytes[out.length++] = (first >>> (8 * b)) & 0xff;
      i += run;
    } else {
      if (packedGroups === 0) packedStart = i;
      packedGroups++;
      i += 8;
    }
  }
  if (packedGroups > 0) writePackedGroups(out, values, count, packedStart, packedGroups, bitWidth);
}

function writePackedGroups(
  out: ByteBuffer,
  values: ArrayLike<number>,
  count: number,
  start: number,
  groups: number,
  bitWidth: number,
): void {
  out.varint(groups * 2 + 1);
  const total = groups * bitWidth;
  out.ensure(total);
  const bytes = out.bytes;
  let at = out.length;
  const end = start + groups * 8;
  // Bits accumulate little-endian in a 32-bit word (bit widths here are at most 24).
  let word = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    // Values past `count` pad the last group with zeros.
    const value = i < count ? (values[i] ?? 0) : 0;
    word |= value << bits;
    bits += bitWidth;
    while (bits >= 8) {
      bytes[at++] = word & 0xff;
      word >>>= 8;
      bits -= 8;
    }
  }
  out.length = at;
}
