import { IndexScratch } from './index-scratch';

describe('IndexScratch', () => {
  it('gives as many index slots as asked, growing past its first room', () => {
    const scratch = new IndexScratch();
    for (const count of [0, 5, 40_000, 3, 1 << 20]) {
      const indices = scratch.take(count);
      expect(indices).toHaveLength(count);
      indices.fill(7);
    }
    expect(scratch.take(3)).toEqual(Uint32Array.of(7, 7, 7));
  });

  it('gives flags cleared every time, whatever the last user left in them', () => {
    const scratch = new IndexScratch();
    scratch.takeFlags(10).fill(1);
    expect(scratch.takeFlags(6)).toEqual(new Uint8Array(6));
    scratch.takeFlags(9000).fill(1);
    expect(scratch.takeFlags(9000)).toEqual(new Uint8Array(9000));
  });
});
