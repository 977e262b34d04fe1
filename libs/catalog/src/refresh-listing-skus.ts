import type { Region } from '@spapi-lake/config';
import { type ParquetRecord, partitionDate } from '@spapi-lake/lake';
import { CatalogDataset, RefreshTrigger } from './catalog-datasets';
import { catalogItemRow } from './catalog-item-rows';
import { type SkuRefreshGroup, coalesceSkuRefreshes } from './coalesce-sku-refreshes';
import { RefreshPartnerUnknownError } from './errors';
import type { CatalogIncludedData, ListingsIncludedData } from './included-data';
import { deletedListingRow, listingRows } from './listings-item-rows';
import { mapInOrder } from './map-in-order';
import type { CatalogItemsPort, ClockPort, ListingsItemsPort } from './ports';
import { notificationRefreshId } from './refresh-id';
import type { PartnerAccount, PartnerDirectory, SkuKey, SkuRefreshLog } from './refresh-ports';
import { type LakeWriteDeps, type RefreshPartition, RefreshWriter } from './refresh-writer';
import type { RowLineage } from './row-lineage';
import type { SkuRefreshRequest } from './sku-refresh-request';

/** A partner in one region: what an SP-API client is built for. */
export interface PartnerRegion {
  readonly sellingPartnerId: string;
  readonly region: Region;
}

/** Dependencies and settings of {@link refreshListingSkus}. */
export interface RefreshListingSkusDeps extends LakeWriteDeps {
  readonly listingsFor: (partner: PartnerRegion) => ListingsItemsPort;
  readonly catalogFor: (partner: PartnerRegion) => CatalogItemsPort;
  readonly partners: PartnerDirectory;
  readonly refreshLog: SkuRefreshLog;
  readonly clock: ClockPort;
  readonly listingsIncludedData: readonly ListingsIncludedData[];
  /** Datasets of the ASIN's getCatalogItem after a change; empty: the catalog is left alone. */
  readonly catalogIncludedData: readonly CatalogIncludedData[];
  /**
   * A change is taken as seen by a fetch that started at least this long after it (SP-API reads
   * settle shortly after the notification); such notifications cost no call.
   */
  readonly settleMs: number;
  /** SKUs fetched at once (each client paces its partner's buckets). */
  readonly maxInFlight: number;
}

/** What happened to one marketplace of a SKU. */
export type MarketplaceRefresh = 'listed' | 'deleted' | 'already-fresh';

/** What happened to one coalesced SKU. */
export interface SkuRefreshOutcome {
  readonly group: SkuRefreshGroup;
  readonly status: 'refreshed' | 'skipped' | 'failed';
  readonly marketplaces: Readonly<Record<string, MarketplaceRefresh>>;
  readonly error?: unknown;
}

/** What one batch of refresh requests did. */
export interface RefreshListingSkusResult {
  readonly refreshId: string;
  readonly outcomes: readonly SkuRefreshOutcome[];
  readonly rows: Readonly<Record<CatalogDataset, number>>;
}

interface GroupWork {
  readonly outcome: SkuRefreshOutcome;
  readonly rows: readonly { readonly partition: RefreshPartition; readonly row: ParquetRecord }[];
  readonly covered: readonly RefreshPartition[];
  readonly fetched: readonly { readonly key: SkuKey; readonly at: number }[];
}

/**
 * The event-driven refresh: coalesces the batch's requests per SKU, then for each SKU and
 * marketplace not already fetched after its latest change, getListingsItem (a 404 writes a
 * tombstone row) and getCatalogItem of its ASIN. All rows of the batch go to one file per
 * partition named after the notifications served, so a redelivered batch rewrites the same keys.
 * A SKU that fails is reported (its messages are retried); the others are written.
 */
export async function refreshListingSkus(
  deps: RefreshListingSkusDeps,
  requests: readonly SkuRefreshRequest[],
): Promise<RefreshListingSkusResult> {
  const groups = coalesceSkuRefreshes(requests);
  const refreshId = notificationRefreshId(requests.map((request) => request.notificationId));
  const dt = partitionDate(new Date(deps.clock.now()));
  const rows: Record<CatalogDataset, number> = {
    catalog_items: 0,
    listings_items: 0,
    listings_issues: 0,
  };
  const works: GroupWork[] = [];
  const writersByPartner = new Map<string, RefreshWriter>();
  const writerFor = (sellingPartnerId: string): RefreshWriter => {
    let writer = writersByPartner.get(sellingPartnerId);
    if (writer === undefined) {
      writer = new RefreshWriter(deps, { sellingPartnerId, fileId: refreshId });
      writersByPartner.set(sellingPartnerId, writer);
    }
    return writer;
  };
  try {
    await mapInOrder(
      groups,
      deps.maxInFlight,
      (group) => refreshGroup(deps, group, refreshId, dt),
      async (work) => {
        works.push(work);
        for (const { partition, row } of work.rows) {
          await writerFor(work.outcome.group.sellingPartnerId).append(partition, row);
          rows[partition.dataset] += 1;
        }
      },
    );
    for (const [sellingPartnerId, writer] of writersByPartner) {
      const covered = works
        .filter((work) => work.outcome.group.sellingPartnerId === sellingPartnerId)
        .flatMap((work) => work.covered);
      await writer.finish(covered);
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const writer of writersByPartner.values()) await writer.abort(failure);
    throw error;
  }
  // Only once the rows are in the lake: a crash before leaves the SKUs to be fetched again.
  for (const work of works) {
    for (const { key, at } of work.fetched) await deps.refreshLog.recordFetched(key, at);
  }
  return { refreshId, outcomes: works.map((work) => work.outcome), rows };
}

