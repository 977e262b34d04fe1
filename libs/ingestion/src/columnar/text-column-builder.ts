import type { ColumnVector } from '@spapi-lake/lake';

// A column stops building a dictionary once it has this many entries and they are more than half
// its rows so far: unique values (order ids, SKUs) are then stored as plain text ranges.
const DICTIONARY_TRIAL_ENTRIES = 1024;
const MAX_DICTIONARY_ENTRIES = 1 << 15;
const MAX_DICTIONARY_CHARS = 1 << 20;

/**
 * The string cells of one column of one partition, without a JS string per cell: each is a range
 * of the document text it came from, and, while the column repeats itself, an index into a
 * dictionary of UTF-16 code units found by hashing the range (so no cell allocates).
 */
export class TextColumnBuilder {
  present: Uint8Array;
  textIds: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  ids: Int32Array;
  texts: string[] = [];
  private lastText: string | undefined;
  private lastTextId = -1;
  private dictionary = true;
  private count = 0;
  private chars = new Uint16Array(4096);
  private charsLength = 0;
  private entryStarts = new Int32Array(256);
  private entryEnds = new Int32Array(256);
  private entryHashes = new Int32Array(256);
  private table = new Int32Array(1024);
  private rowsSeen = 0;

  constructor(private readonly maxCapacity: number) {
    const capacity = Math.min(1024, maxCapacity);
    this.present = new Uint8Array(capacity);
    this.textIds = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  reserve(row: number): void {
    if (row < this.present.length) return;
    const capacity = Math.min(this.maxCapacity, this.present.length * 2);
    this.present = grow(this.present, new Uint8Array(capacity));
    this.textIds = grow(this.textIds, new Int32Array(capacity));
    this.starts = grow(this.starts, new Int32Array(capacity));
    this.ends = grow(this.ends, new Int32Array(capacity));
    this.ids = grow(this.ids, new Int32Array(capacity));
  }

  setNull(row: number): void {
    this.present[row] = 0;
  }

  /** Row `row` is `text[start..end)`. */
  set(row: number, text: string, start: number, end: number): void {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastTextId = this.texts.push(text) - 1;
    }
    this.present[row] = 1;
    this.textIds[row] = this.lastTextId;
    this.starts[row] = start;
    this.ends[row] = end;
    if (this.dictionary) {
      this.ids[row] = this.entryOf(text, start, end);
      this.rowsSeen++;
      if (
        this.count > MAX_DICTIONARY_ENTRIES ||
        this.charsLength > MAX_DICTIONARY_CHARS ||
        (this.count > DICTIONARY_TRIAL_ENTRIES && this.count * 2 > this.rowsSeen)
      ) {
        this.dictionary = false;
      }
    }
  }

  vector(): ColumnVector {
    if (this.dictionary) {
      return {
        kind: 'dictionary',
        present: this.present,
        ids: this.ids,
        count: this.count,
        chars: this.chars,
        entryStarts: this.entryStarts,
        entryEnds: this.entryEnds,
      };
    }
    return {
      kind: 'text',
      present: this.present,
      texts: this.texts,
      textIds: this.textIds,
      starts: this.starts,
      ends: this.ends,
    };
  }

  /** Forgets the rows (after their row group is written); the dictionary stays for the file. */
  clearRows(): void {
    this.texts = [];
    this.lastText = undefined;
    this.lastTextId = -1;
  }

  private entryOf(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16_777_619);
    const table = this.table;
    const mask = table.length - 1;
    let slot = hash & mask;
    const length = end - start;
    for (;;) {
      const entry = (table[slot] ?? 0) - 1;
      if (entry < 0) break;
      if (this.entryHashes[entry] === hash) {
        const from = this.entryStarts[entry] ?? 0;
        if ((this.entryEnds[entry] ?? 0) - from === length) {
          let k = 0;
          while (k < length && this.chars[from + k] === text.charCodeAt(start + k)) k++;
          if (k === length) return entry;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(text, start, end, hash, slot);
  }

  private insert(text: string, start: number, end: number, hash: number, slot: number): number {
    const entry = this.count++;
    if (entry >= this.entryStarts.length) {
      this.entryStarts = grow(this.entryStarts, new Int32Array(this.entryStarts.length * 2));
      this.entryEnds = grow(this.entryEnds, new Int32Array(this.entryEnds.length * 2));
      this.entryHashes = grow(this.entryHashes, new Int32Array(this.entryHashes.length * 2));
    }
    const length = end - start;
    if (this.charsLength + length > this.chars.length) {
      let capacity = this.chars.length * 2;
      while (capacity < this.charsLength + length) capacity *= 2;
      this.chars = grow(this.chars, new Uint16Array(capacity));
    }
    for (let k = 0; k < length; k++) this.chars[this.charsLength + k] = text.charCodeAt(start + k);
    this.entryStarts[entry] = this.charsLength;
    this.entryEnds[entry] = this.charsLength + length;
    this.entryHashes[entry] = hash;
    this.charsLength += length;
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

function grow<T extends Uint8Array | Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
