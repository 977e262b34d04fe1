// A catalog refresh of 2,000 ASINs (one marketplace, every seller dataset) against the SP-API
// simulator in real time: the catalog refresh state machine (libs/workflows) run in process with
// aws-local-stepfunctions and the very task handlers the Lambda exports, writing Parquet to a temp
// lake. searchCatalogItems' plan (2/s, burst 2) times --rate-scale is the bottleneck; the report
// compares the wall time with the token-bucket optimum (every call at the earliest instant the
// simulator's bucket allows: (calls - burst) / rate) and counts the 429s the simulator answered.
// Usage (through tools/bench/run.mjs): --asins <count, default 2000> --rate-scale <default 5>
// --strict (exit 1 when the target is missed: within 5 % of the optimum and no 429).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RecordingFetcherLogger,
  createLocalCatalogListingsFetcher,
  rateLimitShareFetch,
  sharedUsagePlans,
} from '@spapi-lake/catalog-listings-fetcher-handlers';
import { systemClock } from '@spapi-lake/core';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import {
  RateLimiterRegistry,
  type SpApiOperationId,
  type UsagePlan,
  operationSpecs,
} from '@spapi-lake/sp-api';
import { type SimulatorHandle, startSimulator } from '@spapi-lake/sp-api-simulator';
import { catalogRefreshDefinition } from '@spapi-lake/workflows';
import { StateMachine } from 'aws-local-stepfunctions';

const US = 'ATVPDKIKX0DER';
const IDENTIFIERS_PER_CALL = 20;
const TARGET_OVERHEAD = 0.05;

// aws-local-stepfunctions 3 expects Node 22 (Promise.withResolvers); the bench may run on Node 20.
function polyfillPromiseWithResolvers(): void {
  const promise = Promise as unknown as { withResolvers?: unknown };
  if (typeof promise.withResolvers === 'function') return;
  promise.withResolvers = <T>() => {
    let resolve!: (value: T) => void;
    let reject!: (reason?: unknown) => void;
    const created = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise: created, resolve, reject };
  };
}

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

/** Adds sellers selling in the marketplace until its catalog holds `count` ASINs. */
function growCatalog(sim: SimulatorHandle, count: number): string[] {
  for (let added = 0; sim.catalog.truth(US).length < count; added += 1) {
    if (added > 500) throw new Error(`the simulated catalog stays below ${count} ASINs`);
    sim.addPartner({ accountType: 'seller', region: 'NA', marketplaceIds: [US] });
  }
  return sim.catalog
    .truth(US)
    .slice(0, count)
    .map((entry) => entry.asin);
}

/** The fetcher's operations at the simulator's scaled plans (what its buckets enforce). */
function simulatorPlans(rateScale: number): Partial<Record<SpApiOperationId, UsagePlan>> {
  const plans: Partial<Record<SpApiOperationId, UsagePlan>> = {};
  for (const operationId of [
    'searchCatalogItems',
    'getCatalogItem',
    'searchListingsItems',
    'getListingsItem',
  ] as const) {
    const { rate, burst } = operationSpecs[operationId];
    plans[operationId] = {
      rate: rate * rateScale,
      burst: Math.max(1, Math.round(burst * rateScale)),
    };
  }
  return plans;
}

