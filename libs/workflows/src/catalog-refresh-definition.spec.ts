import aslValidator from 'asl-validator';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  CatalogRefreshStateName as S,
  type CatalogRefreshDefinition,
  catalogRefreshDefinition,
} from './catalog-refresh-definition';
import { contractHandler, taskError, type LocalHandler, type LocalRun } from './test/run-locally';

const fn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:spapi-lake-${name}`;
const resources = {
  planRefreshFunctionArn: fn('plan-catalog-refresh'),
  fetchListingsFunctionArn: fn('fetch-listings'),
  planCatalogFunctionArn: fn('plan-catalog-chunks'),
  fetchCatalogChunkFunctionArn: fn('fetch-catalog-chunk'),
  finishRefreshFunctionArn: fn('finish-catalog-refresh'),
};

function validationErrors(definition: CatalogRefreshDefinition): string {
  const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
  return result.isValid ? '' : result.errorsText();
}

function machine(definition: CatalogRefreshDefinition): StateMachine {
  return new StateMachine(JSON.parse(JSON.stringify(definition)));
}

/**
 * One local execution. Unlike the shared harness it names the execution: aws-local-stepfunctions
 * only fills `$$.Execution.StartTime`, and PlanRefresh reads `$$.Execution.Name` too.
 */
async function runLocally(
  stateMachine: StateMachine,
  input: unknown,
  options: {
    handlers: Record<string, LocalHandler>;
    retryIntervalOverrides?: Record<string, number>;
  },
): Promise<LocalRun> {
  const handlers = Object.fromEntries(
    Object.entries(options.handlers).map(([name, handler]) => [
      name,
      async (taskInput: unknown) =>
        JSON.parse(JSON.stringify((await handler(taskInput as Record<string, unknown>)) ?? null)),
    ]),
  );
  const execution = stateMachine.run(JSON.parse(JSON.stringify(input)), {
    overrides: {
      taskResourceLocalHandlers: handlers,
      retryIntervalOverrides: { ...options.retryIntervalOverrides },
    },
    context: { Execution: { Name: 'catalog-refresh-test' } },
  });
  const visited: string[] = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') visited.push(event.state.name);
    }
  })();
  try {
    const output: unknown = await execution.result;
    await collecting;
    return { output, visited };
  } catch (error) {
    await collecting;
    const cause = error instanceof Error ? error.cause : undefined;
    if (!(cause instanceof Error)) throw error;
    return { error: { name: cause.name, message: cause.message }, visited };
  }
}

const refresh = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  region: 'NA',
  refreshId: 'r-1',
  dt: '2026-11-01',
};

interface Lane {
  marketplaceId: string;
  part: number;
}

/** Stand-ins of the five Lambdas, per the libs/catalog contracts, recording their inputs. */
class FakeCatalogLambdas {
  readonly calls: Record<string, Record<string, unknown>[]> = {};
  /** Parts each marketplace's listings take. */
  parts: Record<string, number> = { US: 2, CA: 1 };
  chunks = 3;
  catalog = true;
  chunkErrors: Error[] = [];
  crawlerErrors: Record<string, Error> = {};
  inFlight = 0;
  peakInFlight = 0;

  handlers(): Record<string, LocalHandler> {
    return {
      [S.PlanRefresh]: (input) => {
        this.record(S.PlanRefresh, input);
        return {
          refresh,
          listingsLanes: Object.keys(this.parts).map((marketplaceId) => ({
            marketplaceId,
            includedData: ['summaries'],
            part: 0,
          })),
          ...(this.catalog
            ? {
                catalog: {
                  marketplaceIds: ['US'],
                  source: { kind: 'listings' },
                  includedData: ['summaries'],
                },
              }
            : {}),
        };
      },
      [S.FetchListingsPart]: contractHandler(
        (input: { lane: Lane; totals?: { items: number } }) => {
          this.record(S.FetchListingsPart, input as unknown as Record<string, unknown>);
          const part = input.lane.part + 1;
          return {
            refresh,
            lane: { ...input.lane, part },
            totals: { items: (input.totals?.items ?? 0) + 10, issues: 0, parts: part },
            done: part >= (this.parts[input.lane.marketplaceId] ?? 1),
          };
        },
      ),
      [S.PlanCatalog]: (input) => {
        this.record(S.PlanCatalog, input);
        const chunks = Array.from({ length: this.chunks }, (_, index) => ({
          index,
          marketplaceId: 'US',
          query: { kind: 'identifiers', identifiersType: 'ASIN', identifiers: [`B${index}`] },
        }));
        return {
          settings: { includedData: ['summaries'] },
          chunkCount: chunks.length,
          identifierCount: chunks.length,
          chunks,
        };
      },
      [S.FetchCatalogChunk]: async (input) => {
        this.record(S.FetchCatalogChunk, input);
        const error = this.chunkErrors.shift();
        if (error) throw error;
        this.inFlight += 1;
        this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        this.inFlight -= 1;
        return { index: 0, marketplaceId: 'US', calls: 1, items: 1, notFound: [], rejected: [] };
      },
      [S.FinishRefresh]: (input) => {
        this.record(S.FinishRefresh, input);
        return {
          refreshId: 'r-1',
          manifestKey: 'm.json',
          crawlerNames: ['c_catalog_items', 'c_listings_items'],
          rows: { catalog_items: 3, listings_items: 30, listings_issues: 0 },
        };
      },
      [S.StartCrawler]: (input) => {
        this.record(S.StartCrawler, input);
        const error = this.crawlerErrors[String(input['Name'])];
        if (error) throw error;
        return {};
      },
    };
  }

  private record(name: string, input: Record<string, unknown>): void {
    (this.calls[name] ??= []).push(input);
  }

  count(name: string): number {
    return this.calls[name]?.length ?? 0;
  }
}

const quick = {
  retryIntervalOverrides: { [S.FetchCatalogChunk]: 0, [S.FetchListingsPart]: 0 },
};

describe('catalogRefreshDefinition: structure', () => {
  it('is valid ASL', () => {
    expect(validationErrors(catalogRefreshDefinition(resources))).toBe('');
  });

  it('fans chunks out one at a time by default, inline or as a Distributed Map over the manifest', () => {
    const definition = catalogRefreshDefinition(resources);
    expect(definition.States[S.FetchCatalogInline]).toMatchObject({
      ItemsPath: '$.catalog.chunks',
      MaxConcurrency: 1,
      ItemSelector: {
        'refresh.$': '$.refresh',
        'catalog.$': '$.catalog.settings',
        'chunk.$': '$$.Map.Item.Value',
      },
    });
    expect(definition.States[S.FetchCatalogDistributed]).toMatchObject({
      MaxConcurrency: 1,
      ToleratedFailurePercentage: 0,
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON' },
        Parameters: {
          'Bucket.$': '$.catalog.itemReader.Bucket',
          'Key.$': '$.catalog.itemReader.Key',
        },
      },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    });
    expect(definition.States[S.CatalogFanOut]?.Choices?.[0]).toEqual({
      Variable: '$.catalog.itemReader',
      IsPresent: true,
      Next: S.FetchCatalogDistributed,
    });
    expect(definition.States[S.FetchListings]?.MaxConcurrency).toBe(1);
  });

  it('retries SP-API throttling on the tasks that call SP-API', () => {
    const definition = catalogRefreshDefinition(resources, { catalogMaxConcurrency: 2 });
    const inline = definition.States[S.FetchCatalogInline];
    const chunk = inline?.ItemProcessor?.States[S.FetchCatalogChunk];
    expect(inline?.MaxConcurrency).toBe(2);
    expect(chunk?.Retry?.[0]).toMatchObject({
      ErrorEquals: ['SpApiQuotaExceededError'],
      IntervalSeconds: 60,
    });
    const lane = definition.States[S.FetchListings]?.ItemProcessor?.States[S.FetchListingsPart];
    expect(lane?.Retry?.[0]?.ErrorEquals).toEqual(['SpApiQuotaExceededError']);
  });
});

describe('catalogRefreshDefinition: runs', () => {
  const request = {
    sellingPartnerId: 'A1B2C3D4E5F6G7',
    region: 'NA',
    marketplaceIds: ['US', 'CA'],
  };

  it('runs every listings part, then each chunk one at a time, then finishes and crawls', async () => {
    const lambdas = new FakeCatalogLambdas();
    const run = await runLocally(machine(catalogRefreshDefinition(resources)), request, {
      handlers: lambdas.handlers(),
      ...quick,
    });
    expect(run.error).toBeUndefined();
    expect(lambdas.calls[S.PlanRefresh]?.[0]).toMatchObject({
      request,
      executionName: expect.any(String),
    });
    expect(lambdas.count(S.FetchListingsPart)).toBe(3);
    expect(lambdas.calls[S.FetchListingsPart]?.[1]).toMatchObject({
      lane: { marketplaceId: 'US', part: 1 },
      totals: { items: 10 },
      done: false,
    });
    expect(lambdas.calls[S.PlanCatalog]?.[0]).toEqual({
      refresh,
      catalog: {
        marketplaceIds: ['US'],
        source: { kind: 'listings' },
        includedData: ['summaries'],
      },
    });
    expect(lambdas.calls[S.FetchCatalogChunk]?.map((input) => input['chunk'])).toEqual([
      expect.objectContaining({ index: 0 }),
      expect.objectContaining({ index: 1 }),
      expect.objectContaining({ index: 2 }),
    ]);
    expect(lambdas.calls[S.FetchCatalogChunk]?.[0]).toMatchObject({
      refresh,
      catalog: { includedData: ['summaries'] },
    });
    expect(lambdas.peakInFlight).toBe(1);
    expect(lambdas.calls[S.FinishRefresh]?.[0]).toEqual({
      refresh,
      listings: [
        expect.objectContaining({
          lane: expect.objectContaining({ marketplaceId: 'US' }),
          totals: { items: 20, issues: 0, parts: 2 },
        }),
        expect.objectContaining({
          lane: expect.objectContaining({ marketplaceId: 'CA' }),
          totals: { items: 10, issues: 0, parts: 1 },
        }),
      ],
    });
    expect(run.output).toEqual({
      refreshId: 'r-1',
      sellingPartnerId: 'A1B2C3D4E5F6G7',
      dt: '2026-11-01',
      rows: { catalog_items: 3, listings_items: 30, listings_issues: 0 },
      manifestKey: 'm.json',
      crawlers: [
        { crawlerName: 'c_catalog_items', outcome: 'STARTED' },
        { crawlerName: 'c_listings_items', outcome: 'STARTED' },
      ],
    });
  });

  it('fetches chunks concurrently up to catalogMaxConcurrency', async () => {
    const lambdas = new FakeCatalogLambdas();
    lambdas.chunks = 6;
    await runLocally(
      machine(catalogRefreshDefinition(resources, { catalogMaxConcurrency: 3 })),
      request,
      {
        handlers: lambdas.handlers(),
        ...quick,
      },
    );
    expect(lambdas.peakInFlight).toBe(3);
  });

  it('retries a throttled chunk and skips the fan-out when there is nothing to fetch', async () => {
    const lambdas = new FakeCatalogLambdas();
    lambdas.chunkErrors = [taskError('SpApiQuotaExceededError')];
    const run = await runLocally(machine(catalogRefreshDefinition(resources)), request, {
      handlers: lambdas.handlers(),
      ...quick,
    });
    expect(run.error).toBeUndefined();
    expect(lambdas.count(S.FetchCatalogChunk)).toBe(4);

    const empty = new FakeCatalogLambdas();
    empty.chunks = 0;
    const emptyRun = await runLocally(machine(catalogRefreshDefinition(resources)), request, {
      handlers: empty.handlers(),
      ...quick,
    });
    expect(emptyRun.visited).not.toContain(S.FetchCatalogInline);
    expect(emptyRun.visited).toContain(S.FinishRefresh);
  });

  it('goes straight to FinishRefresh without a catalog part, and tolerates a running crawler', async () => {
    const lambdas = new FakeCatalogLambdas();
    lambdas.catalog = false;
    lambdas.crawlerErrors['c_listings_items'] = taskError('Glue.CrawlerRunningException');
    const run = await runLocally(machine(catalogRefreshDefinition(resources)), request, {
      handlers: lambdas.handlers(),
      ...quick,
    });
    expect(lambdas.count(S.PlanCatalog)).toBe(0);
    expect(run.output).toMatchObject({
      crawlers: [
        { crawlerName: 'c_catalog_items', outcome: 'STARTED' },
        { crawlerName: 'c_listings_items', outcome: 'ALREADY_RUNNING' },
      ],
    });
  });

  it('fails the execution with the error of a chunk that cannot succeed', async () => {
    const lambdas = new FakeCatalogLambdas();
    lambdas.chunkErrors = [taskError('SpApiAccessDeniedError', 'Access denied')];
    const run = await runLocally(machine(catalogRefreshDefinition(resources)), request, {
      handlers: lambdas.handlers(),
      ...quick,
    });
    expect(run.error).toEqual({ name: 'SpApiAccessDeniedError', message: 'Access denied' });
    expect(lambdas.count(S.FinishRefresh)).toBe(0);
  });
});
