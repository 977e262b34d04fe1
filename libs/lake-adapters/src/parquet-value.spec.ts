import { ParquetRowError } from '@spapi-lake/lake';
import { valueConverter } from './parquet-value';

describe('valueConverter', () => {
  const date = valueConverter({ name: 'day', type: 'date', nullable: true });
  const price = valueConverter({
    name: 'price',
    type: 'decimal',
    nullable: false,
    precision: 5,
    scale: 2,
  });

  it('turns calendar dates into days since the epoch, leap years included', () => {
    expect(
      ['1970-01-01', '1969-12-31', '2024-02-29', '2000-02-29', '0024-02-29'].map(date),
    ).toEqual([
      0,
      -1,
      19_782,
      11_016,
      Math.round((Date.parse('0024-02-29T00:00:00Z') - 0) / 86_400_000),
    ]);
    expect(date(new Date('2024-02-29T23:59:59Z'))).toBe(19_782);
    expect(date(null)).toBeNull();
  });

  it.each(['1900-02-29', '2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '24-01-01'])(
    'rejects the non-date %s',
    (text) => {
      expect(() => date(text)).toThrow(ParquetRowError);
    },
  );

  it('scales decimals exactly and refuses to round or overflow', () => {
    expect(['1.5', '-999.99', '+0.10', '.5', '12e1', '0'].map(price)).toEqual([
      150n,
      -99_999n,
      10n,
      50n,
      12_000n,
      0n,
    ]);
    expect(price(19.99)).toBe(1999n);
    expect(() => price('0.125')).toThrow(ParquetRowError);
    expect(() => price('1000.00')).toThrow(ParquetRowError);
    expect(() => price(Number.NaN)).toThrow(ParquetRowError);
    expect(() => price('')).toThrow(ParquetRowError);
  });
});
