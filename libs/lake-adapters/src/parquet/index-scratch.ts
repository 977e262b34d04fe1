/**
 * Reusable index arrays for the encoder's dictionary pages: `take(n)` gives `n` slots, valid until
 * the next `take`, without allocating (and zeroing) a fresh array per column and row group.
 */
export class IndexScratch {
  private indices = new Uint32Array(1 << 15);
  private flags = new Uint8Array(1 << 12);

  /** `count` slots, not cleared: the caller writes every one it reads. */
  take(count: number): Uint32Array {
    if (count > this.indices.length) this.indices = new Uint32Array(roomFor(count));
    return this.indices.subarray(0, count);
  }

  /** `count` flags, all cleared. */
  takeFlags(count: number): Uint8Array {
    if (count > this.flags.length) this.flags = new Uint8Array(roomFor(count));
    const flags = this.flags.subarray(0, count);
    flags.fill(0);
    return flags;
  }
}

function roomFor(count: number): number {
  let capacity = 1024;
  while (capacity < count) capacity *= 2;
  return capacity;
}
