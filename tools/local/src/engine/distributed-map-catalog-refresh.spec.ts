import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  RecordingFetcherLogger,
  createLocalCatalogListingsFetcher,
} from '@spapi-lake/catalog-listings-fetcher-handlers';
import { systemClock } from '@spapi-lake/core';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import { RateLimiterRegistry, operationSpecs } from '@spapi-lake/sp-api';
import { type SimulatorHandle, startSimulator } from '@spapi-lake/sp-api-simulator';
import { CatalogRefreshStateName, catalogRefreshDefinition } from '@spapi-lake/workflows';
import { LocalStateMachine } from './local-state-machine';

// The catalog refresh of more than 10,000 identifiers: the plan no longer fits the execution state,
// so PlanCatalog writes a chunk manifest and the Distributed Map reads it. The local engine runs
// that branch of the very definition infra deploys; what lands must be the simulator's truth.

jest.setTimeout(60_000);

const US = 'ATVPDKIKX0DER';
const RATE_SCALE = 100;
const IDENTIFIERS = 10_500;
const S = CatalogRefreshStateName;

let sim: SimulatorHandle;
let directory: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 42, rateScale: RATE_SCALE, realTime: true });
  directory = await mkdtemp(path.join(os.tmpdir(), 'distributed-catalog-refresh-'));
});

afterAll(async () => {
  await sim?.stop();
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

it("fetches 10,500 identifiers through the Distributed Map and lands the simulator's catalog", async () => {
  const credentials = sim.credentials();
  const seller = credentials.partners.find((p) => p.accountType === 'seller' && p.region === 'NA');
  if (seller === undefined) throw new Error('the simulator has no NA seller');
  const store = new LocalDiskObjectStore(directory);
  const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl });
  const cache = new AccessTokenCache();
  const { rate, burst } = operationSpecs.searchCatalogItems;
  const fetcher = createLocalCatalogListingsFetcher({
    store,
    clock: systemClock,
    logger: new RecordingFetcherLogger(),
    accounts: [seller],
    baseUrlOf: () => sim.spApiBaseUrl,
    tokenProviderFor: () =>
      new LwaTokenProvider({
        client: lwa,
        cache,
        credentials: async () => ({
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
        }),
        refreshToken: async () => seller.refreshToken,
      }),
    limiters: new RateLimiterRegistry({
      clock: systemClock,
      usagePlans: { searchCatalogItems: { rate: rate * RATE_SCALE, burst: burst * RATE_SCALE } },
    }),
    userAgent: { appName: 'spapi-lake-test', appVersion: '0.0.0' },
  });

  // Every ASIN of the marketplace's catalog, then ASIN-shaped identifiers Amazon does not know.
  const truth = sim.catalog.truth(US);
  const known = truth.map((entry) => entry.asin);
  const unknown = Array.from(
    { length: IDENTIFIERS - known.length },
    (_, index) => `B0ZZ${String(index).padStart(6, '0')}`,
  );
  expect(unknown.length).toBeGreaterThan(0);
  const identifiersKey = 'requests/catalog-refresh/large-identifiers.json';
  await store.putObject(identifiersKey, Buffer.from(JSON.stringify([...unknown, ...known])));

  const definition = catalogRefreshDefinition({
    planRefreshFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:plan',
    fetchListingsFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:listings',
    planCatalogFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:chunks',
    fetchCatalogChunkFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:chunk',
    finishRefreshFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:finish',
  });
  const machine = new LocalStateMachine(definition, fetcher.taskResourceLocalHandlers, {
    objects: fetcher.itemReaderObjects,
  });
  const entered: string[] = [];
  const result = await machine.execute(
    {
      sellingPartnerId: seller.sellingPartnerId,
      region: 'NA',
      marketplaceIds: [US],
      asOf: '2026-11-01T00:00:00Z',
      listings: { enabled: false },
      catalog: {
        source: { kind: 'identifiersObject', identifiersType: 'ASIN', key: identifiersKey },
        includedData: ['summaries', 'productTypes'],
      },
    },
    { executionName: 'large-refresh', onStateEntered: (name) => entered.push(name) },
  );

  expect(result).toMatchObject({ status: 'SUCCEEDED' });
  if (result.status !== 'SUCCEEDED') return;
  const chunks = Math.ceil(IDENTIFIERS / fetcher.deps.settings.chunkSize);
  expect(chunks).toBeGreaterThan(fetcher.deps.settings.inlineChunkLimit);
  expect(entered).toContain(S.FetchCatalogDistributed);
  expect(entered).not.toContain(S.FetchCatalogInline);
  expect(entered.filter((name) => name === S.FetchManifestChunk)).toHaveLength(chunks);
  expect(result.output).toMatchObject({
    refreshId: 'large-refresh',
    rows: { catalog_items: known.length },
  });

  // The lake: one row per known ASIN with the simulator's summary; the rest reported not found.
  const output = result.output as { manifestKey: string };
  const manifest = JSON.parse((await store.getObject(output.manifestKey)).toString('utf8')) as {
    catalog: { notFound: string[] };
  };
  expect([...manifest.catalog.notFound].sort()).toEqual(unknown);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const rows = (
      await connection.runAndReadAll(`
        SELECT asin, item_name, brand, item_classification, product_type, marketplace_id
        FROM read_parquet('${directory}/catalog_items/**/*.parquet', hive_partitioning = true)
        WHERE _refresh_id = 'large-refresh' ORDER BY asin`)
    ).getRowObjectsJson();
    expect(rows).toEqual(
      [...truth]
        .sort((a, b) => (a.asin < b.asin ? -1 : 1))
        .map((entry) => ({
          asin: entry.asin,
          item_name: entry.itemName,
          brand: entry.brand,
          item_classification: entry.itemClassification,
          product_type: entry.productType,
          marketplace_id: US,
        })),
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const searches = sim.requests().filter((entry) => entry.operationId === 'searchCatalogItems');
  expect(searches.filter((entry) => entry.status === 200)).toHaveLength(IDENTIFIERS / 20);
});
