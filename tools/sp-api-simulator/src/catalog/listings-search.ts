import type { ListingRecord, ListingStatus } from './listing-record';

/** Filters and order of a searchListingsItems call (validated beforehand). */
export interface ListingsCriteria {
  readonly identifiersType?: string;
  readonly identifiers?: readonly string[];
  readonly variationParentSku?: string;
  readonly packageHierarchySku?: string;
  readonly createdAfter?: number;
  readonly createdBefore?: number;
  readonly lastUpdatedAfter?: number;
  readonly lastUpdatedBefore?: number;
  readonly withIssueSeverity?: readonly string[];
  readonly withStatus?: readonly ListingStatus[];
  readonly withoutStatus?: readonly ListingStatus[];
  readonly sortBy: 'sku' | 'createdDate' | 'lastUpdatedDate';
  readonly sortOrder: 'ASC' | 'DESC';
}

/**
 * Filters a partner's listing records (of one or more marketplaces) and groups them by SKU in the
 * requested order (ties broken by SKU).
 */
export function searchListings(
  records: readonly ListingRecord[],
  criteria: ListingsCriteria,
): ListingRecord[][] {
  // Listings carry no variation or package hierarchy in the simulator: those filters match nothing.
  if (criteria.variationParentSku !== undefined || criteria.packageHierarchySku !== undefined) {
    return [];
  }
  const groups = new Map<string, ListingRecord[]>();
  for (const record of records) {
    if (!matches(record, criteria)) continue;
    const group = groups.get(record.sku) ?? [];
    group.push(record);
    groups.set(record.sku, group);
  }
  const sortKey = (group: readonly ListingRecord[]): string | number => {
    if (criteria.sortBy === 'sku') return group[0]?.sku ?? '';
    const times = group.map((r) =>
      Date.parse(criteria.sortBy === 'createdDate' ? r.createdDate : r.lastUpdatedDate),
    );
    return criteria.sortBy === 'createdDate' ? Math.min(...times) : Math.max(...times);
  };
  const direction = criteria.sortOrder === 'ASC' ? 1 : -1;
  return [...groups.values()].sort((a, b) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * direction;
    const sa = a[0]?.sku ?? '';
    const sb = b[0]?.sku ?? '';
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
}

function matches(record: ListingRecord, criteria: ListingsCriteria): boolean {
  if (criteria.identifiers !== undefined && !matchesIdentifier(record, criteria)) return false;
  const created = Date.parse(record.createdDate);
  const updated = Date.parse(record.lastUpdatedDate);
  if (criteria.createdAfter !== undefined && created < criteria.createdAfter) return false;
  if (criteria.createdBefore !== undefined && created > criteria.createdBefore) return false;
  if (criteria.lastUpdatedAfter !== undefined && updated < criteria.lastUpdatedAfter) return false;
  if (criteria.lastUpdatedBefore !== undefined && updated > criteria.lastUpdatedBefore)
    return false;
  if (
    criteria.withIssueSeverity !== undefined &&
    !record.issues.some((issue) => criteria.withIssueSeverity?.includes(issue.severity))
  ) {
    return false;
  }
  if (
    criteria.withStatus !== undefined &&
    !criteria.withStatus.some((status) => record.status.includes(status))
  ) {
    return false;
  }
  if (criteria.withoutStatus?.some((status) => record.status.includes(status)) === true) {
    return false;
  }
  return true;
}

function matchesIdentifier(record: ListingRecord, criteria: ListingsCriteria): boolean {
  const wanted = criteria.identifiers ?? [];
  switch (criteria.identifiersType) {
    case 'SKU':
      return wanted.includes(record.sku);
    case 'ASIN':
      return wanted.includes(record.asin);
    case 'FNSKU':
      return record.fnSku !== undefined && wanted.includes(record.fnSku);
    default:
      return record.identifiers.some(
        (id) => id.identifierType === criteria.identifiersType && wanted.includes(id.identifier),
      );
  }
}
