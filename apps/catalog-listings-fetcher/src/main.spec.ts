import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { CatalogChunkPlan, CatalogRefreshPlan } from '@spapi-lake/catalog';
import {
  RecordingFetcherLogger,
  createLocalCatalogListingsFetcher,
} from '@spapi-lake/catalog-listings-fetcher-handlers';
import { ConfigurationError } from '@spapi-lake/config';
import { systemClock } from '@spapi-lake/core';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import { RateLimiterRegistry } from '@spapi-lake/sp-api';
import { type SimulatorHandle, startSimulator } from '@spapi-lake/sp-api-simulator';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { Uint8ArrayBlobAdapter } from '@smithy/core/serde';
import { buildHandlers, createHandlers } from './handlers';
import * as main from './main';

// Invocation tests: each sample event of events/ through the handlers the Lambda exports, built
// with local adapters (a temp-folder lake) and an SP-API client on the simulator.

jest.setTimeout(20_000);

const event = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'events', name), 'utf8')) as T;

const SELLER = 'AONO2F0CH8U10X';
const US = 'ATVPDKIKX0DER';
const REFRESH = 'catalog-AONO2F0CH8U10X-NA-2026-11-01';
const partition = (dataset: string, marketplaceId = US) =>
  `${dataset}/selling_partner_id=${SELLER}/marketplace_id=${marketplaceId}/dt=2026-11-01/`;

let sim: SimulatorHandle;
let directory: string;
let store: LocalDiskObjectStore;
let logger: RecordingFetcherLogger;
let handlers: ReturnType<typeof createHandlers>;

async function keys(prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const object of store.list(prefix)) found.push(object.key);
  return found;
}

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 42,
    clock: new Date('2026-11-01T00:00:00Z'),
    rateScale: 100,
  });
  directory = await mkdtemp(path.join(os.tmpdir(), 'catalog-listings-fetcher-'));
  store = new LocalDiskObjectStore(directory);
  logger = new RecordingFetcherLogger();
  const credentials = sim.credentials();
  const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl });
  const cache = new AccessTokenCache();
  const local = createLocalCatalogListingsFetcher({
    store,
    clock: { now: () => sim.clock.now(), sleep: systemClock.sleep },
    logger,
    accounts: credentials.partners.map(({ refreshToken: _token, ...account }) => account),
    baseUrlOf: () => sim.spApiBaseUrl,
    tokenProviderFor: (partner) =>
      new LwaTokenProvider({
        client: lwa,
        cache,
        credentials: async () => ({
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
        }),
        refreshToken: async () =>
          credentials.partners.find((p) => p.sellingPartnerId === partner.sellingPartnerId)
            ?.refreshToken ?? '',
      }),
    limiters: new RateLimiterRegistry({
      clock: systemClock,
      usagePlans: {
        searchCatalogItems: { rate: 200, burst: 200 },
        getCatalogItem: { rate: 200, burst: 200 },
        searchListingsItems: { rate: 500, burst: 500 },
        getListingsItem: { rate: 500, burst: 1000 },
      },
    }),
    userAgent: { appName: 'spapi-lake-test', appVersion: '0.0.0' },
  });
  handlers = createHandlers(local.deps);
});

