import type { CatalogEntry } from './catalog-truth';
import { GTIN_IDENTIFIER_TYPES, gtin14Of } from './gtin';

/** What a searchCatalogItems call filters on (one marketplace). */
export type CatalogCriteria =
  | {
      readonly kind: 'identifiers';
      readonly identifiersType: string;
      readonly identifiers: readonly string[];
      /** SKU searches: the seller's SKU -> ASIN map in the marketplace. */
      readonly skuToAsin?: ReadonlyMap<string, string>;
    }
  | {
      readonly kind: 'keywords';
      readonly keywords: readonly string[];
      readonly brandNames?: readonly string[];
      readonly classificationIds?: readonly string[];
    };

/** Matching entries plus the refinements SP-API returns with them. */
export interface CatalogSearchResult {
  readonly entries: readonly CatalogEntry[];
  readonly refinements: {
    brands: { numberOfResults: number; brandName: string }[];
    classifications: { numberOfResults: number; displayName: string; classificationId: string }[];
  };
}

/**
 * Searches one marketplace's catalog. Identifier searches answer in the order of the identifiers,
 * GTIN-compatible types (UPC, EAN, JAN, ISBN, GTIN) matched as GTINs as Amazon's index does;
 * keyword searches need every keyword in the item's text (case-insensitive).
 */
export function searchCatalog(
  catalog: readonly CatalogEntry[],
  criteria: CatalogCriteria,
): CatalogSearchResult {
  const entries =
    criteria.kind === 'identifiers'
      ? byIdentifiers(catalog, criteria)
      : byKeywords(catalog, criteria);
  return { entries, refinements: refinementsOf(entries) };
}

function byIdentifiers(
  catalog: readonly CatalogEntry[],
  criteria: Extract<CatalogCriteria, { kind: 'identifiers' }>,
): CatalogEntry[] {
  const found: CatalogEntry[] = [];
  const seen = new Set<string>();
  const byGtin = GTIN_IDENTIFIER_TYPES.has(criteria.identifiersType);
  for (const identifier of criteria.identifiers) {
    const gtin = byGtin ? gtin14Of(identifier) : undefined;
    const matches = catalog.filter((entry) => {
      switch (criteria.identifiersType) {
        case 'ASIN':
          return entry.asin === identifier.toUpperCase();
        case 'SKU':
          return criteria.skuToAsin?.get(identifier) === entry.asin;
        default:
          return entry.identifiers.some((id) =>
            byGtin
              ? gtin !== undefined &&
                GTIN_IDENTIFIER_TYPES.has(id.identifierType) &&
                gtin14Of(id.identifier) === gtin
              : id.identifierType === criteria.identifiersType && id.identifier === identifier,
          );
      }
    });
    for (const entry of matches) {
      if (seen.has(entry.asin)) continue;
      seen.add(entry.asin);
      found.push(entry);
    }
  }
  return found;
}

function byKeywords(
  catalog: readonly CatalogEntry[],
  criteria: Extract<CatalogCriteria, { kind: 'keywords' }>,
): CatalogEntry[] {
  const keywords = criteria.keywords.map((k) => k.normalize('NFC').toLowerCase());
  return catalog.filter(
    (entry) =>
      keywords.every((keyword) => entry.searchText.includes(keyword)) &&
      (criteria.brandNames === undefined || criteria.brandNames.includes(entry.brand)) &&
      (criteria.classificationIds === undefined ||
        entry.classificationIds.some((id) => criteria.classificationIds?.includes(id))),
  );
}

function refinementsOf(entries: readonly CatalogEntry[]): CatalogSearchResult['refinements'] {
  const brands = new Map<string, number>();
  const classifications = new Map<string, { displayName: string; count: number }>();
  for (const entry of entries) {
    brands.set(entry.brand, (brands.get(entry.brand) ?? 0) + 1);
    const node = entry.browseNode;
    const current = classifications.get(node.classificationId);
    classifications.set(node.classificationId, {
      displayName: node.displayName,
      count: (current?.count ?? 0) + 1,
    });
  }
  return {
    brands: [...brands].map(([brandName, numberOfResults]) => ({ numberOfResults, brandName })),
    classifications: [...classifications].map(([classificationId, { displayName, count }]) => ({
      numberOfResults: count,
      displayName,
      classificationId,
    })),
  };
}
