import { CatalogDataset, RefreshTrigger } from './catalog-datasets';
import type {
  CatalogChunkQuery,
  CatalogChunkSummary,
  FetchCatalogChunkInput,
} from './catalog-refresh-contract';
import { CatalogQueryRejectedError } from './errors';
import { sliceInto } from './identifier-batches';
import { CatalogLimits } from './included-data';
import { catalogItemRow } from './catalog-item-rows';
import { mapInOrder } from './map-in-order';
import type { CatalogItemRecord, CatalogItemsPort, CatalogSearchQuery, ClockPort } from './ports';
import { chunkSummaryKey, refreshFileId } from './refresh-keys';
import { unmatchedIdentifiers } from './unmatched-identifiers';
import { type LakeWriteDeps, RefreshWriter } from './refresh-writer';
import { writeJsonObject } from './work-objects';

/** Dependencies of {@link fetchCatalogChunk}. */
export interface FetchCatalogChunkDeps extends LakeWriteDeps {
  /** The Catalog Items API of the refresh's partner (its client paces the partner's bucket). */
  readonly catalog: CatalogItemsPort;
  readonly clock: ClockPort;
  /**
   * searchCatalogItems calls in flight at once: overlapping their latency lets the token bucket,
   * not the round trips, set the pace.
   */
  readonly maxInFlight: number;
}

/** The answer to one batch of at most 20 identifiers (or one keyword query). */
interface BatchResult {
  readonly identifiers: readonly string[];
  readonly items: readonly { readonly item: CatalogItemRecord; readonly fetchedAt: number }[];
  readonly calls: number;
  readonly rejected: boolean;
}

/**
 * Fetches one chunk of a catalog refresh with searchCatalogItems, one marketplace per call: its
 * identifiers 20 per call (following `nextToken` when identifiers match several items), or its
 * keyword query page by page up to `maxResults`. Writes one `catalog_items` file for the chunk (an
 * ASIN once, in batch order), and a summary object FinishRefresh reads. A batch SP-API rejects as
 * invalid is recorded and skipped rather than failing the refresh.
 */
export async function fetchCatalogChunk(
  deps: FetchCatalogChunkDeps,
  input: FetchCatalogChunkInput,
): Promise<CatalogChunkSummary> {
  const { refresh, catalog, chunk } = input;
  const { marketplaceId, query } = chunk;
  const base = {
    marketplaceId,
    includedData: catalog.includedData,
    ...(catalog.locale === undefined ? {} : { locale: catalog.locale }),
    pageSize: CatalogLimits.pageSize,
  };
  const partition = { dataset: CatalogDataset.CatalogItems, marketplaceId, dt: refresh.dt };
  const writer = new RefreshWriter(deps, {
    sellingPartnerId: refresh.sellingPartnerId,
    fileId: refreshFileId(refresh.refreshId, 'catalog', chunk.index),
  });
  const written = new Set<string>();
  const rejected: string[] = [];
  const notFound: string[] = [];
  let calls = 0;
  const consume = async (result: BatchResult): Promise<void> => {
    calls += result.calls;
    if (result.rejected) {
      rejected.push(...result.identifiers);
      return;
    }
    if (query.kind === 'identifiers') {
      const unmatched = unmatchedIdentifiers(
        query.identifiersType,
        result.identifiers,
        result.items.map(({ item }) => item),
        marketplaceId,
      );
      if (unmatched !== undefined) notFound.push(...unmatched);
    }
    for (const { item, fetchedAt } of result.items) {
      if (written.has(item.asin)) continue;
      written.add(item.asin);
      const lineage = { refreshId: refresh.refreshId, trigger: RefreshTrigger.Refresh, fetchedAt };
      await writer.append(partition, catalogItemRow(item, marketplaceId, lineage));
    }
  };
  try {
    if (query.kind === 'identifiers') {
      const batches = sliceInto(query.identifiers, CatalogLimits.identifiersPerCall);
      await mapInOrder(
        batches,
        deps.maxInFlight,
        (identifiers) =>
          searchAll(deps, identifiers, {
            ...base,
            identifiersType: query.identifiersType,
            identifiers,
            ...(query.identifiersType === 'SKU' ? { sellerId: refresh.sellingPartnerId } : {}),
          }),
        consume,
      );
    } else {
      await consume(
        await searchAll(deps, [], { ...base, ...keywordQuery(query) }, query.maxResults),
      );
    }
    await writer.finish([partition]);
  } catch (error) {
    await writer.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  const summary: CatalogChunkSummary = {
    index: chunk.index,
    marketplaceId,
    calls,
    items: written.size,
    notFound,
    rejected,
  };
  await writeJsonObject(
    deps.store,
    chunkSummaryKey(refresh.sellingPartnerId, refresh.refreshId, chunk.index),
    summary,
  );
  return summary;
}

function keywordQuery(query: Extract<CatalogChunkQuery, { kind: 'keywords' }>) {
  return {
    keywords: query.keywords,
    ...(query.brandNames === undefined ? {} : { brandNames: query.brandNames }),
    ...(query.classificationIds === undefined
      ? {}
      : { classificationIds: query.classificationIds }),
    ...(query.keywordsLocale === undefined ? {} : { keywordsLocale: query.keywordsLocale }),
  };
}

// One query followed through its pages (identifier searches almost always fit one page).
async function searchAll(
  deps: FetchCatalogChunkDeps,
  identifiers: readonly string[],
  query: CatalogSearchQuery,
  maxResults: number = CatalogLimits.pageableResults,
): Promise<BatchResult> {
  const items: { item: CatalogItemRecord; fetchedAt: number }[] = [];
  let calls = 0;
  let pageToken: string | undefined;
  do {
    let page;
    try {
      page = await deps.catalog.searchCatalogItems({
        ...query,
        ...(pageToken === undefined ? {} : { pageToken }),
      });
    } catch (error) {
      if (error instanceof CatalogQueryRejectedError && calls === 0) {
        return { identifiers, items: [], calls: calls + 1, rejected: true };
      }
      throw error;
    }
    calls += 1;
    const fetchedAt = deps.clock.now();
    for (const item of page.items) {
      if (items.length < maxResults) items.push({ item, fetchedAt });
    }
    pageToken = page.nextToken;
  } while (pageToken !== undefined && items.length < maxResults);
  return { identifiers, items, calls, rejected: false };
}