afterAll(async () => {
  await sim?.stop();
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

describe('catalog refresh tasks', () => {
  it('plans a refresh named after the execution (events/plan-catalog-refresh.json)', async () => {
    const plan: CatalogRefreshPlan = await handlers.planCatalogRefresh(
      event('plan-catalog-refresh.json'),
    );
    expect(plan.refresh).toEqual({
      sellingPartnerId: SELLER,
      region: 'NA',
      refreshId: REFRESH,
      dt: '2026-11-01',
    });
    expect(plan.listingsLanes.map((lane) => lane.marketplaceId)).toEqual([US, 'A2EUQ1WTGCTBG2']);
    expect(plan.catalog?.source).toEqual({ kind: 'listings' });
  });

  it("writes a marketplace's listings and issues (events/fetch-listings.json)", async () => {
    const output = await handlers.fetchListings(event('fetch-listings.json'));
    const truth = sim.catalog.listings(SELLER, US);
    expect(output).toMatchObject({
      done: true,
      totals: {
        items: truth.length,
        issues: truth.reduce((sum, r) => sum + r.issues.length, 0),
        parts: 1,
      },
    });
    expect(await keys(partition('listings_items'))).toEqual([
      `${partition('listings_items')}${REFRESH}-l00000.parquet`,
    ]);
    expect(await keys(partition('listings_issues'))).toEqual([
      `${partition('listings_issues')}${REFRESH}-l00000.parquet`,
    ]);
  });

  it('cuts the ASINs the listings found into chunks (events/plan-catalog-chunks.json)', async () => {
    const plan: CatalogChunkPlan = await handlers.planCatalogChunks(
      event('plan-catalog-chunks.json'),
    );
    const asins = new Set(sim.catalog.listings(SELLER, US).map((record) => record.asin));
    expect(plan).toMatchObject({ chunkCount: 1, identifierCount: asins.size });
    expect(plan.chunks?.[0]?.query).toMatchObject({ kind: 'identifiers', identifiersType: 'ASIN' });
    expect(plan.itemReader).toBeUndefined();
  });

  it('fetches a chunk 20 identifiers per call and records what was not found (events/fetch-catalog-chunk.json)', async () => {
    const before = sim.requests().length;
    const summary = await handlers.fetchCatalogChunk(event('fetch-catalog-chunk.json'));
    expect(summary).toEqual({
      index: 0,
      marketplaceId: US,
      calls: 1,
      items: 3,
      notFound: ['B0NOTFOUND'],
      rejected: [],
    });
    const calls = sim.requests().slice(before);
    expect(calls.map((call) => [call.operationId, call.status])).toEqual([
      ['searchCatalogItems', 200],
    ]);
    expect(await keys(partition('catalog_items'))).toEqual([
      `${partition('catalog_items')}${REFRESH}-c00000.parquet`,
    ]);
  });

  it('writes the refresh manifest and names the crawlers (events/finish-catalog-refresh.json)', async () => {
    const output = await handlers.finishCatalogRefresh(event('finish-catalog-refresh.json'));
    expect(output).toEqual({
      refreshId: REFRESH,
      manifestKey: `_manifests/catalog-refresh/selling_partner_id=${SELLER}/${REFRESH}.json`,
      crawlerNames: [
        'spapi_lake_catalog_items',
        'spapi_lake_listings_items',
        'spapi_lake_listings_issues',
      ],
      rows: { catalog_items: 3, listings_items: 35, listings_issues: 8 },
    });
    expect(await store.exists(output.manifestKey)).toBe(true);
  });

  it('fails a task whose input breaks the contract with a non-retryable error', async () => {
    await expect(handlers.fetchCatalogChunk({ refresh: {}, chunk: {} })).rejects.toMatchObject({
      name: 'CatalogRefreshInputError',
      retryable: false,
    });
    expect(logger.messages('error')).toContain('task failed');
  });
});

describe('refreshListings (SQS)', () => {
  it('refreshes a SKU once for a burst of EventBridge-wrapped notifications (events/refresh-listings-eventbridge-sqs.json)', async () => {
    const before = sim.requests().length;
    const response = await handlers.refreshListings(
      event<SQSEvent>('refresh-listings-eventbridge-sqs.json'),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    const calls = sim
      .requests()
      .slice(before)
      .map((call) => call.operationId);
    expect(calls).toEqual(['getListingsItem', 'getCatalogItem']);
    const written = await keys(partition('listings_items'));
    expect(written.filter((key) => key.includes('/n-'))).toHaveLength(1);
  });

  it('takes refresh requests and reports the unreadable message only (events/refresh-listings-request-sqs.json)', async () => {
    const batch = event<SQSEvent>('refresh-listings-request-sqs.json');
    const response = await handlers.refreshListings(batch);
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: batch.Records[1]?.messageId }],
    });
    expect(await keys(partition('listings_items', 'A2EUQ1WTGCTBG2'))).toHaveLength(1);
    expect(logger.messages('error')).toContain(
      'message can never be processed: SQS moves it to the dead-letter queue',
    );
  });
});

