import { createRng, hash32 } from './random';

describe('createRng', () => {
  it('is a pure function of its key', () => {
    const draw = (...key: (string | number)[]) => {
      const rng = createRng(...key);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(1, 'a', 3)).toEqual(draw(1, 'a', 3));
    expect(draw(1, 'a', 3)).not.toEqual(draw(1, 'a', 4));
    expect(draw(1, 'ab')).not.toEqual(draw(1, 'a', 'b'));
    expect(hash32(1, 'a')).toBe(hash32(1, 'a'));
  });

  it('draws integers in the inclusive range, roughly uniformly', () => {
    const rng = createRng('uniform');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i += 1) {
      const value = rng.int(0, 3);
      counts[value] = (counts[value] ?? 0) + 1;
    }
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});
