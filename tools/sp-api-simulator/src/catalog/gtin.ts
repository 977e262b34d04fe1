/**
 * Identifier types Amazon's catalog index matches as GTINs: a search by any of them finds an item
 * whose UPC, EAN, JAN, ISBN or GTIN is the same number (models issue #264: "all GTIN-compatible
 * identifiers are converted to GTINs"), so an EAN search with a UPC's digits finds the item too.
 */
export const GTIN_IDENTIFIER_TYPES: ReadonlySet<string> = new Set([
  'EAN',
  'GTIN',
  'ISBN',
  'JAN',
  'UPC',
]);

/** The GS1 check digit (mod 10, weights 3 and 1 from the right) of a digit string. */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** The ISBN-10 of a `978` ISBN-13 (mod 11 check, `X` for 10); `979` ISBNs have none. */
export function isbn10Of(isbn13: string): string | undefined {
  if (!/^978\d{10}$/.test(isbn13)) return undefined;
  const body = isbn13.slice(3, 12);
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(body[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return `${body}${check === 10 ? 'X' : String(check)}`;
}

/**
 * The 14-digit GTIN an identifier of a GTIN-compatible type stands for: 8, 12, 13 or 14 digits
 * left-padded with zeros; a valid ISBN-10 becomes its `978` ISBN-13 first. Undefined when the value
 * is not such a number (no match, as Amazon finds nothing for it).
 */
export function gtin14Of(value: string): string | undefined {
  if (/^\d{9}[\dX]$/i.test(value)) {
    const body = `978${value.slice(0, 9)}`;
    const isbn13 = `${body}${gs1CheckDigit(body)}`;
    return isbn10Of(isbn13) === value.toUpperCase() ? `0${isbn13}` : undefined;
  }
  return /^(\d{8}|\d{12,14})$/.test(value) ? value.padStart(14, '0') : undefined;
}