async function refreshGroup(
  deps: RefreshListingSkusDeps,
  group: SkuRefreshGroup,
  refreshId: string,
  dt: string,
): Promise<GroupWork> {
  try {
    const targets = await targetsOf(deps.partners, group);
    const rows: { partition: RefreshPartition; row: ParquetRecord }[] = [];
    const covered: RefreshPartition[] = [];
    const fetched: { key: SkuKey; at: number }[] = [];
    const marketplaces: Record<string, MarketplaceRefresh> = {};
    for (const { marketplaceId, account } of targets) {
      const key = { sellingPartnerId: group.sellingPartnerId, marketplaceId, sku: group.sku };
      const last = await deps.refreshLog.lastFetchedAt(key);
      if (last !== undefined && last >= group.latestEventTime + deps.settleMs) {
        marketplaces[marketplaceId] = 'already-fresh';
        continue;
      }
      const partner = { sellingPartnerId: account.sellingPartnerId, region: account.region };
      const partition = (dataset: CatalogDataset): RefreshPartition => ({
        dataset,
        marketplaceId,
        dt,
      });
      const item = await deps.listingsFor(partner).getListingsItem(group.sku, {
        marketplaceIds: [marketplaceId],
        includedData: deps.listingsIncludedData,
      });
      const fetchedAt = deps.clock.now();
      const lineage = lineageOf(refreshId, group, fetchedAt);
      const listing = item === undefined ? undefined : listingRows(item, marketplaceId, lineage);
      covered.push(
        partition(CatalogDataset.ListingsItems),
        partition(CatalogDataset.ListingsIssues),
        partition(CatalogDataset.CatalogItems),
      );
      fetched.push({ key, at: fetchedAt });
      if (listing === undefined) {
        rows.push({
          partition: partition(CatalogDataset.ListingsItems),
          row: deletedListingRow(group.sku, group.asin, lineage),
        });
        marketplaces[marketplaceId] = 'deleted';
        continue;
      }
      marketplaces[marketplaceId] = 'listed';
      rows.push({ partition: partition(CatalogDataset.ListingsItems), row: listing.item });
      for (const issue of listing.issues) {
        rows.push({ partition: partition(CatalogDataset.ListingsIssues), row: issue });
      }
      const asin = listing.item['asin'];
      if (deps.catalogIncludedData.length > 0 && typeof asin === 'string') {
        const catalogItem = await deps.catalogFor(partner).getCatalogItem(asin, {
          marketplaceIds: [marketplaceId],
          includedData: deps.catalogIncludedData,
        });
        if (catalogItem !== undefined) {
          rows.push({
            partition: partition(CatalogDataset.CatalogItems),
            row: catalogItemRow(
              catalogItem,
              marketplaceId,
              lineageOf(refreshId, group, deps.clock.now()),
            ),
          });
        }
      }
    }
    const refreshed = Object.values(marketplaces).some((result) => result !== 'already-fresh');
    return {
      outcome: { group, status: refreshed ? 'refreshed' : 'skipped', marketplaces },
      rows,
      covered,
      fetched,
    };
  } catch (error) {
    return {
      outcome: { group, status: 'failed', marketplaces: {}, error },
      rows: [],
      covered: [],
      fetched: [],
    };
  }
}

function lineageOf(refreshId: string, group: SkuRefreshGroup, fetchedAt: number): RowLineage {
  return {
    refreshId,
    trigger: RefreshTrigger.Notification,
    notificationIds: group.notificationIds,
    fetchedAt,
  };
}

async function targetsOf(
  partners: PartnerDirectory,
  group: SkuRefreshGroup,
): Promise<{ marketplaceId: string; account: PartnerAccount }[]> {
  const accounts = await partners.accountsOf(group.sellingPartnerId);
  if (accounts.length === 0) {
    throw new RefreshPartnerUnknownError(
      `Selling partner ${group.sellingPartnerId} is not in the account configuration`,
    );
  }
  if (group.marketplaceIds === undefined) {
    return accounts.flatMap((account) =>
      account.marketplaceIds.map((marketplaceId) => ({ marketplaceId, account })),
    );
  }
  return group.marketplaceIds.map((marketplaceId) => {
    const account = accounts.find((candidate) => candidate.marketplaceIds.includes(marketplaceId));
    if (account === undefined) {
      throw new RefreshPartnerUnknownError(
        `Marketplace ${marketplaceId} is not configured for selling partner ${group.sellingPartnerId}`,
      );
    }
    return { marketplaceId, account };
  });
}
