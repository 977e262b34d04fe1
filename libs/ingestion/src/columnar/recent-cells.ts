// Recently seen cells of one column, by their document bytes: a low-cardinality column finds most
// of its cells here by comparing bytes, without hashing or transcoding them. Two slots per set, so
// that two values that fall in the same set do not keep evicting each other.
const SET_BITS = 5;
const SLOTS = 2 << SET_BITS;
/** Longer cells are not kept. */
export const RECENT_MAX_BYTES = 48;

/** A small cache from a cell's document bytes to its dictionary entry. */
export class RecentCells {
  private readonly bytes = new Uint8Array(SLOTS * RECENT_MAX_BYTES);
  private readonly lengths = new Int32Array(SLOTS).fill(-1);
  private readonly entries = new Int32Array(SLOTS);
  /** Per set, the slot (0 or 1) the next value takes: the one not used last. */
  private readonly victims = new Uint8Array(SLOTS >> 1);

  clear(): void {
    this.lengths.fill(-1);
    this.victims.fill(0);
  }

  /** The entry of the cell `bytes[start..end)` (at most RECENT_MAX_BYTES long), or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const set = setOf(bytes, start, end);
    for (let way = 0; way < 2; way++) {
      const slot = 2 * set + way;
      if (this.lengths[slot] !== length) continue;
      const at = slot * RECENT_MAX_BYTES;
      let k = 0;
      while (k < length && this.bytes[at + k] === bytes[start + k]) k++;
      if (k === length) {
        this.victims[set] = 1 - way;
        return this.entries[slot] ?? 0;
      }
    }
    return -1;
  }

  /** Keeps the cell `bytes[start..end)` (at most RECENT_MAX_BYTES long) as `entry`. */
  remember(bytes: Uint8Array, start: number, end: number, entry: number): void {
    const set = setOf(bytes, start, end);
    const way = this.victims[set] ?? 0;
    const slot = 2 * set + way;
    const at = slot * RECENT_MAX_BYTES;
    const length = end - start;
    for (let k = 0; k < length; k++) this.bytes[at + k] = bytes[start + k] ?? 0;
    this.lengths[slot] = length;
    this.entries[slot] = entry;
    this.victims[set] = 1 - way;
  }
}

// A set of slots from the cell's length and three of its bytes: cheap, and enough to tell apart
// the few values of a low-cardinality column.
function setOf(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  const first = bytes[start] ?? 0;
  const middle = bytes[start + (length >> 1)] ?? 0;
  const last = bytes[end - 1] ?? 0;
  return (
    Math.imul(length ^ (first << 8) ^ (middle << 16) ^ (last << 24), 0x9e3779b1) >>> (32 - SET_BITS)
  );
}
