import { valueConverter } from './parquet-value';

// Numbers take a fast path; it must agree with the exact text path on every value, including the
// ones it hands over (more fraction digits than the scale, floating-point noise, overflow).
describe('decimal converter for numbers', () => {
  const outcome = (convert: (value: number | string) => unknown, value: number | string) => {
    try {
      return convert(value);
    } catch (error) {
      return error instanceof Error ? error.name : 'thrown';
    }
  };

  it.each([
    { precision: 18, scale: 2 },
    { precision: 5, scale: 2 },
    { precision: 12, scale: 0 },
    { precision: 10, scale: 4 },
  ])('gives what the text of the number gives at precision $precision, scale $scale', (shape) => {
    const convert = valueConverter({ name: 'amount', type: 'decimal', nullable: false, ...shape });
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values: number[] = [0.1 + 0.2, -0, 1e21, 2 ** 53, 99_999.99, 999.995, 0.125, -0.5];
    for (let i = 0; i < 5_000; i++) {
      const digits = Math.floor(random() * 5);
      values.push(
        Number(
          (random() * 10 ** Math.floor(random() * 12) * (random() < 0.3 ? -1 : 1)).toFixed(digits),
        ),
      );
      values.push(random() * 1000);
    }
    for (const value of values) {
      expect([value, outcome(convert, value)]).toEqual([value, outcome(convert, String(value))]);
    }
  });
});
