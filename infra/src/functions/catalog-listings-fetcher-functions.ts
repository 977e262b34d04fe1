import {
  AppName,
  EnvironmentSource as E,
  type FunctionSpec,
  QueueName,
  StateTableName,
} from './function-spec';
import {
  readConfiguration,
  invokeTokenBroker,
  table,
  curatedObjects,
  catalogFetcher,
  REFRESH_WORK,
  CATALOG_IDENTIFIER_INPUTS,
  REFRESH_LISTINGS_CONCURRENCY,
} from './function-spec-parts';

/**
 * The catalog-listings-fetcher functions: the catalog refresh state machine's tasks and the SKU
 * refresh.
 */
export const CATALOG_LISTINGS_FETCHER_FUNCTIONS: readonly FunctionSpec[] = [
  {
    id: 'plan-catalog-refresh',
    app: AppName.CatalogListingsFetcher,
    exportName: 'planCatalogRefresh',
    description: 'Catalog refresh: validates the request, refresh id, listings lanes',
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: catalogFetcher,
    grants: [readConfiguration('endpoints')],
  },
  {
    id: 'fetch-listings',
    app: AppName.CatalogListingsFetcher,
    exportName: 'fetchListings',
    description:
      'Catalog refresh: searchListingsItems pages of one marketplace -> listings datasets',
    memoryMb: 1024,
    timeoutSeconds: 300,
    environment: catalogFetcher,
    // The state machine's listings Map runs one lane at a time (listingsMaxConcurrency 1).
    fixedEnvironment: { RATE_LIMIT_SHARE: '1' },
    grants: [
      readConfiguration('endpoints'),
      invokeTokenBroker,
      curatedObjects('read-write-delete', 'listings_items/', 'listings_issues/'),
      curatedObjects('read-write', REFRESH_WORK),
    ],
  },
  {
    id: 'plan-catalog-chunks',
    app: AppName.CatalogListingsFetcher,
    exportName: 'planCatalogChunks',
    description: 'Catalog refresh: identifiers -> chunks; a chunk list object for large plans',
    memoryMb: 512,
    timeoutSeconds: 120,
    environment: catalogFetcher,
    grants: [
      readConfiguration('endpoints'),
      curatedObjects('read-write', REFRESH_WORK),
      curatedObjects('read', CATALOG_IDENTIFIER_INPUTS),
    ],
  },
  {
    id: 'fetch-catalog-chunk',
    app: AppName.CatalogListingsFetcher,
    exportName: 'fetchCatalogChunk',
    description: 'Catalog refresh: searchCatalogItems for one chunk -> catalog_items',
    memoryMb: 1024,
    timeoutSeconds: 300,
    environment: catalogFetcher,
    // The catalog Maps run one chunk at a time (catalogMaxConcurrency 1).
    fixedEnvironment: { RATE_LIMIT_SHARE: '1' },
    grants: [
      readConfiguration('endpoints'),
      invokeTokenBroker,
      curatedObjects('read-write-delete', 'catalog_items/'),
      curatedObjects('read-write', REFRESH_WORK),
    ],
  },
  {
    id: 'finish-catalog-refresh',
    app: AppName.CatalogListingsFetcher,
    exportName: 'finishCatalogRefresh',
    description: 'Catalog refresh: adds up lanes and chunks, writes the refresh manifest',
    memoryMb: 512,
    timeoutSeconds: 120,
    environment: catalogFetcher,
    grants: [
      readConfiguration('endpoints'),
      curatedObjects('read', REFRESH_WORK),
      curatedObjects('read-write', '_manifests/catalog-refresh/'),
    ],
  },
  {
    id: 'refresh-listings',
    app: AppName.CatalogListingsFetcher,
    exportName: 'refreshListings',
    description: 'Listing refresh queue consumer: refetches changed SKUs (partial batch responses)',
    memoryMb: 1024,
    timeoutSeconds: 300,
    environment: { ...catalogFetcher, SKU_REFRESH_TABLE: E.SkuRefreshTable },
    fixedEnvironment: { RATE_LIMIT_SHARE: String(REFRESH_LISTINGS_CONCURRENCY) },
    grants: [
      readConfiguration('accounts', 'endpoints'),
      invokeTokenBroker,
      curatedObjects('read-write-delete', 'catalog_items/', 'listings_items/', 'listings_issues/'),
      table(StateTableName.SkuRefreshes, 'GetItem', 'UpdateItem'),
      { kind: 'consume-queue', queue: QueueName.ListingRefresh },
    ],
    // A batching window gathers a burst of notifications about one SKU into one batch.
    queueTrigger: {
      queue: QueueName.ListingRefresh,
      batchSize: 25,
      maximumBatchingWindowSeconds: 30,
      maximumConcurrency: REFRESH_LISTINGS_CONCURRENCY,
    },
  },
];
