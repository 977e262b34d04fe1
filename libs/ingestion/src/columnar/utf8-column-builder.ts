import type { ColumnVector } from '@spapi-lake/lake';
import { grown } from './column-builders';
import { type DocumentText, grownBytes } from './document-text';
import { RECENT_MAX_BYTES, RecentCells } from './recent-cells';

// A column stops building a dictionary once it has this many entries and they are more than half
// its rows so far: unique values (order ids, SKUs) are then stored as plain values.
const DICTIONARY_TRIAL_ENTRIES = 1024;
const MAX_DICTIONARY_ENTRIES = 1 << 15;
const MAX_DICTIONARY_BYTES = 1 << 20;

const utf8Encoder = new TextEncoder();

/**
 * The string cells of one column of one partition, kept the way Parquet stores them, without a JS
 * string per cell: while the column repeats itself, an index per row into a dictionary whose
 * entries are already a PLAIN-encoded dictionary page (found by hashing the cell's UTF-8 bytes);
 * otherwise the PLAIN-encoded values themselves. Cells come as ranges of document bytes and are
 * transcoded to UTF-8 only when they are not ASCII. The dictionary lasts for the file; rows are
 * cleared after each row group. A row may be written again (an abandoned row is overwritten).
 */
export class Utf8ColumnBuilder {
  present: Uint8Array;
  private ids: Int32Array;
  /** Plain values: where each row's value ends in `values` (a null row ends where the last did). */
  private valueEnds: Int32Array;
  private values: Uint8Array = new Uint8Array(4096);
  // The dictionary's state, set by `reset`.
  private dictionary!: boolean;
  private count!: number;
  /** The dictionary page: 4-byte length and UTF-8 bytes per entry. */
  private entries!: Uint8Array;
  private entriesLength!: number;
  private entryOffsets!: Int32Array;
  private entryHashes!: Int32Array;
  private table!: Int32Array;
  private rowsSeen!: number;
  /** The last array `setEncoded` stored, and its entry. */
  private lastEncoded: Uint8Array | undefined;
  private lastEncodedEntry!: number;
  private scratch: Uint8Array = new Uint8Array(256);
  private readonly recent = new RecentCells();

  constructor(
    private readonly text: DocumentText,
    capacity: number,
  ) {
    this.present = new Uint8Array(capacity);
    this.ids = new Int32Array(capacity);
    this.valueEnds = new Int32Array(capacity);
    this.reset();
  }

  /** Starts over as a new builder would, keeping its buffers (and their room). */
  reset(): void {
    this.dictionary = true;
    this.count = 0;
    this.entries = new Uint8Array(4096);
    this.entriesLength = 0;
    this.entryOffsets = new Int32Array(257);
    this.entryHashes = new Int32Array(256);
    this.table = new Int32Array(1024);
    this.rowsSeen = 0;
    this.lastEncoded = undefined;
    this.lastEncodedEntry = 0;
    this.recent.clear();
  }

  /** Makes room for `capacity` rows. */
  resize(capacity: number): void {
    this.present = grown(this.present, new Uint8Array(capacity));
    this.ids = grown(this.ids, new Int32Array(capacity));
    this.valueEnds = grown(this.valueEnds, new Int32Array(capacity));
  }

  setNull(row: number): void {
    this.present[row] = 0;
    if (!this.dictionary) this.valueEnds[row] = row === 0 ? 0 : (this.valueEnds[row - 1] ?? 0);
  }

  /**
   * Row `row` is `bytes[start..end)` (not empty). False when the bytes are not valid text in the
   * document's charset: the caller hands the line to the slow path.
   */
  set(row: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (!this.dictionary) return this.setPlain(row, bytes, start, end);
    const length = end - start;
    if (length > RECENT_MAX_BYTES) return this.setHashed(row, bytes, start, end);
    const entry = this.recent.find(bytes, start, end);
    if (entry >= 0) {
      // The same document bytes always become the same entry (the charsets decode one way).
      this.present[row] = 1;
      this.ids[row] = entry;
      this.rowsSeen++;
      return true;
    }
    if (!this.setHashed(row, bytes, start, end)) return false;
    if (this.dictionary) this.recent.remember(bytes, start, end, this.ids[row] ?? 0);
    return true;
  }

