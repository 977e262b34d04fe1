import type { PayloadTemplate, State, StateMachineDefinition } from './asl';
import { ServiceIntegrationErrorName, StatesErrorName } from './error-names';
import { START_CRAWLER_RESOURCE } from './report-ingestion-definition';
import {
  glueRetrier,
  lambdaServiceRetrier,
  reportDocumentRetrier,
  spApiTaskRetry,
} from './retry-policies';

/** The Lambda functions (ARNs) the catalog refresh state machine invokes (libs/catalog contracts). */
export interface CatalogRefreshResources {
  /** `PlanRefresh`: `{ request, executionName, startTime }` -> CatalogRefreshPlan (the new state). */
  readonly planRefreshFunctionArn: string;
  /** `FetchListingsPart`: FetchListingsInput -> FetchListingsOutput (the lane's next input). */
  readonly fetchListingsFunctionArn: string;
  /** `PlanCatalog`: PlanCatalogInput -> CatalogChunkPlan (replaces `$.catalog`). */
  readonly planCatalogFunctionArn: string;
  /** `FetchCatalogChunk`: FetchCatalogChunkInput -> CatalogChunkSummary. */
  readonly fetchCatalogChunkFunctionArn: string;
  /** `FinishRefresh`: FinishRefreshInput -> FinishRefreshOutput. */
  readonly finishRefreshFunctionArn: string;
}

/** Tunables of the catalog refresh state machine. */
export interface CatalogRefreshOptions {
  /**
   * Catalog chunks fetched at once. Default 1: an execution serves one partner, each chunk
   * invocation paces searchCatalogItems with an in-process bucket holding the partner's whole plan
   * (2/s, burst 2), so N chunks at once would spend N times the plan. Raise it only together with
   * the functions' RATE_LIMIT_SHARE (each then paces at plan / N).
   */
  readonly catalogMaxConcurrency?: number;
  /** Marketplaces whose listings are enumerated at once (searchListingsItems plan is per partner). Default 1. */
  readonly listingsMaxConcurrency?: number;
  /** Share of failed chunks the Distributed Map tolerates. Default 0. */
  readonly toleratedFailurePercentage?: number;
  /** Whole-execution timeout. Default 24 h. */
  readonly executionTimeoutSeconds?: number;
}

/** State names of the catalog refresh state machine (overrides and tests key on them). */
export const CatalogRefreshStateName = {
  PlanRefresh: 'PlanRefresh',
  FetchListings: 'FetchListings',
  FetchListingsPart: 'FetchListingsPart',
  ListingsLaneDone: 'ListingsLaneDone',
  ListingsLaneFinished: 'ListingsLaneFinished',
  CatalogEnabled: 'CatalogEnabled',
  PlanCatalog: 'PlanCatalog',
  CatalogFanOut: 'CatalogFanOut',
  FetchCatalogInline: 'FetchCatalogInline',
  FetchCatalogDistributed: 'FetchCatalogDistributed',
  FetchCatalogChunk: 'FetchCatalogChunk',
  /** The same task inside the Distributed Map (state names are unique across a machine). */
  FetchManifestChunk: 'FetchManifestChunk',
  FinishRefresh: 'FinishRefresh',
  StartCrawlers: 'StartCrawlers',
  StartCrawler: 'StartCrawler',
  CrawlerStarted: 'CrawlerStarted',
  CrawlerAlreadyRunning: 'CrawlerAlreadyRunning',
  CrawlerNotStarted: 'CrawlerNotStarted',
  RefreshDone: 'RefreshDone',
} as const;

const S = CatalogRefreshStateName;

/** The `s3:getObject` ItemReader of a Distributed Map over a JSON array. */
export const S3_GET_OBJECT_ITEM_READER_RESOURCE = 'arn:aws:states:::s3:getObject';

/**
 * A Distributed Map state: what `State` (inline maps only) lacks. Plain JSON, like every state.
 */
export interface DistributedMapState extends Omit<State, 'Type' | 'ItemProcessor'> {
  readonly Type: 'Map';
  readonly ItemReader: {
    readonly Resource: string;
    readonly ReaderConfig: { readonly InputType: 'JSON' };
    readonly Parameters: PayloadTemplate;
  };
  readonly ItemProcessor: {
    readonly ProcessorConfig: {
      readonly Mode: 'DISTRIBUTED';
      readonly ExecutionType: 'STANDARD' | 'EXPRESS';
    };
    readonly StartAt: string;
    readonly States: { readonly [name: string]: State };
  };
  readonly Label?: string;
  readonly ToleratedFailurePercentage?: number;
}

