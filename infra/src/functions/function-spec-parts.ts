import {
  type ConfigurationParameter,
  EnvironmentSource as E,
  type Grant,
  type ObjectAccess,
  StateTableName,
  type TableAction,
} from './function-spec';

// Grants and environments several functions of the catalog share.

export const readConfiguration = (...parameters: ConfigurationParameter[]): Grant => ({
  kind: 'read-configuration',
  parameters,
});
export const invokeTokenBroker: Grant = { kind: 'invoke-token-broker' };
export const table = (name: StateTableName, ...actions: TableAction[]): Grant => ({
  kind: 'table',
  table: name,
  actions,
});
export const laneStore = table(StateTableName.LaneStates, 'GetItem', 'PutItem');
export const notificationState = table(
  StateTableName.NotificationState,
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
);
export const curated = (...prefixes: string[]): Grant => ({
  kind: 'objects',
  bucket: 'curated',
  access: 'read-write',
  ...(prefixes.length > 0 ? { prefixes } : {}),
});

export const curatedObjects = (access: ObjectAccess, ...prefixes: string[]): Grant => ({
  kind: 'objects',
  bucket: 'curated',
  access,
  prefixes,
});

export const spApiCaller = {
  PARAMETER_PREFIX: E.ParameterPrefix,
  TOKEN_BROKER_FUNCTION: E.TokenBrokerFunction,
} as const;
export const curatedWriter = {
  CURATED_BUCKET: E.CuratedBucket,
  LAKE_KMS_KEY_ID: E.LakeKmsKeyId,
} as const;

// catalog-listings-fetcher: every function builds the same composition root (apps/…/config.ts).
export const catalogFetcher = {
  PARAMETER_PREFIX: E.ParameterPrefix,
  CURATED_BUCKET: E.CuratedBucket,
  LAKE_KMS_KEY_ID: E.LakeKmsKeyId,
  TOKEN_BROKER_FUNCTION: E.TokenBrokerFunction,
  CRAWLER_NAME_PREFIX: E.CrawlerNamePrefix,
} as const;
/** Work objects of a refresh (listings ASINs, chunk list and summaries); expired after a week. */
export const REFRESH_WORK = '_work/catalog-refresh/';
/** Identifier lists a refresh request names (`catalog.source.kind = identifiersObject`). */
export const CATALOG_IDENTIFIER_INPUTS = '_inputs/catalog-refresh/';

/**
 * Concurrent refreshListings invocations (the listing refresh mapping's MaximumConcurrency, 2 at
 * least): each paces getListingsItem / getCatalogItem at the partner's plan divided by it.
 */
export const REFRESH_LISTINGS_CONCURRENCY = 2;
