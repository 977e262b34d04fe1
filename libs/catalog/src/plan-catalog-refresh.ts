import { partitionDate } from '@spapi-lake/lake';
import type { CatalogRefreshPlan } from './catalog-refresh-contract';
import { parseCatalogRefreshRequest } from './catalog-refresh-request';
import { CatalogRefreshInputError } from './errors';
import { refreshIdOf } from './refresh-id';

/** `PlanRefresh` input: the execution input, and the execution's name and start time. */
export interface PlanCatalogRefreshInput {
  readonly request: unknown;
  readonly executionName: string;
  /** `$$.Execution.StartTime` (ISO 8601). */
  readonly startTime: string;
}

/**
 * Validates a refresh request and fixes what every task shares: the refresh id (from the execution
 * name unless given, so re-running an execution rewrites its own files), the `dt` partition (the
 * execution's start unless `asOf` is given), one listings lane per marketplace and the catalog part.
 */
export function planCatalogRefresh(input: PlanCatalogRefreshInput): CatalogRefreshPlan {
  const request = parseCatalogRefreshRequest(input.request);
  const asOf = request.asOf ?? input.startTime;
  if (Number.isNaN(Date.parse(asOf))) {
    throw new CatalogRefreshInputError('startTime is not an ISO 8601 instant');
  }
  const refresh = {
    sellingPartnerId: request.sellingPartnerId,
    region: request.region,
    refreshId: request.refreshId ?? refreshIdOf(input.executionName),
    dt: partitionDate(asOf),
  };
  const { listings, catalog } = request;
  return {
    refresh,
    listingsLanes: listings.enabled
      ? request.marketplaceIds.map((marketplaceId) => ({
          marketplaceId,
          includedData: [...listings.includedData],
          part: 0,
        }))
      : [],
    ...(catalog.enabled
      ? {
          catalog: {
            marketplaceIds: [...request.marketplaceIds],
            source: catalog.source,
            includedData: [...catalog.includedData],
            ...(catalog.locale === undefined ? {} : { locale: catalog.locale }),
          },
        }
      : {}),
  };
}
