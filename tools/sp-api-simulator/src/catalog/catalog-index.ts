import type { World } from '../world/world';
import { catalogTruth, type CatalogEntry } from './catalog-truth';

const indexes = new WeakMap<readonly CatalogEntry[], Map<string, CatalogEntry>>();

/** The catalog of a marketplace keyed by ASIN (built once per catalog). */
export function catalogIndex(world: World, marketplaceId: string): Map<string, CatalogEntry> {
  const entries = catalogTruth(world, marketplaceId);
  let index = indexes.get(entries);
  if (index === undefined) {
    index = new Map(entries.map((entry) => [entry.asin, entry]));
    indexes.set(entries, index);
  }
  return index;
}
