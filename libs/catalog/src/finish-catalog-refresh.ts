import type { ObjectStore } from '@spapi-lake/lake';
import { CatalogDataset } from './catalog-datasets';
import {
  CatalogChunkSummarySchema,
  type FinishRefreshInput,
  type FinishRefreshOutput,
} from './catalog-refresh-contract';
import type { ClockPort } from './ports';
import { chunkSummaryPrefix, refreshManifestKey } from './refresh-keys';
import { listKeys, readJsonObject, writeJsonObject } from './work-objects';

/** Dependencies of {@link finishCatalogRefresh}. */
export interface FinishCatalogRefreshDeps {
  readonly store: ObjectStore;
  readonly clock: ClockPort;
  /** Glue crawler of a dataset: `<prefix><dataset>`, as infra names them. */
  readonly crawlerNamePrefix: string;
}

/** The manifest of one refresh, at `refreshManifestKey`: what it fetched and wrote. */
export interface CatalogRefreshManifest {
  readonly manifestVersion: 1;
  readonly refreshId: string;
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly dt: string;
  readonly listings: readonly {
    readonly marketplaceId: string;
    readonly items: number;
    readonly issues: number;
    readonly parts: number;
  }[];
  readonly catalog: {
    readonly chunks: number;
    readonly calls: number;
    readonly items: number;
    /** Identifiers no catalog item answered, and identifiers of batches SP-API rejected (400). */
    readonly notFound: readonly string[];
    readonly rejected: readonly string[];
  };
  readonly rows: Readonly<Record<CatalogDataset, number>>;
  readonly finishedAt: string;
}

/**
 * Closes a refresh: adds up the listings lanes and the chunk summaries the catalog chunks left in
 * the lake (a Distributed Map's results are not in the state), writes the refresh manifest, and
 * names the crawlers of the datasets that received rows.
 */
export async function finishCatalogRefresh(
  deps: FinishCatalogRefreshDeps,
  input: FinishRefreshInput,
): Promise<FinishRefreshOutput> {
  const { refresh } = input;
  const summaries = [];
  for (const key of await listKeys(
    deps.store,
    chunkSummaryPrefix(refresh.sellingPartnerId, refresh.refreshId),
  )) {
    summaries.push(await readJsonObject(deps.store, key, CatalogChunkSummarySchema));
  }
  const listings = input.listings.map(({ lane, totals }) => ({
    marketplaceId: lane.marketplaceId,
    ...totals,
  }));
  const rows: Record<CatalogDataset, number> = {
    catalog_items: summaries.reduce((sum, summary) => sum + summary.items, 0),
    listings_items: listings.reduce((sum, lane) => sum + lane.items, 0),
    listings_issues: listings.reduce((sum, lane) => sum + lane.issues, 0),
  };
  const manifest: CatalogRefreshManifest = {
    manifestVersion: 1,
    refreshId: refresh.refreshId,
    sellingPartnerId: refresh.sellingPartnerId,
    region: refresh.region,
    dt: refresh.dt,
    listings,
    catalog: {
      chunks: summaries.length,
      calls: summaries.reduce((sum, summary) => sum + summary.calls, 0),
      items: rows.catalog_items,
      notFound: summaries.flatMap((summary) => summary.notFound),
      rejected: summaries.flatMap((summary) => summary.rejected),
    },
    rows,
    finishedAt: new Date(deps.clock.now()).toISOString(),
  };
  const manifestKey = refreshManifestKey(refresh.sellingPartnerId, refresh.refreshId);
  await writeJsonObject(deps.store, manifestKey, manifest);
  const written = Object.values(CatalogDataset).filter((dataset) => rows[dataset] > 0);
  return {
    refreshId: refresh.refreshId,
    manifestKey,
    crawlerNames: written.map((dataset) => `${deps.crawlerNamePrefix}${dataset}`),
    rows,
  };
}