  /**
   * Rows `slot..slot + rows)` are the cells whose bounds `records` holds at `at`, `at + stride`, ...
   * (start, end; empty is null). Returns how many rows were set before a cell that is not valid
   * text in the document's charset (`rows` if none).
   */
  setRun(
    slot: number,
    bytes: Uint8Array,
    records: Int32Array,
    at: number,
    stride: number,
    rows: number,
  ): number {
    let k = 0;
    // A cell equal to the one before it (columns often repeat a value for many rows) takes its
    // entry without a look-up.
    let previousStart = 0;
    let previousLength = -1;
    let previousEntry = 0;
    for (let r = at; k < rows && this.dictionary; k++, r += stride) {
      const s = records[r] as number;
      const e = records[r + 1] as number;
      const row = slot + k;
      if (s === e) {
        this.setNull(row);
        continue;
      }
      const length = e - s;
      if (length === previousLength) {
        let i = 0;
        while (i < length && bytes[s + i] === bytes[previousStart + i]) i++;
        if (i === length) {
          this.present[row] = 1;
          this.ids[row] = previousEntry;
          this.rowsSeen++;
          continue;
        }
      }
      if (!this.set(row, bytes, s, e)) return k;
      previousStart = s;
      previousLength = this.dictionary ? length : -1;
      previousEntry = this.ids[row] ?? 0;
    }
    if (k === rows) return rows;
    // Plain values: the builder's fields read once for the rest of the run.
    const { present, valueEnds } = this;
    let to = slot + k === 0 ? 0 : (valueEnds[slot + k - 1] ?? 0);
    for (let r = at + k * stride; k < rows; k++, r += stride) {
      const s = records[r] as number;
      const e = records[r + 1] as number;
      const row = slot + k;
      if (s !== e) {
        to = this.appendPlain(to, bytes, s, e);
        if (to < 0) return k;
      }
      present[row] = s === e ? 0 : 1;
      valueEnds[row] = to;
    }
    return rows;
  }

  private setHashed(row: number, bytes: Uint8Array, start: number, end: number): boolean {
    let hash = 0x811c9dc5;
    let seen = 0;
    for (let i = start; i < end; i++) {
      const byte = bytes[i] ?? 0;
      seen |= byte;
      hash = Math.imul(hash ^ byte, 16_777_619);
    }
    if (seen < 0x80) return this.setUtf8(row, bytes, start, end, hash);
    // Not ASCII: transcoded first, then stored like any UTF-8.
    const needed = this.text.utf8Capacity(end - start);
    if (needed > this.scratch.length) this.scratch = grownBytes(this.scratch, needed);
    const written = this.text.writeUtf8(bytes, start, end, this.scratch, 0);
    if (written < 0) return false;
    return this.setUtf8(row, this.scratch, 0, written, hashOf(this.scratch, 0, written));
  }

  /** Row `row` is `value` (constants and the slow path). */
  setString(row: number, value: string): void {
    const utf8 = utf8Encoder.encode(value);
    if (utf8.length === 0) {
      // The empty string, not null: stored as a zero-length value.
      this.setUtf8(row, utf8, 0, 0, hashOf(utf8, 0, 0));
      return;
    }
    this.setUtf8(row, utf8, 0, utf8.length, hashOf(utf8, 0, utf8.length));
  }

  /** Row `row` is the UTF-8 `utf8` (not empty; an array that never changes, such as a constant). */
  setEncoded(row: number, utf8: Uint8Array): void {
    // A constant (the same array on every row) finds its entry without hashing it again.
    if (this.dictionary && utf8 === this.lastEncoded) {
      this.present[row] = 1;
      this.ids[row] = this.lastEncodedEntry;
      this.rowsSeen++;
      return;
    }
    this.setUtf8(row, utf8, 0, utf8.length, hashOf(utf8, 0, utf8.length));
    if (this.dictionary) {
      this.lastEncoded = utf8;
      this.lastEncodedEntry = this.ids[row] ?? 0;
    }
  }

  /** Rows `slot..slot + rows)` are all the UTF-8 `utf8` (a constant, as in `setEncoded`). */
  setEncodedRun(slot: number, rows: number, utf8: Uint8Array): void {
    if (rows === 0) return;
    this.setEncoded(slot, utf8);
    if (!this.dictionary) {
      for (let row = slot + 1; row < slot + rows; row++) this.setEncoded(row, utf8);
      return;
    }
    // A value already in the dictionary: no new entry, so the dictionary stays.
    this.present.fill(1, slot + 1, slot + rows);
    this.ids.fill(this.lastEncodedEntry, slot + 1, slot + rows);
    this.rowsSeen += rows - 1;
  }

  vector(rows: number): ColumnVector {
    if (this.dictionary) {
      return {
        kind: 'dictionary',
        present: this.present,
        ids: this.ids,
        count: this.count,
        entries: this.entries.subarray(0, this.entriesLength),
        entryOffsets: this.entryOffsets.subarray(0, this.count + 1),
      };
    }
    let end = 0;
    for (let row = rows - 1; row >= 0; row--) {
      if (this.present[row] !== 0) {
        end = this.valueEnds[row] ?? 0;
        break;
      }
    }
    return { kind: 'plain-bytes', present: this.present, values: this.values.subarray(0, end) };
  }

  private setUtf8(
    row: number,
    utf8: Uint8Array,
    start: number,
    end: number,
    hash: number,
  ): boolean {
    this.present[row] = 1;
    if (this.dictionary) {
      this.ids[row] = this.entryOf(utf8, start, end, hash);
      this.rowsSeen++;
      if (
        this.count > MAX_DICTIONARY_ENTRIES ||
        this.entriesLength > MAX_DICTIONARY_BYTES ||
        (this.count > DICTIONARY_TRIAL_ENTRIES && this.count * 2 > this.rowsSeen)
      ) {
        this.leaveDictionary(row);
      }
      return true;
    }
    this.writeValue(row, utf8, start, end);
    return true;
  }

