import type {
  CatalogIdentifierType,
  CatalogIncludedData,
  ListingsIncludedData,
} from './included-data';

/** A Catalog Items API 2022-04-01 `Item` as returned; only `asin` is guaranteed. */
export interface CatalogItemRecord {
  readonly asin: string;
  readonly [dataset: string]: unknown;
}

/** One searchCatalogItems call (one marketplace). */
export interface CatalogSearchQuery {
  readonly marketplaceId: string;
  readonly includedData: readonly CatalogIncludedData[];
  readonly locale?: string;
  readonly pageSize: number;
  readonly pageToken?: string;
  readonly identifiersType?: CatalogIdentifierType;
  readonly identifiers?: readonly string[];
  /** Required with identifiersType SKU: the partner's seller id. */
  readonly sellerId?: string;
  readonly keywords?: readonly string[];
  readonly brandNames?: readonly string[];
  readonly classificationIds?: readonly string[];
  readonly keywordsLocale?: string;
}

/** One page of searchCatalogItems. */
export interface CatalogSearchPage {
  readonly numberOfResults: number;
  readonly items: readonly CatalogItemRecord[];
  readonly nextToken?: string;
}

/**
 * The Catalog Items API of one selling partner (rate limits, tokens and retries are the adapter's).
 * A query SP-API rejects as invalid (400) throws `CatalogQueryRejectedError`.
 */
export interface CatalogItemsPort {
  searchCatalogItems(query: CatalogSearchQuery): Promise<CatalogSearchPage>;
  /** The item in the given marketplaces, or undefined when it is in none of them (404). */
  getCatalogItem(
    asin: string,
    query: {
      readonly marketplaceIds: readonly string[];
      readonly includedData: readonly CatalogIncludedData[];
      readonly locale?: string;
    },
  ): Promise<CatalogItemRecord | undefined>;
}

/** A Listings Items API 2021-08-01 `Item` as returned; only `sku` is guaranteed. */
export interface ListingsItemRecord {
  readonly sku: string;
  readonly [dataset: string]: unknown;
}

/** One searchListingsItems call: one marketplace, oldest first, from `createdAfter` (inclusive). */
export interface ListingsSearchQuery {
  readonly marketplaceId: string;
  readonly includedData: readonly ListingsIncludedData[];
  readonly pageSize: number;
  readonly pageToken?: string;
  readonly createdAfter?: string;
}

/** One page of searchListingsItems. */
export interface ListingsSearchPage {
  readonly numberOfResults: number;
  readonly items: readonly ListingsItemRecord[];
  readonly nextToken?: string;
}

/** The Listings Items API of one selling partner, for its own seller id. */
export interface ListingsItemsPort {
  /** Sorted by `createdDate` ascending: the order keyset paging over 1,000 results relies on. */
  searchListingsItems(query: ListingsSearchQuery): Promise<ListingsSearchPage>;
  /** The listing in the given marketplaces, or undefined when it does not exist (404). */
  getListingsItem(
    sku: string,
    query: {
      readonly marketplaceIds: readonly string[];
      readonly includedData: readonly ListingsIncludedData[];
    },
  ): Promise<ListingsItemRecord | undefined>;
}

/** Wall time, as a port. */
export interface ClockPort {
  now(): number;
}
