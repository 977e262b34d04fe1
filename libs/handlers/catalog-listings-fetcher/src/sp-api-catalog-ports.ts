import {
  CatalogQueryRejectedError,
  type CatalogItemsPort,
  type ListingsItemsPort,
} from '@spapi-lake/catalog';
import {
  type CatalogItemsApi,
  type ListingsItemsApi,
  SpApiInvalidInputError,
  SpApiNotFoundError,
} from '@spapi-lake/sp-api';

// SP-API answers 400 for identifiers it cannot parse (a malformed EAN): that batch, not the refresh.
function rejectedOr(error: unknown): never {
  if (error instanceof SpApiInvalidInputError) {
    throw new CatalogQueryRejectedError(`${error.operationId} rejected the query (400)`, {
      cause: error,
    });
  }
  throw error;
}

async function orUndefinedOn404<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof SpApiNotFoundError) return undefined;
    throw error;
  }
}

/** The catalog port over the sp-api client's Catalog Items API (one partner). */
export function spApiCatalogItemsPort(api: CatalogItemsApi): CatalogItemsPort {
  return {
    async searchCatalogItems(query) {
      const results = await api
        .searchCatalogItems({
          marketplaceIds: [query.marketplaceId],
          includedData: [...query.includedData],
          pageSize: query.pageSize,
          ...(query.locale === undefined ? {} : { locale: query.locale }),
          ...(query.pageToken === undefined ? {} : { pageToken: query.pageToken }),
          ...(query.identifiers === undefined ? {} : { identifiers: [...query.identifiers] }),
          ...(query.identifiersType === undefined
            ? {}
            : { identifiersType: query.identifiersType }),
          ...(query.sellerId === undefined ? {} : { sellerId: query.sellerId }),
          ...(query.keywords === undefined ? {} : { keywords: [...query.keywords] }),
          ...(query.brandNames === undefined ? {} : { brandNames: [...query.brandNames] }),
          ...(query.classificationIds === undefined
            ? {}
            : { classificationIds: [...query.classificationIds] }),
          ...(query.keywordsLocale === undefined ? {} : { keywordsLocale: query.keywordsLocale }),
        })
        .catch(rejectedOr);
      const nextToken = results.pagination?.nextToken;
      return {
        numberOfResults: results.numberOfResults,
        items: results.items,
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },
    async getCatalogItem(asin, query) {
      const item = await orUndefinedOn404(
        api.getCatalogItem(asin, {
          marketplaceIds: [...query.marketplaceIds],
          includedData: [...query.includedData],
          ...(query.locale === undefined ? {} : { locale: query.locale }),
        }),
      );
      return item;
    },
  };
}

/** The listings port over the sp-api client's Listings Items API, for the partner's own seller id. */
export function spApiListingsItemsPort(api: ListingsItemsApi, sellerId: string): ListingsItemsPort {
  return {
    async searchListingsItems(query) {
      const results = await api
        .searchListingsItems(sellerId, {
          marketplaceIds: [query.marketplaceId],
          includedData: [...query.includedData],
          pageSize: query.pageSize,
          // Oldest first: the keyset paging over createdDate relies on this order.
          sortBy: 'createdDate',
          sortOrder: 'ASC',
          ...(query.createdAfter === undefined ? {} : { createdAfter: query.createdAfter }),
          ...(query.pageToken === undefined ? {} : { pageToken: query.pageToken }),
        })
        .catch(rejectedOr);
      const nextToken = results.pagination?.nextToken;
      return {
        numberOfResults: results.numberOfResults,
        items: results.items,
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },
    async getListingsItem(sku, query) {
      const item = await orUndefinedOn404(
        api.getListingsItem(sellerId, sku, {
          marketplaceIds: [...query.marketplaceIds],
          includedData: [...query.includedData],
        }),
      );
      return item;
    },
  };
}