  private setPlain(row: number, bytes: Uint8Array, start: number, end: number): boolean {
    const to = this.appendPlain(row === 0 ? 0 : (this.valueEnds[row - 1] ?? 0), bytes, start, end);
    if (to < 0) return false;
    this.present[row] = 1;
    this.valueEnds[row] = to;
    return true;
  }

  // Plain values need no hash: the cell's bytes are copied to `at` behind their length, and
  // transcoded only when they are not ASCII. Returns where the value ends, or -1 for invalid text.
  private appendPlain(at: number, bytes: Uint8Array, start: number, end: number): number {
    const capacity = this.text.utf8Capacity(end - start);
    if (at + 4 + capacity > this.values.length) {
      this.values = grownBytes(this.values, at + 4 + capacity);
    }
    const values = this.values;
    let to = at + 4;
    let seen = 0;
    for (let i = start; i < end; i++) {
      const byte = bytes[i] ?? 0;
      seen |= byte;
      values[to++] = byte;
    }
    if (seen >= 0x80) {
      to = this.text.writeUtf8(bytes, start, end, values, at + 4);
      if (to < 0) return -1;
    }
    writeLength(values, at, to - at - 4);
    return to;
  }

  private writeValue(row: number, utf8: Uint8Array, start: number, end: number): void {
    const at = row === 0 ? 0 : (this.valueEnds[row - 1] ?? 0);
    const length = end - start;
    if (at + 4 + length > this.values.length) {
      this.values = grownBytes(this.values, at + 4 + length);
    }
    const values = this.values;
    writeLength(values, at, length);
    let to = at + 4;
    for (let i = start; i < end; i++) values[to++] = utf8[i] ?? 0;
    this.valueEnds[row] = to;
  }

  // From now on (for the rest of the file) plain values; rows so far get theirs from the dictionary.
  private leaveDictionary(lastRow: number): void {
    this.dictionary = false;
    for (let row = 0; row <= lastRow; row++) {
      if (this.present[row] === 0) {
        this.valueEnds[row] = row === 0 ? 0 : (this.valueEnds[row - 1] ?? 0);
        continue;
      }
      const entry = this.ids[row] ?? 0;
      const from = (this.entryOffsets[entry] ?? 0) + 4;
      this.writeValue(row, this.entries, from, this.entryOffsets[entry + 1] ?? 0);
    }
    this.entries = new Uint8Array(0);
    this.entriesLength = 0;
    this.entryOffsets = new Int32Array(1);
    this.entryHashes = new Int32Array(0);
    this.table = new Int32Array(0);
    this.count = 0;
  }

  private entryOf(utf8: Uint8Array, start: number, end: number, hash: number): number {
    const table = this.table;
    const mask = table.length - 1;
    let slot = hash & mask;
    const length = end - start;
    const entries = this.entries;
    for (;;) {
      const entry = (table[slot] ?? 0) - 1;
      if (entry < 0) break;
      if (this.entryHashes[entry] === hash) {
        const from = (this.entryOffsets[entry] ?? 0) + 4;
        if ((this.entryOffsets[entry + 1] ?? 0) - from === length) {
          let k = 0;
          while (k < length && entries[from + k] === utf8[start + k]) k++;
          if (k === length) return entry;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(utf8, start, end, hash, slot);
  }

  private insert(utf8: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const entry = this.count++;
    if (entry + 1 >= this.entryOffsets.length) {
      this.entryOffsets = grown(this.entryOffsets, new Int32Array(this.entryOffsets.length * 2));
      this.entryHashes = grown(this.entryHashes, new Int32Array(this.entryHashes.length * 2));
    }
    const length = end - start;
    const at = this.entriesLength;
    if (at + 4 + length > this.entries.length) {
      this.entries = grownBytes(this.entries, at + 4 + length);
    }
    const entries = this.entries;
    writeLength(entries, at, length);
    entries.set(utf8.subarray(start, end), at + 4);
    this.entriesLength = at + 4 + length;
    this.entryOffsets[entry] = at;
    this.entryOffsets[entry + 1] = this.entriesLength;
    this.entryHashes[entry] = hash;
    this.table[slot] = entry + 1;
    // Keep the table at most half full.
    if (this.count * 2 > this.table.length) this.rehash();
    return entry;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = (this.entryHashes[entry] ?? 0) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = entry + 1;
    }
    this.table = table;
  }
}

// PLAIN BYTE_ARRAY's length prefix: 4 bytes, little-endian.
function writeLength(bytes: Uint8Array, at: number, length: number): void {
  bytes[at] = length & 0xff;
  bytes[at + 1] = (length >>> 8) & 0xff;
  bytes[at + 2] = (length >>> 16) & 0xff;
  bytes[at + 3] = length >>> 24;
}

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] ?? 0), 16_777_619);
  return hash;
}
