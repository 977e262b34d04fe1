import { gtin14Of, unmatchedIdentifiers } from './unmatched-identifiers';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

const item = (asin: string, marketplaceId: string, identifiers: [string, string][]) => ({
  asin,
  identifiers: [
    {
      marketplaceId,
      identifiers: identifiers.map(([identifierType, identifier]) => ({
        identifierType,
        identifier,
      })),
    },
  ],
});

describe('unmatchedIdentifiers', () => {
  it('matches ISBN-13, ISBN-10 and hyphenated ISBNs by GTIN, whatever type the item lists them under', () => {
    const book = item('0306406152', US, [['EAN', '9780306406157']]);
    expect(
      unmatchedIdentifiers(
        'ISBN',
        ['9780306406157', '0306406152', '978-0-306-40615-7', '9781234567897', 'not-an-isbn'],
        [book],
        US,
      ),
    ).toEqual(['9781234567897', 'not-an-isbn']);
  });

  it('matches a JAN, UPC or EAN of the same number, and only identifiers of the marketplace', () => {
    const product = item('B0AAAAAAAA', US, [
      ['UPC', '012345678905'],
      ['EAN', '0012345678905'],
    ]);
    expect(unmatchedIdentifiers('JAN', ['0012345678905', '4901234567894'], [product], US)).toEqual([
      '4901234567894',
    ]);
    expect(unmatchedIdentifiers('UPC', ['012345678905'], [product], DE)).toEqual(['012345678905']);
  });

  it('tells ASINs by the items, everything when nothing came back, and nothing it cannot know', () => {
    const found = { asin: 'B0AAAAAAAA' };
    expect(unmatchedIdentifiers('ASIN', ['B0AAAAAAAA', 'B0BBBBBBBB'], [found], US)).toEqual([
      'B0BBBBBBBB',
    ]);
    expect(unmatchedIdentifiers('SKU', ['a', 'b'], [], US)).toEqual(['a', 'b']);
    expect(unmatchedIdentifiers('SKU', ['a', 'b'], [found], US)).toBeUndefined();
    // Without the identifiers dataset an ISBN search cannot be mapped back.
    expect(unmatchedIdentifiers('ISBN', ['9780306406157', 'x'], [found], US)).toBeUndefined();
  });
});

describe('gtin14Of', () => {
  it('pads UPC, EAN and GTIN-8 numbers and converts valid ISBN-10s', () => {
    expect(gtin14Of('012345678905')).toBe('00012345678905');
    expect(gtin14Of('4006381333931')).toBe('04006381333931');
    expect(gtin14Of('96385074')).toBe('00000096385074');
    expect(gtin14Of('080442957X')).toBe('09780804429573');
    expect(gtin14Of('0306406153')).toBeUndefined();
    expect(gtin14Of('12345')).toBeUndefined();
  });
});
