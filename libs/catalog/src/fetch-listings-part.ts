import { CatalogDataset, RefreshTrigger } from './catalog-datasets';
import type {
  FetchListingsInput,
  FetchListingsOutput,
  ListingsCursor,
} from './catalog-refresh-contract';
import { ListingsPagingStalledError } from './errors';
import { CatalogLimits } from './included-data';
import { entryFor, stringField } from './json-fields';
import { listingRows } from './listings-item-rows';
import type { ClockPort, ListingsItemsPort, ListingsSearchPage } from './ports';
import { listingsAsinsKey, refreshFileId } from './refresh-keys';
import { type LakeWriteDeps, RefreshWriter } from './refresh-writer';
import { writeJsonObject } from './work-objects';

/** Dependencies of {@link fetchListingsPart}. */
export interface FetchListingsPartDeps extends LakeWriteDeps {
  /** The Listings Items API of the refresh's partner. */
  readonly listings: ListingsItemsPort;
  readonly clock: ClockPort;
  /** searchListingsItems pages per invocation (20 SKUs each); the lane continues in a new part. */
  readonly maxPagesPerPart: number;
}

/**
 * One part of a marketplace's listings enumeration: pages searchListingsItems oldest first and
 * writes `listings_items` and `listings_issues` rows, plus the ASINs found (for the catalog part).
 * SP-API stops paging after 1,000 results, so once a window is exhausted the next one starts at
 * the latest `createdDate` seen (inclusive, skipping the SKUs already written at that instant).
 * Stops after `maxPagesPerPart` pages and hands back a cursor for the next part.
 */
export async function fetchListingsPart(
  deps: FetchListingsPartDeps,
  input: FetchListingsInput,
): Promise<FetchListingsOutput> {
  const { refresh, lane } = input;
  const { marketplaceId } = lane;
  const dt = refresh.dt;
  const writer = new RefreshWriter(deps, {
    sellingPartnerId: refresh.sellingPartnerId,
    fileId: refreshFileId(refresh.refreshId, 'listings', lane.part),
  });
  let cursor: ListingsCursor = lane.cursor ?? { consumed: 0, skipSkus: [], lastSkus: [] };
  let items = 0;
  let issues = 0;
  const asins = new Set<string>();
  let done = false;
  try {
    for (let pages = 0; pages < deps.maxPagesPerPart && !done; pages += 1) {
      const page = await deps.listings.searchListingsItems({
        marketplaceId,
        includedData: lane.includedData,
        pageSize: CatalogLimits.pageSize,
        ...(cursor.createdAfter === undefined ? {} : { createdAfter: cursor.createdAfter }),
        ...(cursor.pageToken === undefined ? {} : { pageToken: cursor.pageToken }),
      });
      const lineage = {
        refreshId: refresh.refreshId,
        trigger: RefreshTrigger.Refresh,
        fetchedAt: deps.clock.now(),
      };
      for (const item of page.items) {
        cursor = noteCreated(cursor, item.sku, createdDateOf(item, marketplaceId));
        if (cursor.skipSkus.includes(item.sku)) continue;
        const rows = listingRows(item, marketplaceId, lineage);
        if (rows === undefined) continue;
        await writer.append(
          { dataset: CatalogDataset.ListingsItems, marketplaceId, dt },
          rows.item,
        );
        items += 1;
        const asin = rows.item['asin'];
        if (typeof asin === 'string') asins.add(asin);
        for (const issue of rows.issues) {
          await writer.append({ dataset: CatalogDataset.ListingsIssues, marketplaceId, dt }, issue);
          issues += 1;
        }
      }
      const next = advance(cursor, page);
      done = next === undefined;
      if (next !== undefined) cursor = next;
    }
    await writer.finish([
      { dataset: CatalogDataset.ListingsItems, marketplaceId, dt },
      { dataset: CatalogDataset.ListingsIssues, marketplaceId, dt },
    ]);
  } catch (error) {
    await writer.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  await writeJsonObject(
    deps.store,
    listingsAsinsKey(refresh.sellingPartnerId, refresh.refreshId, marketplaceId, lane.part),
    [...asins].sort(),
  );
  const totals = input.totals ?? { items: 0, issues: 0, parts: 0 };
  return {
    refresh,
    lane: done
      ? { marketplaceId, includedData: lane.includedData, part: lane.part + 1 }
      : { ...lane, part: lane.part + 1, cursor },
    totals: {
      items: totals.items + items,
      issues: totals.issues + issues,
      parts: totals.parts + 1,
    },
    done,
  };
}

function createdDateOf(
  item: { readonly [key: string]: unknown },
  marketplaceId: string,
): string | undefined {
  return stringField(entryFor(item['summaries'], marketplaceId), 'createdDate') ?? undefined;
}

// Tracks the latest createdDate of the window and the SKUs created at exactly that instant.
function noteCreated(
  cursor: ListingsCursor,
  sku: string,
  created: string | undefined,
): ListingsCursor {
  if (created === undefined) return cursor;
  const last = cursor.lastCreated === undefined ? undefined : Date.parse(cursor.lastCreated);
  const current = Date.parse(created);
  if (Number.isNaN(current)) return cursor;
  if (last === undefined || current > last) {
    return { ...cursor, lastCreated: created, lastSkus: [sku] };
  }
  if (current === last && !cursor.lastSkus.includes(sku)) {
    return { ...cursor, lastSkus: [...cursor.lastSkus, sku] };
  }
  return cursor;
}

/** The cursor after a page, or undefined when the lane has seen every listing. */
function advance(cursor: ListingsCursor, page: ListingsSearchPage): ListingsCursor | undefined {
  const consumed = cursor.consumed + page.items.length;
  if (page.nextToken !== undefined) return { ...cursor, consumed, pageToken: page.nextToken };
  if (consumed >= page.numberOfResults || page.items.length === 0) return undefined;
  // The window hit SP-API's pageable limit: start the next one at the latest createdDate seen.
  const { lastCreated } = cursor;
  if (
    lastCreated === undefined ||
    (cursor.createdAfter !== undefined &&
      Date.parse(lastCreated) <= Date.parse(cursor.createdAfter))
  ) {
    throw new ListingsPagingStalledError(
      `More than ${CatalogLimits.pageableResults} listings were created at ${lastCreated ?? 'an unknown time'}; searchListingsItems cannot page past them`,
    );
  }
  return {
    createdAfter: lastCreated,
    consumed: 0,
    skipSkus: cursor.lastSkus,
    lastCreated,
    lastSkus: cursor.lastSkus,
  };
}
