import { z } from 'zod';
import type { definitions, operations } from '../generated/listings-items.types';
import type { OperationCaller } from '../operation-caller';
import { parseResponseEnvelope } from '../response-body';

/** Listings Items 2021-08-01 `Item`. */
export type ListingsItem = definitions['Item'];
/** Listings Items 2021-08-01 `ItemSearchResults`. */
export type ListingsItemSearchResults = definitions['ItemSearchResults'];
/** Query of `getListingsItem` (arrays are sent as CSV). */
export type GetListingsItemQuery = operations['getListingsItem']['parameters']['query'];
/** Query of `searchListingsItems`. */
export type SearchListingsItemsQuery = operations['searchListingsItems']['parameters']['query'];

/** Listings Items API 2021-08-01 (read side). The SKU is percent-encoded into the path. */
export interface ListingsItemsApi {
  getListingsItem(
    sellerId: string,
    sku: string,
    query: GetListingsItemQuery,
  ): Promise<ListingsItem>;
  searchListingsItems(
    sellerId: string,
    query: SearchListingsItemsQuery,
  ): Promise<ListingsItemSearchResults>;
}

// Items are large and open-ended: validate what callers key on, type the rest from the model.
const itemEnvelope = z.looseObject({
  sku: z.string().min(1),
  summaries: z
    .array(z.looseObject({ marketplaceId: z.string(), status: z.array(z.string()) }))
    .optional(),
});
const searchEnvelope = z.looseObject({
  numberOfResults: z.number(),
  items: z.array(itemEnvelope),
  pagination: z
    .looseObject({ nextToken: z.string().optional(), previousToken: z.string().optional() })
    .optional(),
});

/** The Listings Items API over an operation caller. */
export function createListingsItemsApi(call: OperationCaller): ListingsItemsApi {
  return {
    async getListingsItem(sellerId, sku, query) {
      const response = await call('getListingsItem', { pathParams: { sellerId, sku }, query });
      return parseResponseEnvelope<ListingsItem>(itemEnvelope, response);
    },
    async searchListingsItems(sellerId, query) {
      const response = await call('searchListingsItems', { pathParams: { sellerId }, query });
      return parseResponseEnvelope<ListingsItemSearchResults>(searchEnvelope, response);
    },
  };
}
