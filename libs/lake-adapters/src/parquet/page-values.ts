import type { ColumnVector, ParquetColumn } from '@spapi-lake/lake';
import { decimalByteWidth } from '../parquet-schema';
import { ByteBuffer, writeInt64 } from './byte-buffer';
import type { IndexScratch } from './index-scratch';
import type { EncoderScratch } from './column-chunk';

// The values of one page in their PLAIN form (or a dictionary's entries and indices), with the
// statistics Parquet keeps for them.

const MAX_DICTIONARY_ENTRIES = 1 << 16;
const MAX_DICTIONARY_BYTES = 1 << 20;
const DICTIONARY_PROBE = 1024;

// Numeric columns that repeat a few values (constant amounts, quantities, lineage) are stored as
// a dictionary: judged on their first values, kept only while the dictionary stays small.
const NUMERIC_DICTIONARY_PROBE = 512;
const NUMERIC_DICTIONARY_PROBE_DISTINCT = 32;
const MAX_NUMERIC_DICTIONARY_ENTRIES = 4096;

export function numericDictionary(
  column: ParquetColumn,
  vector: Extract<ColumnVector, { kind: 'int32' | 'float64' | 'decimal' }>,
  rows: number,
  scratch: IndexScratch,
): { entries: number[]; indices: Uint32Array } | undefined {
  // Doubles keep their exact bits (a Map would merge -0 into 0); exact decimals are rare.
  if (column.type === 'double' || (vector.kind === 'decimal' && vector.exact.size > 0)) {
    return undefined;
  }
  const { present, values } = vector;
  const probe = new Set<number>();
  let probed = 0;
  for (let i = 0; i < rows && probed < NUMERIC_DICTIONARY_PROBE; i++) {
    if (present[i] === 0) continue;
    probe.add(values[i] ?? 0);
    probed++;
  }
  if (probed === 0 || probe.size > NUMERIC_DICTIONARY_PROBE_DISTINCT) return undefined;
  const entries: number[] = [];
  const index = new Map<number, number>();
  const indices = scratch.take(rows);
  let n = 0;
  let last = Number.NaN;
  let lastIndex = 0;
  for (let i = 0; i < rows; i++) {
    if (present[i] === 0) continue;
    const value = values[i] ?? 0;
    if (value !== last) {
      let found = index.get(value);
      if (found === undefined) {
        found = entries.length;
        if (found >= MAX_NUMERIC_DICTIONARY_ENTRIES) return undefined;
        entries.push(value === 0 ? 0 : value);
        index.set(value, found);
      }
      last = value;
      lastIndex = found;
    }
    indices[n++] = lastIndex;
  }
  return { entries, indices: indices.subarray(0, n) };
}

export function allPresent(count: number): Uint8Array {
  return new Uint8Array(count).fill(1);
}

export function encodeNumbers(
  out: ByteBuffer,
  column: ParquetColumn,
  kind: 'int32' | 'float64' | 'decimal',
  numbers: Int32Array | Float64Array,
  present: Uint8Array,
  rows: number,
  exact: ReadonlyMap<number, bigint>,
): { min: Uint8Array; max: Uint8Array } | undefined {
  if (kind === 'int32') return encodeInt32(out, numbers as Int32Array, present, rows);
  if (kind === 'decimal') {
    return encodeDecimal(
      out,
      numbers as Float64Array,
      exact,
      present,
      rows,
      decimalByteWidth(column.precision ?? 18),
    );
  }
  return column.type === 'double'
    ? encodeDouble(out, numbers as Float64Array, present, rows)
    : encodeInt64(out, numbers as Float64Array, present, rows);
}

