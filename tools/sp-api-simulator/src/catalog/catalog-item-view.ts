import { CATALOG_DATASETS, type CatalogDataset, type CatalogEntry } from './catalog-truth';

/**
 * The Catalog Items API `Item` of one ASIN from its entries in the requested marketplaces, with only
 * the requested datasets (each an array grouped by marketplace; `attributes` merged into one map).
 */
export function catalogItemView(
  entries: readonly CatalogEntry[],
  datasets: ReadonlySet<CatalogDataset>,
): Record<string, unknown> {
  const first = entries[0];
  if (first === undefined) throw new RangeError('catalogItemView needs at least one entry');
  const item: Record<string, unknown> = { asin: first.asin };
  for (const dataset of CATALOG_DATASETS) {
    if (!datasets.has(dataset)) continue;
    if (dataset === 'attributes') {
      const merged: Record<string, unknown[]> = {};
      for (const entry of entries) {
        for (const [name, values] of Object.entries(entry.datasets.attributes)) {
          merged[name] = [...(merged[name] ?? []), ...(values as unknown[])];
        }
      }
      item['attributes'] = merged;
    } else {
      item[dataset] = entries.map((entry) => ({
        marketplaceId: entry.marketplaceId,
        ...entry.datasets[dataset],
      }));
    }
  }
  return item;
}
