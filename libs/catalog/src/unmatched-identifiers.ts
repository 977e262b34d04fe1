import type { CatalogIdentifierType } from './included-data';
import type { CatalogItemRecord } from './ports';

/**
 * Types searchCatalogItems matches as GTINs: Amazon's index converts every GTIN-compatible
 * identifier to a GTIN, so an item found by ISBN may list the number as EAN or GTIN only.
 */
const GTIN_TYPES: ReadonlySet<CatalogIdentifierType> = new Set([
  'EAN',
  'GTIN',
  'ISBN',
  'JAN',
  'UPC',
]);

/**
 * The identifiers of one batch no returned item answers for, or undefined when that cannot be told:
 * ASINs by the items' ASINs; GTIN-compatible types by the GTINs of the items' identifiers in the
 * marketplace (needs `identifiers` in `includedData`); others only when nothing came back.
 */
export function unmatchedIdentifiers(
  identifiersType: CatalogIdentifierType,
  requested: readonly string[],
  items: readonly CatalogItemRecord[],
  marketplaceId: string,
): string[] | undefined {
  if (identifiersType === 'ASIN') {
    const asins = new Set(items.map((item) => item.asin));
    return requested.filter((asin) => !asins.has(asin));
  }
  if (items.length === 0) return [...requested];
  if (!GTIN_TYPES.has(identifiersType)) return undefined;
  const answered = new Set<string>();
  for (const item of items) {
    const identifiers = identifiersIn(item, marketplaceId);
    if (identifiers === undefined) return undefined;
    for (const { identifierType, identifier } of identifiers) {
      const gtin = GTIN_TYPES.has(identifierType as CatalogIdentifierType)
        ? gtin14Of(identifier)
        : undefined;
      if (gtin !== undefined) answered.add(gtin);
    }
  }
  return requested.filter((identifier) => {
    const gtin = gtin14Of(identifier);
    return gtin === undefined || !answered.has(gtin);
  });
}

interface ItemIdentifier {
  readonly identifierType: string;
  readonly identifier: string;
}

// The item's `identifiers` of the marketplace; undefined when the dataset was not returned.
function identifiersIn(
  item: CatalogItemRecord,
  marketplaceId: string,
): readonly ItemIdentifier[] | undefined {
  const groups = item['identifiers'];
  if (!Array.isArray(groups)) return undefined;
  const found: ItemIdentifier[] = [];
  for (const group of groups as unknown[]) {
    if (typeof group !== 'object' || group === null) continue;
    const { marketplaceId: id, identifiers } = group as Record<string, unknown>;
    if (id !== marketplaceId || !Array.isArray(identifiers)) continue;
    for (const entry of identifiers as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const { identifierType, identifier } = entry as Record<string, unknown>;
      if (typeof identifierType === 'string' && typeof identifier === 'string') {
        found.push({ identifierType, identifier });
      }
    }
  }
  return found;
}

/** The 14-digit GTIN of a UPC, EAN, JAN, GTIN or ISBN (a valid ISBN-10 via its 978 ISBN-13). */
export function gtin14Of(value: string): string | undefined {
  const digits = value.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(digits)) {
    let sum = 0;
    for (let i = 0; i < 10; i += 1) sum += (digits[i] === 'X' ? 10 : Number(digits[i])) * (10 - i);
    if (sum % 11 !== 0) return undefined;
    const body = `978${digits.slice(0, 9)}`;
    return `0${body}${gs1CheckDigit(body)}`;
  }
  return /^(\d{8}|\d{12,14})$/.test(digits) ? digits.padStart(14, '0') : undefined;
}

function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}