export function encodeStrings(
  strings: readonly string[],
  present: Uint8Array,
  rows: number,
  nonNull: number,
  scratch: EncoderScratch,
): {
  dictionary: { count: number; indices: Uint32Array } | undefined;
  stats: { min: Uint8Array; max: Uint8Array } | undefined;
} {
  const dictionary = scratch.dictionary;
  dictionary.reset();
  if (nonNull > 0 && worthADictionary(strings, present, rows)) {
    const entries = new Map<string, number>();
    const indices = scratch.indices.take(nonNull);
    const offsets: number[] = [];
    let n = 0;
    let fits = true;
    for (let i = 0; i < rows; i++) {
      if (present[i] === 0) continue;
      const value = strings[i] ?? '';
      let index = entries.get(value);
      if (index === undefined) {
        index = entries.size;
        if (index >= MAX_DICTIONARY_ENTRIES || dictionary.length > MAX_DICTIONARY_BYTES) {
          fits = false;
          break;
        }
        entries.set(value, index);
        offsets.push(dictionary.length);
        dictionary.lengthPrefixedUtf8(value);
      }
      indices[n++] = index;
    }
    if (fits) {
      offsets.push(dictionary.length);
      return {
        dictionary: { count: entries.size, indices },
        stats: dictionaryBounds(dictionary, offsets),
      };
    }
    dictionary.reset();
  }
  const values = scratch.values;
  for (let i = 0; i < rows; i++) if (present[i] !== 0) values.lengthPrefixedUtf8(strings[i] ?? '');
  return { dictionary: undefined, stats: undefined };
}

// A dictionary pays when values repeat: judged on the first values, so unique columns (order
// ids, SKUs) skip building a map they would throw away.
function worthADictionary(strings: readonly string[], present: Uint8Array, rows: number): boolean {
  const seen = new Set<string>();
  let probed = 0;
  for (let i = 0; i < rows && probed < DICTIONARY_PROBE; i++) {
    if (present[i] === 0) continue;
    seen.add(strings[i] ?? '');
    probed++;
  }
  return seen.size * 2 <= probed;
}

// Min and max of the dictionary's values (those `used` marks, when given), compared as unsigned
// bytes (Parquet's order for UTF8).
export function dictionaryBounds(
  dictionary: ByteBuffer,
  offsets: ArrayLike<number>,
  used?: Uint8Array,
): { min: Uint8Array; max: Uint8Array } {
  const bytes = dictionary.bytes;
  const valueOf = (k: number) => bytes.subarray((offsets[k] ?? 0) + 4, offsets[k + 1] ?? 0);
  let min: Uint8Array | undefined;
  let max: Uint8Array | undefined;
  for (let k = 0; k < offsets.length - 1; k++) {
    if (used && used[k] === 0) continue;
    const value = valueOf(k);
    if (!min || Buffer.compare(value, min) < 0) min = value;
    if (!max || Buffer.compare(value, max) > 0) max = value;
  }
  return { min: (min ?? valueOf(0)).slice(), max: (max ?? valueOf(0)).slice() };
}

