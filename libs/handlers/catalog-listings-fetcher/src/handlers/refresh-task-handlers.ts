import {
  type CatalogChunkPlan,
  type CatalogChunkSummary,
  type CatalogRefreshPlan,
  FetchCatalogChunkInputSchema,
  FetchListingsInputSchema,
  type FetchListingsOutput,
  FinishRefreshInputSchema,
  type FinishRefreshOutput,
  PlanCatalogInputSchema,
  fetchCatalogChunk,
  fetchListingsPart,
  finishCatalogRefresh,
  parseWith,
  planCatalogChunks,
  planCatalogRefresh,
} from '@spapi-lake/catalog';
import { z } from 'zod';
import type { CatalogFetcherDependencies, FetcherLogger } from '../catalog-fetcher-dependencies';
import { runTask } from '../run-task';

/** A Step Functions Lambda task: its input is the Task's effective input. */
export type TaskHandler<Output> = (event: unknown) => Promise<Output>;

/** The five Lambda handlers of the catalog refresh state machine (libs/workflows). */
export interface CatalogRefreshTaskHandlers {
  /** `PlanRefresh`. */
  readonly planCatalogRefresh: TaskHandler<CatalogRefreshPlan>;
  /** `FetchListingsPart`. */
  readonly fetchListings: TaskHandler<FetchListingsOutput>;
  /** `PlanCatalog`. */
  readonly planCatalogChunks: TaskHandler<CatalogChunkPlan>;
  /** `FetchCatalogChunk` (inline Map) and `FetchManifestChunk` (Distributed Map). */
  readonly fetchCatalogChunk: TaskHandler<CatalogChunkSummary>;
  /** `FinishRefresh`. */
  readonly finishCatalogRefresh: TaskHandler<FinishRefreshOutput>;
}

const PlanRefreshEventSchema = z.strictObject({
  request: z.unknown(),
  executionName: z.string().min(1),
  startTime: z.string().min(1),
});

type Keys = Readonly<Record<string, string | number | undefined>>;

// One task: validate the input against its contract (a mismatch is CatalogRefreshInputError, never
// retried), put the correlation keys on every log entry, run, log a failure once.
function task<S extends z.ZodType, Output>(
  logger: FetcherLogger,
  name: string,
  schema: S,
  keysOf: (input: z.output<S>) => Keys,
  action: (input: z.output<S>) => Promise<Output>,
): TaskHandler<Output> {
  return (event) =>
    runTask(logger, { task: name }, async () => {
      const input = parseWith(schema, event, `${name} input`);
      logger.appendKeys(
        Object.fromEntries(Object.entries(keysOf(input)).filter(([, v]) => v !== undefined)),
      );
      return action(input);
    });
}

/** Builds the task handlers over one set of dependencies. */
export function createCatalogRefreshTaskHandlers(
  deps: CatalogFetcherDependencies,
): CatalogRefreshTaskHandlers {
  const { logger, settings } = deps;
  return {
    planCatalogRefresh: task(
      logger,
      'PlanRefresh',
      PlanRefreshEventSchema,
      (input) => ({ executionName: input.executionName }),
      async (input) => {
        const plan = planCatalogRefresh(input);
        logger.info('refresh planned', {
          ...plan.refresh,
          lanes: plan.listingsLanes.length,
          catalogSource: plan.catalog?.source.kind,
        });
        return plan;
      },
    ),
    fetchListings: task(
      logger,
      'FetchListingsPart',
      FetchListingsInputSchema,
      ({ refresh, lane }) => ({ ...refresh, marketplaceId: lane.marketplaceId, part: lane.part }),
      async (input) => {
        const output = await fetchListingsPart(
          {
            listings: deps.listingsFor(input.refresh),
            store: deps.store,
            openParquetSink: deps.openParquetSink,
            clock: deps.clock,
            maxPagesPerPart: settings.maxPagesPerPart,
          },
          input,
        );
        logger.info('listings part fetched', { totals: output.totals, done: output.done });
        return output;
      },
    ),
    planCatalogChunks: task(
      logger,
      'PlanCatalog',
      PlanCatalogInputSchema,
      ({ refresh }) => refresh,
      async (input) => {
        const plan = await planCatalogChunks(
          {
            store: deps.store,
            chunkSize: settings.chunkSize,
            inlineChunkLimit: settings.inlineChunkLimit,
            ...(settings.itemReaderBucket === undefined
              ? {}
              : { itemReaderBucket: settings.itemReaderBucket }),
          },
          input,
        );
        logger.info('catalog chunks planned', {
          chunkCount: plan.chunkCount,
          identifierCount: plan.identifierCount,
          distributed: plan.itemReader !== undefined,
        });
        return plan;
      },
    ),
    fetchCatalogChunk: task(
      logger,
      'FetchCatalogChunk',
      FetchCatalogChunkInputSchema,
      ({ refresh, chunk }) => ({
        ...refresh,
        marketplaceId: chunk.marketplaceId,
        chunk: chunk.index,
      }),
      async (input) => {
        const summary = await fetchCatalogChunk(
          {
            catalog: deps.catalogFor(input.refresh),
            store: deps.store,
            openParquetSink: deps.openParquetSink,
            clock: deps.clock,
            maxInFlight: settings.maxInFlight,
          },
          input,
        );
        logger.info('catalog chunk fetched', {
          calls: summary.calls,
          items: summary.items,
          notFound: summary.notFound.length,
          rejected: summary.rejected.length,
        });
        return summary;
      },
    ),
    finishCatalogRefresh: task(
      logger,
      'FinishRefresh',
      FinishRefreshInputSchema,
      ({ refresh }) => refresh,
      async (input) => {
        const output = await finishCatalogRefresh(
          { store: deps.store, clock: deps.clock, crawlerNamePrefix: settings.crawlerNamePrefix },
          input,
        );
        logger.info('refresh finished', { rows: output.rows, manifestKey: output.manifestKey });
        return output;
      },
    ),
  };
}