/** The catalog refresh definition: a StateMachineDefinition whose states may be Distributed Maps. */
export interface CatalogRefreshDefinition extends Omit<StateMachineDefinition, 'States'> {
  readonly States: { readonly [name: string]: State | DistributedMapState };
}

const storeTaskRetry = [reportDocumentRetrier, lambdaServiceRetrier];

/**
 * Flow 3 for one selling partner and region: plan (refresh id, date, one listings lane per
 * marketplace), enumerate the partner's listings lane by lane (each lane a loop of parts that
 * continue a keyset cursor), cut the catalog identifiers into chunks and fan them out (an inline
 * Map for small plans, a Distributed Map over a manifest object beyond ~10,000 identifiers), then
 * write the refresh manifest and start the datasets' crawlers.
 */
export function catalogRefreshDefinition(
  resources: CatalogRefreshResources,
  options: CatalogRefreshOptions = {},
): CatalogRefreshDefinition {
  const catalogMaxConcurrency = options.catalogMaxConcurrency ?? 1;
  const chunkInput: PayloadTemplate = {
    'refresh.$': '$.refresh',
    'catalog.$': '$.catalog.settings',
    'chunk.$': '$$.Map.Item.Value',
  };
  const chunkTask: State = {
    Type: 'Task',
    Comment: 'searchCatalogItems, 20 identifiers per call, one marketplace; one file per chunk',
    Resource: resources.fetchCatalogChunkFunctionArn,
    Retry: spApiTaskRetry,
    End: true,
  };
  const crawlerName: PayloadTemplate = { 'crawlerName.$': '$.crawlerName' };
  const distributed: DistributedMapState = {
    Type: 'Map',
    Comment: 'Large plans: the chunks are a JSON array in the lake (state is capped at 256 KiB)',
    Label: 'CatalogChunks',
    ItemReader: {
      Resource: S3_GET_OBJECT_ITEM_READER_RESOURCE,
      ReaderConfig: { InputType: 'JSON' },
      Parameters: {
        'Bucket.$': '$.catalog.itemReader.Bucket',
        'Key.$': '$.catalog.itemReader.Key',
      },
    },
    ItemSelector: chunkInput,
    MaxConcurrency: catalogMaxConcurrency,
    ToleratedFailurePercentage: options.toleratedFailurePercentage ?? 0,
    ItemProcessor: {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: S.FetchManifestChunk,
      States: { [S.FetchManifestChunk]: chunkTask },
    },
    ResultPath: null,
    Next: S.FinishRefresh,
  };

  return {
    Comment: 'spapi-lake catalog refresh: listings and catalog items of one partner',
    StartAt: S.PlanRefresh,
    TimeoutSeconds: options.executionTimeoutSeconds ?? 86_400,
    States: {
      [S.PlanRefresh]: {
        Type: 'Task',
        Comment: 'Validates the request; refresh id, dt, listings lanes, catalog part',
        Resource: resources.planRefreshFunctionArn,
        Parameters: {
          'request.$': '$',
          'executionName.$': '$$.Execution.Name',
          'startTime.$': '$$.Execution.StartTime',
        },
        Retry: [lambdaServiceRetrier],
        Next: S.FetchListings,
      },
      [S.FetchListings]: {
        Type: 'Map',
        Comment: "One lane per marketplace; a lane's parts run one after the other",
        ItemsPath: '$.listingsLanes',
        ItemSelector: { 'refresh.$': '$.refresh', 'lane.$': '$$.Map.Item.Value' },
        MaxConcurrency: options.listingsMaxConcurrency ?? 1,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: S.FetchListingsPart,
          States: {
            [S.FetchListingsPart]: {
              Type: 'Task',
              Comment: 'searchListingsItems pages; its output is the next part input',
              Resource: resources.fetchListingsFunctionArn,
              Retry: spApiTaskRetry,
              Next: S.ListingsLaneDone,
            },
            [S.ListingsLaneDone]: {
              Type: 'Choice',
              Choices: [{ Variable: '$.done', BooleanEquals: true, Next: S.ListingsLaneFinished }],
              Default: S.FetchListingsPart,
            },
            [S.ListingsLaneFinished]: { Type: 'Succeed' },
          },
        },
        ResultPath: '$.listings',
        Next: S.CatalogEnabled,
      },
      [S.CatalogEnabled]: {
        Type: 'Choice',
        Choices: [{ Variable: '$.catalog', IsPresent: true, Next: S.PlanCatalog }],
        Default: S.FinishRefresh,
      },
      [S.PlanCatalog]: {
        Type: 'Task',
        Comment: 'Identifiers -> chunks; a manifest object when they do not fit the state',
        Resource: resources.planCatalogFunctionArn,
        Parameters: { 'refresh.$': '$.refresh', 'catalog.$': '$.catalog' },
        ResultPath: '$.catalog',
        Retry: storeTaskRetry,
        Next: S.CatalogFanOut,
      },
      [S.CatalogFanOut]: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.catalog.itemReader', IsPresent: true, Next: S.FetchCatalogDistributed },
          {
            Variable: '$.catalog.chunkCount',
            NumericGreaterThanEquals: 1,
            Next: S.FetchCatalogInline,
          },
        ],
        Default: S.FinishRefresh,
      },
      [S.FetchCatalogInline]: {
        Type: 'Map',
        ItemsPath: '$.catalog.chunks',
        ItemSelector: chunkInput,
        MaxConcurrency: catalogMaxConcurrency,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: S.FetchCatalogChunk,
          States: { [S.FetchCatalogChunk]: chunkTask },
        },
        ResultPath: null,
        Next: S.FinishRefresh,
      },
      [S.FetchCatalogDistributed]: distributed,
      [S.FinishRefresh]: {
        Type: 'Task',
        Comment: 'Adds up lanes and chunk summaries, writes the refresh manifest',
        Resource: resources.finishRefreshFunctionArn,
        Parameters: { 'refresh.$': '$.refresh', 'listings.$': '$.listings' },
        ResultPath: '$.finish',
        Retry: storeTaskRetry,
        Next: S.StartCrawlers,
      },
      [S.StartCrawlers]: {
        Type: 'Map',
        Comment: 'A crawler that cannot start never fails the refresh: the data is in the lake',
        ItemsPath: '$.finish.crawlerNames',
        ItemSelector: { 'crawlerName.$': '$$.Map.Item.Value' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: S.StartCrawler,
          States: {
            [S.StartCrawler]: {
              Type: 'Task',
              Resource: START_CRAWLER_RESOURCE,
              Parameters: { 'Name.$': '$.crawlerName' },
              ResultPath: null,
              Retry: [glueRetrier],
              Catch: [
                {
                  ErrorEquals: [ServiceIntegrationErrorName.GlueCrawlerRunning],
                  ResultPath: null,
                  Next: S.CrawlerAlreadyRunning,
                },
                {
                  ErrorEquals: [StatesErrorName.All],
                  ResultPath: '$.error',
                  Next: S.CrawlerNotStarted,
                },
              ],
              Next: S.CrawlerStarted,
            },
            [S.CrawlerStarted]: {
              Type: 'Pass',
              Parameters: { ...crawlerName, outcome: 'STARTED' },
              End: true,
            },
            [S.CrawlerAlreadyRunning]: {
              Type: 'Pass',
              Parameters: { ...crawlerName, outcome: 'ALREADY_RUNNING' },
              End: true,
            },
            [S.CrawlerNotStarted]: {
              Type: 'Pass',
              Parameters: { ...crawlerName, outcome: 'NOT_STARTED', 'error.$': '$.error' },
              End: true,
            },
          },
        },
        ResultPath: '$.crawlers',
        Next: S.RefreshDone,
      },
      [S.RefreshDone]: {
        Type: 'Pass',
        Parameters: {
          'refreshId.$': '$.refresh.refreshId',
          'sellingPartnerId.$': '$.refresh.sellingPartnerId',
          'dt.$': '$.refresh.dt',
          'rows.$': '$.finish.rows',
          'manifestKey.$': '$.finish.manifestKey',
          'crawlers.$': '$.crawlers',
        },
        End: true,
      },
    },
  };
}
