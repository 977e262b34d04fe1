/** Datasets `includedData` can ask the Catalog Items API 2022-04-01 for. */
export const CATALOG_INCLUDED_DATA = [
  'attributes',
  'classifications',
  'dimensions',
  'identifiers',
  'images',
  'productTypes',
  'relationships',
  'salesRanks',
  'summaries',
  'vendorDetails',
] as const;
export type CatalogIncludedData = (typeof CATALOG_INCLUDED_DATA)[number];

/** Everything but `vendorDetails` (vendors only; sellers get it silently dropped). */
export const DEFAULT_CATALOG_INCLUDED_DATA: readonly CatalogIncludedData[] =
  CATALOG_INCLUDED_DATA.filter((name) => name !== 'vendorDetails');

/** Datasets `includedData` can ask the Listings Items API 2021-08-01 for. */
export const LISTINGS_INCLUDED_DATA = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;
export type ListingsIncludedData = (typeof LISTINGS_INCLUDED_DATA)[number];

/** What the curated listings datasets are built from. */
export const DEFAULT_LISTINGS_INCLUDED_DATA: readonly ListingsIncludedData[] = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
];

/** Identifier types of searchCatalogItems (`SKU` needs the seller id, which the refresh supplies). */
export const CATALOG_IDENTIFIER_TYPES = [
  'ASIN',
  'EAN',
  'GTIN',
  'ISBN',
  'JAN',
  'MINSAN',
  'SKU',
  'UPC',
] as const;
export type CatalogIdentifierType = (typeof CATALOG_IDENTIFIER_TYPES)[number];

/** SP-API limits the refresh is cut to. */
export const CatalogLimits = {
  /** Identifiers per searchCatalogItems call (and keywords per call). */
  identifiersPerCall: 20,
  /** Largest `pageSize` of both search operations. */
  pageSize: 20,
  /** Results either search operation pages through before it stops handing out tokens. */
  pageableResults: 1000,
} as const;
