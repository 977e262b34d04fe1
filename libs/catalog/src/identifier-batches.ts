import type { CatalogIdentifierType } from './included-data';

// Barcode numbers, printed with hyphens or spaces (ISBN 978-3-16-148410-0), are digits to SP-API.
const NUMBER_TYPES: ReadonlySet<CatalogIdentifierType> = new Set([
  'EAN',
  'GTIN',
  'ISBN',
  'JAN',
  'UPC',
]);

/**
 * Identifiers as searchCatalogItems matches them: trimmed, ASINs (and an ISBN-10's `x`) upper-cased,
 * hyphens and spaces dropped from barcode numbers, duplicates and empty entries dropped, first
 * occurrence order kept.
 */
export function normaliseIdentifiers(
  identifiersType: CatalogIdentifierType,
  identifiers: readonly string[],
): string[] {
  const seen = new Set<string>();
  for (const raw of identifiers) {
    const trimmed = raw.trim();
    const identifier =
      identifiersType === 'ASIN'
        ? trimmed.toUpperCase()
        : NUMBER_TYPES.has(identifiersType)
          ? trimmed.replace(/[\s-]/g, '').toUpperCase()
          : trimmed;
    if (identifier !== '') seen.add(identifier);
  }
  return [...seen];
}

/** `items` cut into consecutive slices of at most `size`. */
export function sliceInto<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    slices.push(items.slice(start, start + size));
  }
  return slices;
}

/** An identifier list held as a lake object: a JSON array of strings, or one identifier per line. */
export function parseIdentifierList(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')
        ? parsed
        : undefined;
    } catch {
      return undefined;
    }
  }
  return trimmed.split(/\r?\n/).filter((line) => line.trim() !== '');
}
