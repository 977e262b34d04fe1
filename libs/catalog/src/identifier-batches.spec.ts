import { normaliseIdentifiers, parseIdentifierList, sliceInto } from './identifier-batches';

describe('identifier batches', () => {
  it('upper-cases ASINs and drops duplicates and blanks, keeping first-seen order', () => {
    expect(normaliseIdentifiers('ASIN', [' b0x ', 'B0Y', 'B0X', ''])).toEqual(['B0X', 'B0Y']);
    expect(normaliseIdentifiers('SKU', ['sku-a', 'SKU-A', 'sku-a'])).toEqual(['sku-a', 'SKU-A']);
  });

  it('drops the hyphens and spaces barcode numbers and ISBNs are printed with', () => {
    expect(
      normaliseIdentifiers('ISBN', ['978-0-306-40615-7', '9780306406157', '0-8044-2957-x']),
    ).toEqual(['9780306406157', '080442957X']);
    expect(normaliseIdentifiers('JAN', ['49 01234 56789 4'])).toEqual(['4901234567894']);
    expect(normaliseIdentifiers('MINSAN', ['012-345'])).toEqual(['012-345']);
  });

  it('cuts lists into slices of at most the size', () => {
    const ids = Array.from({ length: 45 }, (_, i) => `A${i}`);
    expect(sliceInto(ids, 20).map((slice) => slice.length)).toEqual([20, 20, 5]);
    expect(sliceInto([], 20)).toEqual([]);
    expect(() => sliceInto(ids, 0)).toThrow(RangeError);
  });

  it('reads identifier objects as JSON arrays or one per line', () => {
    expect(parseIdentifierList('["a","b"]')).toEqual(['a', 'b']);
    expect(parseIdentifierList('a\r\nb\n\n')).toEqual(['a', 'b']);
    expect(parseIdentifierList('[1,2]')).toBeUndefined();
    expect(parseIdentifierList('[oops')).toBeUndefined();
  });
});
