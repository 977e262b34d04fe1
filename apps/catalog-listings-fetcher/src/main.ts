import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type Handlers, buildHandlers } from './handlers';

let built: Promise<Handlers> | undefined;

// Built once per container, on the first invocation; a failed cold start (SSM briefly unavailable)
// must not poison the container.
function handlers(): Promise<Handlers> {
  built ??= buildHandlers(process.env).catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

/** `PlanRefresh` of the catalog refresh state machine. */
export const planCatalogRefresh = async (event: unknown) =>
  (await handlers()).planCatalogRefresh(event);
/** `FetchListingsPart`. */
export const fetchListings = async (event: unknown) => (await handlers()).fetchListings(event);
/** `PlanCatalog`. */
export const planCatalogChunks = async (event: unknown) =>
  (await handlers()).planCatalogChunks(event);
/** `FetchCatalogChunk` and `FetchManifestChunk`. */
export const fetchCatalogChunk = async (event: unknown) =>
  (await handlers()).fetchCatalogChunk(event);
/** `FinishRefresh`. */
export const finishCatalogRefresh = async (event: unknown) =>
  (await handlers()).finishCatalogRefresh(event);
/** SQS: LISTINGS_ITEM_* notifications and listing refresh requests. */
export const refreshListings = async (event: SQSEvent): Promise<SQSBatchResponse> =>
  (await handlers()).refreshListings(event);