describe('the AWS composition root', () => {
  const env = {
    PARAMETER_PREFIX: '/spapi-lake/test',
    CURATED_BUCKET: 'spapi-lake-curated',
    LAKE_KMS_KEY_ID: 'alias/spapi-lake',
    TOKEN_BROKER_FUNCTION: 'spapi-lake-token-broker',
    RATE_LIMIT_SHARE: '2',
  };

  it('refuses a missing or invalid environment, naming the variables', async () => {
    await expect(
      buildHandlers({ ...env, CURATED_BUCKET: '', CATALOG_CHUNK_SIZE: '30' }),
    ).rejects.toThrow(ConfigurationError);
    await expect(buildHandlers({ ...env, CATALOG_CHUNK_SIZE: '30' })).rejects.toThrow(
      /CATALOG_CHUNK_SIZE/,
    );
  });

  it('wires SSM accounts and endpoints, the token broker and S3 around the same handlers', async () => {
    const credentials = sim.credentials();
    const partner = credentials.partners.find((p) => p.sellingPartnerId === SELLER);
    const token = await new LwaClient({ baseUrl: sim.lwaBaseUrl }).refreshAccessToken({
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      refreshToken: partner?.refreshToken ?? '',
    });
    const clients = {
      s3: new S3Client({ region: 'us-east-1' }),
      ssm: new SSMClient({ region: 'us-east-1' }),
      lambda: new LambdaClient({ region: 'us-east-1' }),
      dynamodb: new DynamoDBClient({ region: 'us-east-1' }),
    };
    const ssm = mockClient(clients.ssm);
    const lambda = mockClient(clients.lambda);
    const s3 = mockClient(clients.s3);
    ssm
      .on(GetParameterCommand, { Name: '/spapi-lake/test/endpoints' })
      .resolves({
        Parameter: { Value: JSON.stringify({ spApiBaseUrl: { NA: sim.spApiBaseUrl } }) },
      })
      .on(GetParameterCommand, { Name: '/spapi-lake/test/accounts' })
      .resolves({
        Parameter: {
          Value: JSON.stringify([
            {
              sellingPartnerId: SELLER,
              accountType: 'seller',
              region: 'NA',
              marketplaceIds: [US],
              refreshTokenSecretRef: 'rt',
            },
          ]),
        },
      });
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: Uint8ArrayBlobAdapter.fromString(
        JSON.stringify({
          ok: true,
          accessToken: token.accessToken,
          expiresAt: sim.clock.now() + 3_600_000,
        }),
      ),
    });
    s3.on(PutObjectCommand).resolves({});
    const aws = await buildHandlers(env, clients);
    sim.clock.advance(5 * 60_000);

    const response = await aws.refreshListings(
      event<SQSEvent>('refresh-listings-eventbridge-sqs.json'),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: 'spapi-lake-token-broker',
      InvocationType: 'RequestResponse',
    });
    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    // Real time on AWS: the rows are dated by the system clock.
    expect(puts.map((input) => input.Key).sort()).toEqual([
      expect.stringMatching(
        /^catalog_items\/selling_partner_id=AONO2F0CH8U10X\/marketplace_id=ATVPDKIKX0DER\/dt=\d{4}-\d{2}-\d{2}\/n-[0-9a-f]{24}\.parquet$/,
      ),
      expect.stringMatching(/^listings_items\/selling_partner_id=AONO2F0CH8U10X\//),
    ]);
    expect(
      puts.every(
        (input) =>
          input.Bucket === 'spapi-lake-curated' && input.SSEKMSKeyId === 'alias/spapi-lake',
      ),
    ).toBe(true);
  });
});

describe('main', () => {
  it('exports exactly the handlers infra creates functions for', () => {
    expect(Object.keys(main).sort()).toEqual([
      'fetchCatalogChunk',
      'fetchListings',
      'finishCatalogRefresh',
      'planCatalogChunks',
      'planCatalogRefresh',
      'refreshListings',
    ]);
  });
});
