import { z } from 'zod';
import type { definitions, operations } from '../generated/catalog-items.types';
import type { OperationCaller } from '../operation-caller';
import { parseResponseEnvelope } from '../response-body';

/** Catalog Items 2022-04-01 `Item`. */
export type CatalogItem = definitions['Item'];
/** Catalog Items 2022-04-01 `ItemSearchResults`. */
export type CatalogItemSearchResults = definitions['ItemSearchResults'];
/** Query of `searchCatalogItems` (arrays are sent as CSV). */
export type SearchCatalogItemsQuery = operations['searchCatalogItems']['parameters']['query'];
/** Query of `getCatalogItem`. */
export type GetCatalogItemQuery = operations['getCatalogItem']['parameters']['query'];

/** Catalog Items API 2022-04-01 (search and get). */
export interface CatalogItemsApi {
  searchCatalogItems(query: SearchCatalogItemsQuery): Promise<CatalogItemSearchResults>;
  getCatalogItem(asin: string, query: GetCatalogItemQuery): Promise<CatalogItem>;
}

// Items are large and open-ended: validate what callers key on, type the rest from the model.
const itemEnvelope = z.looseObject({ asin: z.string().min(1) });
const searchEnvelope = z.looseObject({
  numberOfResults: z.number(),
  items: z.array(itemEnvelope),
  pagination: z
    .looseObject({ nextToken: z.string().optional(), previousToken: z.string().optional() })
    .optional(),
});

/** The Catalog Items API over an operation caller. */
export function createCatalogItemsApi(call: OperationCaller): CatalogItemsApi {
  return {
    async searchCatalogItems(query) {
      const response = await call('searchCatalogItems', { query });
      return parseResponseEnvelope<CatalogItemSearchResults>(searchEnvelope, response);
    },
    async getCatalogItem(asin, query) {
      const response = await call('getCatalogItem', { pathParams: { asin }, query });
      return parseResponseEnvelope<CatalogItem>(itemEnvelope, response);
    },
  };
}
