import { DEFAULT_CATALOG_INCLUDED_DATA, DEFAULT_LISTINGS_INCLUDED_DATA } from '@spapi-lake/catalog';
import type { CatalogFetcherSettings } from './catalog-fetcher-dependencies';

/** Defaults of the fetcher's tunables (the app's environment overrides them). */
export const DEFAULT_FETCHER_SETTINGS: CatalogFetcherSettings = {
  chunkSize: 500,
  // 20 chunks of 500 ASINs keep the inline plan near 130 KB of the 256 KiB state limit.
  inlineChunkLimit: 20,
  maxPagesPerPart: 100,
  maxInFlight: 4,
  crawlerNamePrefix: 'spapi_lake_',
  listingsIncludedData: DEFAULT_LISTINGS_INCLUDED_DATA,
  catalogIncludedData: DEFAULT_CATALOG_INCLUDED_DATA,
  settleMs: 60_000,
};
