export type {
  CatalogFetcherDependencies,
  CatalogFetcherSettings,
  FetcherLogger,
} from './catalog-fetcher-dependencies';
export { DEFAULT_FETCHER_SETTINGS } from './fetcher-settings';
export {
  PartnerDirectoryUnavailableError,
  SkuRefreshLogRequestError,
  SkuRefreshLogUnavailableError,
} from './errors';
export {
  type CatalogRefreshTaskHandlers,
  type TaskHandler,
  createCatalogRefreshTaskHandlers,
} from './handlers/refresh-task-handlers';
export {
  type RefreshListingsHandler,
  createRefreshListingsHandler,
} from './handlers/refresh-listings-handler';
export { spApiCatalogItemsPort, spApiListingsItemsPort } from './sp-api-catalog-ports';
export { type SpApiPortsForOptions, spApiPortsFor } from './sp-api-ports-for';
export { FETCHER_OPERATIONS, rateLimitShareFetch, sharedUsagePlans } from './usage-plan-share';
export { hyparquetSinkFactory } from './hyparquet-sink-factory';
export {
  type SsmPartnerDirectoryOptions,
  SsmPartnerDirectory,
} from './adapters/ssm-partner-directory';
export {
  type DynamoDbSkuRefreshLogOptions,
  DynamoDbSkuRefreshLog,
} from './adapters/dynamodb-sku-refresh-log';
export {
  LOCAL_ITEM_READER_BUCKET,
  type LocalCatalogListingsFetcher,
  type LocalCatalogListingsFetcherOptions,
  type LocalTaskHandler,
  createLocalCatalogListingsFetcher,
} from './local-catalog-listings-fetcher';
export { type RecordedLog, RecordingFetcherLogger } from './recording-fetcher-logger';
export { readSsmEndpointOverrides } from './adapters/ssm-endpoint-overrides';
export { localSqsEvent } from './local-sqs-event';
