import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  CatalogIncludedData,
  CatalogItemsPort,
  ClockPort,
  ListingsIncludedData,
  ListingsItemsPort,
  PartnerDirectory,
  PartnerRegion,
  SkuRefreshLog,
} from '@spapi-lake/catalog';
import type { ParquetSinkFactory } from '@spapi-lake/ingestion';
import type { ObjectStore } from '@spapi-lake/lake';

/** The logging the handlers do: correlation keys per invocation, an error once. */
export type FetcherLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'appendKeys' | 'resetKeys'>;

/** Tunables of the fetcher (environment on AWS, options locally). */
export interface CatalogFetcherSettings {
  /** Identifiers per catalog chunk (a multiple of 20; 500 = 25 calls, about 13 s at 2/s). */
  readonly chunkSize: number;
  /** Chunks kept inline in the execution state; beyond, a manifest object for the Distributed Map. */
  readonly inlineChunkLimit: number;
  /** Bucket of `store` for the Distributed Map's ItemReader; unset: plans always stay inline. */
  readonly itemReaderBucket?: string;
  /** searchListingsItems pages per FetchListingsPart invocation. */
  readonly maxPagesPerPart: number;
  /** SP-API calls in flight per invocation (the token bucket sets the pace). */
  readonly maxInFlight: number;
  /** Glue crawler of a dataset: `<prefix><dataset>`. */
  readonly crawlerNamePrefix: string;
  /** Datasets of getListingsItem after a LISTINGS_ITEM_* notification. */
  readonly listingsIncludedData: readonly ListingsIncludedData[];
  /** Datasets of getCatalogItem after a notification; empty: the catalog is not refreshed then. */
  readonly catalogIncludedData: readonly CatalogIncludedData[];
  /** A notification is taken as seen by a fetch at least this long after its change. */
  readonly settleMs: number;
}

/**
 * Everything the catalog/listings fetcher handlers run on; the AWS app and the local runner each
 * build one per process (SP-API clients and their token buckets live across invocations).
 */
export interface CatalogFetcherDependencies {
  readonly catalogFor: (partner: PartnerRegion) => CatalogItemsPort;
  readonly listingsFor: (partner: PartnerRegion) => ListingsItemsPort;
  /** The curated zone of the lake. */
  readonly store: ObjectStore;
  readonly openParquetSink: ParquetSinkFactory;
  readonly clock: ClockPort;
  readonly partners: PartnerDirectory;
  readonly refreshLog: SkuRefreshLog;
  readonly logger: FetcherLogger;
  readonly settings: CatalogFetcherSettings;
}