async function main(args: string[]): Promise<void> {
  polyfillPromiseWithResolvers();
  const asinCount = Number(optionValue(args, '--asins') ?? 2000);
  const rateScale = Number(optionValue(args, '--rate-scale') ?? 5);
  if (!(Number.isInteger(asinCount) && asinCount > 0) || !(rateScale > 0)) {
    throw new Error('--asins takes a positive integer, --rate-scale a positive number');
  }
  const sim = await startSimulator({ port: 0, seed: 42, rateScale, realTime: true });
  const directory = mkdtempSync(join(tmpdir(), 'catalog-refresh-bench-'));
  try {
    const asins = growCatalog(sim, asinCount);
    const credentials = sim.credentials();
    const seller = credentials.partners.find(
      (p) => p.accountType === 'seller' && p.region === 'NA',
    );
    if (seller === undefined) throw new Error('the simulator has no NA seller');
    const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl });
    const cache = new AccessTokenCache();
    const share = 1;
    const fetcher = createLocalCatalogListingsFetcher({
      store: new LocalDiskObjectStore(directory),
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
      // As on AWS: the Map runs one chunk at a time, so this process holds the whole plan.
      limiters: new RateLimiterRegistry({
        clock: systemClock,
        usagePlans: sharedUsagePlans(share, simulatorPlans(rateScale)),
      }),
      fetch: rateLimitShareFetch(share),
      userAgent: { appName: 'spapi-lake-bench', appVersion: '0.0.0' },
    });
    const machine = new StateMachine(
      JSON.parse(
        JSON.stringify(
          catalogRefreshDefinition({
            planRefreshFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:plan',
            fetchListingsFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:listings',
            planCatalogFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:chunks',
            fetchCatalogChunkFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:chunk',
            finishRefreshFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:finish',
          }),
        ),
      ),
    );
    const request = {
      sellingPartnerId: seller.sellingPartnerId,
      region: 'NA',
      marketplaceIds: [US],
      listings: { enabled: false },
      catalog: { source: { kind: 'identifiers', identifiersType: 'ASIN', identifiers: asins } },
    };
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const simStarted = sim.clock.now();
    const execution = machine.run(request, {
      overrides: {
        // Step Functions passes JSON between states: so does the stand-in.
        taskResourceLocalHandlers: Object.fromEntries(
          Object.entries(fetcher.taskResourceLocalHandlers).map(([name, handler]) => [
            name,
            async (input: unknown) => JSON.parse(JSON.stringify(await handler(input))),
          ]),
        ),
      },
      context: { Execution: { Name: 'catalog-refresh-bench' } },
    });
    const output = (await execution.result) as { rows: Record<string, number> };
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const simEnded = sim.clock.now();

    const calls = sim.requests().filter((entry) => entry.operationId === 'searchCatalogItems');
    const throttled = calls.filter((entry) => entry.status === 429).length;
    const plan = simulatorPlans(rateScale).searchCatalogItems ?? { rate: 2, burst: 2 };
    const needed = Math.ceil(asinCount / IDENTIFIERS_PER_CALL);
    const optimum = Math.max(0, needed - plan.burst) / plan.rate;
    const firstToLast =
      calls.length === 0 ? 0 : ((calls.at(-1)?.time ?? 0) - (calls[0]?.time ?? 0)) / 1000;
    const overhead = optimum === 0 ? 0 : seconds / optimum - 1;
    const met = throttled === 0 && overhead <= TARGET_OVERHEAD;
    console.log(
      `catalog-refresh: ${asinCount.toLocaleString('en')} ASINs, 1 marketplace, rateScale ${rateScale} ` +
        `(searchCatalogItems ${plan.rate}/s, burst ${plan.burst})`,
    );
    console.log(`  rows written            ${output.rows['catalog_items'] ?? 0}`);
    console.log(
      `  searchCatalogItems      ${calls.length} calls (${needed} needed), ${throttled} x 429`,
    );
    console.log(`  token-bucket optimum    ${optimum.toFixed(2)} s`);
    console.log(
      `  first to last call      ${firstToLast.toFixed(2)} s  (start to first call ${(((calls[0]?.time ?? simStarted) - simStarted) / 1000).toFixed(2)} s, last call to end ${((simEnded - (calls.at(-1)?.time ?? simEnded)) / 1000).toFixed(2)} s)`,
    );
    console.log(
      `  wall time (execution)   ${seconds.toFixed(2)} s  (${overhead >= 0 ? '+' : ''}${(overhead * 100).toFixed(1)} % of the optimum)`,
    );
    console.log(`  target (<= +${TARGET_OVERHEAD * 100} %, no 429)  ${met ? 'met' : 'MISSED'}`);
    // The pace is the simulator's; the overhead is CPU (parsing, Parquet): a busy machine shows.
    console.log(
      `  CPU (this process)      ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s during the execution, the simulator's included`,
    );
    console.log(
      `  machine                 load ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' / ')} (1/5/15 min) on ${availableParallelism()} cores`,
    );
    if (!met && args.includes('--strict')) process.exitCode = 1;
  } finally {
    await sim.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
