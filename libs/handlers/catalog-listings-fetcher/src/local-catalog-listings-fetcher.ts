import {
  InMemorySkuRefreshLog,
  type PartnerAccount,
  type PartnerRegion,
  StaticPartnerDirectory,
} from '@spapi-lake/catalog';
import type { Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import type { ObjectStore } from '@spapi-lake/lake';
import type { RateLimiterRegistry, TokenProvider, UserAgentOptions } from '@spapi-lake/sp-api';
import { CatalogRefreshStateName } from '@spapi-lake/workflows';
import type {
  CatalogFetcherDependencies,
  CatalogFetcherSettings,
  FetcherLogger,
} from './catalog-fetcher-dependencies';
import { DEFAULT_FETCHER_SETTINGS } from './fetcher-settings';
import {
  type CatalogRefreshTaskHandlers,
  createCatalogRefreshTaskHandlers,
} from './handlers/refresh-task-handlers';
import {
  type RefreshListingsHandler,
  createRefreshListingsHandler,
} from './handlers/refresh-listings-handler';
import { hyparquetSinkFactory } from './hyparquet-sink-factory';
import { spApiPortsFor } from './sp-api-ports-for';

/** Options of {@link createLocalCatalogListingsFetcher}. */
export interface LocalCatalogListingsFetcherOptions {
  /** The curated zone (a LocalDiskObjectStore in the local runner). */
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly logger: FetcherLogger;
  /** The configured accounts (the local config file's). */
  readonly accounts: readonly PartnerAccount[];
  readonly baseUrlOf: (region: Region) => string;
  readonly tokenProviderFor: (partner: PartnerRegion) => TokenProvider;
  /** The process's registry: every handler paces the same buckets. */
  readonly limiters: RateLimiterRegistry;
  readonly userAgent: UserAgentOptions;
  readonly fetch?: typeof fetch;
  readonly settings?: Partial<CatalogFetcherSettings>;
}

/**
 * The bucket name the local fetcher gives its store in Distributed Map ItemReaders: the local engine
 * reads the manifest back through {@link LocalCatalogListingsFetcher.itemReaderObjects}.
 */
export const LOCAL_ITEM_READER_BUCKET = 'spapi-lake-local-curated';

/** A task state's stand-in for aws-local-stepfunctions (`taskResourceLocalHandlers`). */
export type LocalTaskHandler = (input: unknown) => Promise<unknown>;

/** The fetcher's handlers over local adapters, and what to inspect. */
export interface LocalCatalogListingsFetcher {
  readonly tasks: CatalogRefreshTaskHandlers;
  readonly refreshListings: RefreshListingsHandler;
  /**
   * The Task states of `catalogRefreshDefinition` mapped to the handlers, for aws-local-stepfunctions
   * (StartCrawler answers as if the crawler started: there is no Glue locally). Run the machine with
   * `context: { Execution: { Name } }`: PlanRefresh reads `$$.Execution.Name`.
   */
  readonly taskResourceLocalHandlers: Readonly<Record<string, LocalTaskHandler>>;
  /**
   * S3 GetObject's local twin for the Distributed Map's ItemReader: objects of the store under the
   * settings' `itemReaderBucket` (default {@link LOCAL_ITEM_READER_BUCKET}).
   */
  readonly itemReaderObjects: { getObject(bucket: string, key: string): Promise<Buffer> };
  readonly deps: CatalogFetcherDependencies;
}

/**
 * The catalog/listings fetcher of the local runner and the invocation tests: the very handlers the
 * Lambda exports, over the given store, a static account list and an in-memory SKU refresh log.
 */
export function createLocalCatalogListingsFetcher(
  options: LocalCatalogListingsFetcherOptions,
): LocalCatalogListingsFetcher {
  const ports = spApiPortsFor({
    baseUrlOf: options.baseUrlOf,
    tokenProviderFor: options.tokenProviderFor,
    limiters: options.limiters,
    userAgent: options.userAgent,
    clock: options.clock,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const deps: CatalogFetcherDependencies = {
    ...ports,
    store: options.store,
    openParquetSink: hyparquetSinkFactory(),
    clock: options.clock,
    partners: new StaticPartnerDirectory(options.accounts),
    refreshLog: new InMemorySkuRefreshLog(),
    logger: options.logger,
    settings: {
      ...DEFAULT_FETCHER_SETTINGS,
      itemReaderBucket: LOCAL_ITEM_READER_BUCKET,
      ...options.settings,
    },
  };
  const tasks = createCatalogRefreshTaskHandlers(deps);
  const S = CatalogRefreshStateName;
  return {
    tasks,
    refreshListings: createRefreshListingsHandler(deps),
    taskResourceLocalHandlers: {
      [S.PlanRefresh]: tasks.planCatalogRefresh,
      [S.FetchListingsPart]: tasks.fetchListings,
      [S.PlanCatalog]: tasks.planCatalogChunks,
      [S.FetchCatalogChunk]: tasks.fetchCatalogChunk,
      [S.FetchManifestChunk]: tasks.fetchCatalogChunk,
      [S.FinishRefresh]: tasks.finishCatalogRefresh,
      [S.StartCrawler]: async () => ({}),
    },
    itemReaderObjects: {
      getObject: async (bucket, key) => {
        if (bucket !== deps.settings.itemReaderBucket) {
          throw new Error(`the local lake has no bucket ${bucket}`);
        }
        return options.store.getObject(key);
      },
    },
    deps,
  };
}