function encodeInt32(
  out: ByteBuffer,
  values: Int32Array,
  present: Uint8Array,
  rows: number,
): { min: Uint8Array; max: Uint8Array } | undefined {
  out.ensure(rows * 4);
  let min = Infinity;
  let max = -Infinity;
  const view = out.view;
  let at = out.length;
  for (let i = 0; i < rows; i++) {
    if (present[i] === 0) continue;
    const value = values[i] ?? 0;
    view.setInt32(at, value, true);
    at += 4;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  out.length = at;
  if (min > max) return undefined;
  const bounds = new ByteBuffer(8);
  bounds.i32(min);
  bounds.i32(max);
  return { min: bounds.bytes.slice(0, 4), max: bounds.bytes.slice(4, 8) };
}

function encodeInt64(
  out: ByteBuffer,
  values: Float64Array,
  present: Uint8Array,
  rows: number,
): { min: Uint8Array; max: Uint8Array } | undefined {
  out.ensure(rows * 8);
  let min = Infinity;
  let max = -Infinity;
  const view = out.view;
  let at = out.length;
  for (let i = 0; i < rows; i++) {
    if (present[i] === 0) continue;
    const value = values[i] ?? 0;
    writeInt64(view, at, value);
    at += 8;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  out.length = at;
  if (min > max) return undefined;
  const bounds = new ByteBuffer(16);
  bounds.i64(min);
  bounds.i64(max);
  return { min: bounds.bytes.slice(0, 8), max: bounds.bytes.slice(8, 16) };
}

function encodeDouble(
  out: ByteBuffer,
  values: Float64Array,
  present: Uint8Array,
  rows: number,
): { min: Uint8Array; max: Uint8Array } | undefined {
  out.ensure(rows * 8);
  let min = Infinity;
  let max = -Infinity;
  let nan = false;
  const view = out.view;
  let at = out.length;
  for (let i = 0; i < rows; i++) {
    if (present[i] === 0) continue;
    const value = values[i] ?? 0;
    view.setFloat64(at, value, true);
    at += 8;
    if (value < min) min = value;
    if (value > max) max = value;
    if (value !== value) nan = true;
  }
  out.length = at;
  if (nan || min > max) return undefined;
  const bounds = new ByteBuffer(16);
  bounds.f64(min);
  bounds.f64(max);
  return { min: bounds.bytes.slice(0, 8), max: bounds.bytes.slice(8, 16) };
}

export function encodeBoolean(
  out: ByteBuffer,
  values: Uint8Array,
  present: Uint8Array,
  rows: number,
): { min: Uint8Array; max: Uint8Array } | undefined {
  out.ensure(Math.ceil(rows / 8));
  const bytes = out.bytes;
  const base = out.length;
  bytes.fill(0, base, base + Math.ceil(rows / 8));
  let bit = 0;
  let seenTrue = false;
  let seenFalse = false;
  for (let i = 0; i < rows; i++) {
    if (present[i] === 0) continue;
    if (values[i]) {
      bytes[base + (bit >> 3)] = (bytes[base + (bit >> 3)] ?? 0) | (1 << (bit & 7));
      seenTrue = true;
    } else seenFalse = true;
    bit++;
  }
  out.length = base + ((bit + 7) >> 3);
  if (!seenTrue && !seenFalse) return undefined;
  return {
    min: Uint8Array.of(seenFalse ? 0 : 1),
    max: Uint8Array.of(seenTrue ? 1 : 0),
  };
}

const TWO_32 = 4_294_967_296;

// FIXED_LEN_BYTE_ARRAY decimals: big-endian two's complement, `width` bytes.
function encodeDecimal(
  out: ByteBuffer,
  values: Float64Array,
  exact: ReadonlyMap<number, bigint>,
  present: Uint8Array,
  rows: number,
  width: number,
): { min: Uint8Array; max: Uint8Array } | undefined {
  out.ensure(rows * width);
  let min: number | bigint = Infinity;
  let max: number | bigint = -Infinity;
  let any = false;
  for (let i = 0; i < rows; i++) {
    if (present[i] === 0) continue;
    any = true;
    const big = exact.size > 0 ? exact.get(i) : undefined;
    if (big !== undefined) {
      writeBigDecimal(out, big, width);
      if (big < min) min = big;
      if (big > max) max = big;
      continue;
    }
    const value = values[i] ?? 0;
    writeDecimal(out, value, width);
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (!any) return undefined;
  const bounds = new ByteBuffer(2 * width);
  boundWrite(bounds, min, width);
  boundWrite(bounds, max, width);
  return { min: bounds.bytes.slice(0, width), max: bounds.bytes.slice(width, 2 * width) };
}

function boundWrite(out: ByteBuffer, value: number | bigint, width: number): void {
  if (typeof value === 'bigint') writeBigDecimal(out, value, width);
  else writeDecimal(out, value, width);
}

function writeDecimal(out: ByteBuffer, value: number, width: number): void {
  // The low 32 bits of the integer (two's complement), as in writeInt64.
  const low = value >>> 0;
  const high = (value - low) / TWO_32;
  const bytes = out.bytes;
  let at = out.length;
  if (width >= 8) {
    const fill = high < 0 ? 0xff : 0;
    for (let k = 8; k < width; k++) bytes[at++] = fill;
    out.view.setInt32(at, high, false);
    out.view.setUint32(at + 4, low, false);
    out.length = at + 8;
    return;
  }
  // Narrow decimals (precision <= 16): the low `width` bytes of the 64-bit form.
  const scratch = new DataView(new ArrayBuffer(8));
  scratch.setInt32(0, high, false);
  scratch.setUint32(4, low, false);
  for (let k = 8 - width; k < 8; k++) bytes[at++] = scratch.getUint8(k);
  out.length = at;
}

function writeBigDecimal(out: ByteBuffer, value: bigint, width: number): void {
  let rest = BigInt.asUintN(width * 8, value);
  const bytes = out.bytes;
  for (let k = width - 1; k >= 0; k--) {
    bytes[out.length + k] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  out.length += width;
}
