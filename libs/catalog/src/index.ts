export {
  CatalogQueryRejectedError,
  CatalogRefreshInputError,
  ListingsPagingStalledError,
  RefreshPartnerUnknownError,
  RefreshWorkObjectInvalidError,
  SkuRefreshMessageInvalidError,
} from './errors';
export {
  CATALOG_IDENTIFIER_TYPES,
  CATALOG_INCLUDED_DATA,
  CatalogLimits,
  DEFAULT_CATALOG_INCLUDED_DATA,
  DEFAULT_LISTINGS_INCLUDED_DATA,
  LISTINGS_INCLUDED_DATA,
  type CatalogIdentifierType,
  type CatalogIncludedData,
  type ListingsIncludedData,
} from './included-data';
export {
  CatalogDataset,
  LISTINGS_PRICE_SCALE,
  RefreshTrigger,
  catalogDatasetColumns,
  catalogDatasets,
  catalogLineageColumns,
  isCatalogDataset,
  type CatalogDatasetDefinition,
} from './catalog-datasets';
export {
  CatalogRefreshRequestSchema,
  CatalogSourceSchema,
  parseCatalogRefreshRequest,
  parseWith,
  type CatalogRefreshRequest,
  type CatalogRefreshRequestInput,
  type CatalogSource,
} from './catalog-refresh-request';
export {
  CatalogChunkSchema,
  CatalogChunkSummarySchema,
  FetchCatalogChunkInputSchema,
  FetchListingsInputSchema,
  FinishRefreshInputSchema,
  PlanCatalogInputSchema,
  RefreshContextSchema,
  type CatalogChunk,
  type CatalogChunkPlan,
  type CatalogChunkQuery,
  type CatalogChunkSummary,
  type CatalogFetchSettings,
  type CatalogRefreshPlan,
  type CatalogSpec,
  type FetchCatalogChunkInput,
  type FetchListingsInput,
  type FetchListingsOutput,
  type FinishRefreshInput,
  type FinishRefreshOutput,
  type ItemReaderLocation,
  type ListingsCursor,
  type ListingsLane,
  type ListingsTotals,
  type PlanCatalogInput,
  type RefreshContext,
} from './catalog-refresh-contract';
export type {
  CatalogItemRecord,
  CatalogItemsPort,
  CatalogSearchPage,
  CatalogSearchQuery,
  ClockPort,
  ListingsItemRecord,
  ListingsItemsPort,
  ListingsSearchPage,
  ListingsSearchQuery,
} from './ports';
export type { PartnerAccount, PartnerDirectory, SkuKey, SkuRefreshLog } from './refresh-ports';
export { REFRESH_ID_PATTERN, notificationRefreshId, refreshIdOf } from './refresh-id';
export {
  chunkManifestKey,
  chunkSummaryKey,
  chunkSummaryPrefix,
  listingsAsinsKey,
  listingsAsinsPrefix,
  refreshFileId,
  refreshManifestKey,
  refreshWorkPrefix,
} from './refresh-keys';
export { type RowLineage, lineageValues } from './row-lineage';
export { catalogItemRow } from './catalog-item-rows';
export { type ListingRows, deletedListingRow, listingRows } from './listings-item-rows';
export { normaliseIdentifiers, parseIdentifierList, sliceInto } from './identifier-batches';
export { mapInOrder } from './map-in-order';
export { type LakeWriteDeps, type RefreshPartition, RefreshWriter } from './refresh-writer';
export { type PlanCatalogRefreshInput, planCatalogRefresh } from './plan-catalog-refresh';
export { type FetchListingsPartDeps, fetchListingsPart } from './fetch-listings-part';
export { type PlanCatalogChunksDeps, planCatalogChunks } from './plan-catalog-chunks';
export { type FetchCatalogChunkDeps, fetchCatalogChunk } from './fetch-catalog-chunk';
export {
  type CatalogRefreshManifest,
  type FinishCatalogRefreshDeps,
  finishCatalogRefresh,
} from './finish-catalog-refresh';
export {
  ListingRefreshRequestSchema,
  SkuRefreshReason,
  parseSkuRefreshMessage,
  type SkuRefreshRequest,
} from './sku-refresh-request';
export { type SkuRefreshGroup, coalesceSkuRefreshes } from './coalesce-sku-refreshes';
export {
  type MarketplaceRefresh,
  type PartnerRegion,
  type RefreshListingSkusDeps,
  type RefreshListingSkusResult,
  type SkuRefreshOutcome,
  refreshListingSkus,
} from './refresh-listing-skus';
export { InMemorySkuRefreshLog } from './in-memory-sku-refresh-log';
export { StaticPartnerDirectory } from './static-partner-directory';
