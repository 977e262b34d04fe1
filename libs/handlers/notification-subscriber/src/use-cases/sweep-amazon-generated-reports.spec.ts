import type { Clock } from '@spapi-lake/core';
import { manifestKey, uncuratedReportKey } from '@spapi-lake/lake';
import { LwaClient, LwaTokenProvider, AccessTokenCache } from '@spapi-lake/lwa';
import { RateLimiterRegistry } from '@spapi-lake/sp-api';
import { type SimulatorHandle, startSimulator } from '@spapi-lake/sp-api-simulator';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { type Account, parseAccounts } from '@spapi-lake/config';
import { SfnRetrievalRetrier, retrievalAttemptName } from '../adapters/sfn-retrieval-retrier';
import { SfnRetrievalStarter } from '../adapters/sfn-retrieval-starter';
import { spApiReportListingFactory } from '../adapters/sp-api-report-listing-factory';
import type { UnsolicitedReportRetrieval } from '../retrieval-starter';
import { FakeStepFunctions } from '../test/fake-step-functions';
import { AMAZON_GENERATED_REPORT_TYPES } from './amazon-generated-report-type';
import {
  type SweepAmazonGeneratedReportsDeps,
  sweepAmazonGeneratedReports,
} from './sweep-amazon-generated-reports';

const STATE_MACHINE_ARN =
  'arn:aws:states:us-east-1:123456789012:stateMachine:spapi-lake-report-retrieval';
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';

let sim: SimulatorHandle;
let sfn: FakeStepFunctions;
let lake: InMemoryObjectStore;
let accounts: Account[];

// Every sweep pages getReports over loopback HTTP with LWA tokens: seconds on a loaded machine.
jest.setTimeout(20_000);

/** The pipeline runs on the simulator's clock: rate-limit waits and backoffs move simulated time. */
const simulatedClock = (): Clock => ({
  now: () => sim.clock.now(),
  sleep: async (ms) => sim.clock.advance(Math.max(0, ms)),
});

beforeEach(async () => {
  sim = await startSimulator({ port: 0, seed: 17 });
  sfn = new FakeStepFunctions();
  lake = new InMemoryObjectStore();
  accounts = parseAccounts(
    sim.credentials().partners.map((partner) => ({
      sellingPartnerId: partner.sellingPartnerId,
      accountType: partner.accountType,
      region: partner.region,
      marketplaceIds: [...partner.marketplaceIds],
      refreshTokenSecretRef: `spapi-lake/refresh-tokens/${partner.sellingPartnerId}`,
    })),
  );
});
afterEach(async () => {
  sfn.restore();
  await sim.stop();
});

function deps(
  overrides: Partial<SweepAmazonGeneratedReportsDeps> = {},
): SweepAmazonGeneratedReportsDeps {
  const { clientId, clientSecret, partners } = sim.credentials();
  const clock = simulatedClock();
  const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl, retry: { maxAttempts: 1 } });
  const cache = new AccessTokenCache();
  return {
    accounts: { list: async () => accounts },
    reportsApiFor: spApiReportListingFactory({
      baseUrlFor: () => sim.spApiBaseUrl,
      tokenProviderFor: ({ sellingPartnerId }) =>
        new LwaTokenProvider({
          client: lwa,
          cache,
          credentials: async () => ({ clientId, clientSecret }),
          refreshToken: async () =>
            partners.find((p) => p.sellingPartnerId === sellingPartnerId)?.refreshToken ?? '',
        }),
      // The model's plan (0.0222/s, burst 10): more pages than the burst wait in simulated time.
      limiters: new RateLimiterRegistry({ clock }),
      userAgent: { appName: 'spapi-lake-test', appVersion: '0.0.0' },
      clock,
    }),
    lake,
    retrievals: new SfnRetrievalStarter({
      client: sfn.client(),
      stateMachineArn: STATE_MACHINE_ARN,
    }),
    retries: new SfnRetrievalRetrier({
      client: sfn.client(),
      stateMachineArn: STATE_MACHINE_ARN,
      maxAttempts: 3,
    }),
    clock,
    reportTypes: AMAZON_GENERATED_REPORT_TYPES,
    lookbackDays: 90,
    // The simulator's sellers have more settlements than the default cap; one test keeps it.
    maxStartsPerAccount: 1000,
    ...overrides,
  };
}

const getReportsCalls = () => sim.requests().filter((r) => r.operationId === 'getReports');
const sellers = () => accounts.filter((a) => a.accountType === 'seller');

describe('sweepAmazonGeneratedReports', () => {
  it('pages through getReports of every active seller and starts the retrieval of each DONE settlement', async () => {
    const summary = await sweepAmazonGeneratedReports(deps({ pageSize: 2 }));

    expect(summary.failures).toEqual([]);
    expect(summary.accounts).toBe(sellers().length);
    expect(summary.reports.length).toBeGreaterThan(2 * sellers().length);
    expect(summary.pages).toBeGreaterThan(10);
    expect(new Set(summary.reports.map((r) => r.reportType))).toEqual(new Set([SETTLEMENT]));
    expect(summary.reports.every((r) => r.action === 'started')).toBe(true);
    // Each report once, each started under its own name, with the partner and document id.
    const ids = summary.reports.map((r) => r.reportId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sfn.started).toHaveLength(ids.length);
    const [first] = summary.reports;
    const input = JSON.parse(
      sfn.executions.get(sfn.started[0] ?? '')?.input ?? '{}',
    ) as UnsolicitedReportRetrieval;
    expect(input).toMatchObject({
      sellingPartnerId: first?.sellingPartnerId,
      region: first?.region,
      reportType: SETTLEMENT,
      report: { reportId: first?.reportId },
      status: { processingStatus: 'DONE' },
    });
    expect(input.status.reportDocumentId).toEqual(expect.any(String));
    // More pages than getReports' burst of 10: the limiter waited, and the simulator throttled none.
    expect(getReportsCalls().every((r) => r.status === 200)).toBe(true);
    expect(getReportsCalls()).toHaveLength(summary.pages);
  });

  it('asks for DONE reports of the Amazon-generated types created in the lookback, and sends a page token alone', async () => {
    const seller = sellers()[0];
    if (seller === undefined) throw new Error('no seller');
    accounts = [seller];
    const queries: Record<string, unknown>[] = [];
    const base = deps({ pageSize: 1 });
    // Taken before the sweep: a retried call (a timeout on a loaded machine) moves simulated time.
    const asOf = sim.clock.now();
    const summary = await sweepAmazonGeneratedReports(
      {
        ...base,
        lookbackDays: 30,
        reportsApiFor: async (partner) => {
          const api = await base.reportsApiFor(partner);
          return {
            getReports: (query) => {
              queries.push({ ...query });
              return api.getReports(query);
            },
          };
        },
      },
      { asOf: new Date(asOf).toISOString() },
    );

    expect(queries[0]).toEqual({
      reportTypes: [SETTLEMENT],
      processingStatuses: ['DONE'],
      createdSince: new Date(asOf - 30 * 86_400_000).toISOString(),
      pageSize: 1,
    });
    expect(queries.length).toBe(summary.pages);
    for (const query of queries.slice(1)) expect(Object.keys(query)).toEqual(['nextToken']);
    expect(summary.createdSince).toBe(queries[0]?.['createdSince']);
  });

  it('never looks back further than Amazon keeps reports, however late it runs', async () => {
    // Read before each sweep: a retried call (a timeout on a loaded machine) moves simulated time.
    const sinceRetention = () =>
      new Date(sim.clock.now() - 90 * 86_400_000 + 3_600_000).toISOString();
    const now = sim.clock.now();
    const asOf = new Date(now).toISOString();
    const expected = sinceRetention();
    const summary = await sweepAmazonGeneratedReports(deps({ lookbackDays: 400 }), { asOf });
    expect(summary.createdSince).toBe(expected);
    // A retried invocation six hours after its scheduled time.
    const late = new Date(now - 6 * 3_600_000).toISOString();
    const expectedLate = sinceRetention();
    const retried = await sweepAmazonGeneratedReports(deps(), { asOf: late });
    expect(retried.createdSince).toBe(expectedLate);
    const recent = await sweepAmazonGeneratedReports(deps({ lookbackDays: 30 }), { asOf: late });
    expect(recent.createdSince).toBe(new Date(now - 6 * 3_600_000 - 30 * 86_400_000).toISOString());
  });

  it('starts at most maxStartsPerAccount retrievals per partner, the rest on later sweeps', async () => {
    const first = await sweepAmazonGeneratedReports(deps({ maxStartsPerAccount: 2 }));
    for (const seller of sellers()) {
      const mine = first.reports.filter((r) => r.sellingPartnerId === seller.sellingPartnerId);
      expect(mine.filter((r) => r.action === 'started')).toHaveLength(Math.min(2, mine.length));
      expect(mine.filter((r) => r.action === 'deferred')).toHaveLength(
        Math.max(0, mine.length - 2),
      );
    }
    // The next day's sweep: the first retrievals still run, the next ones start.
    const second = await sweepAmazonGeneratedReports(deps({ maxStartsPerAccount: 2 }), {
      asOf: new Date(sim.clock.now() + 86_400_000).toISOString(),
    });
    const startedTwice = second.reports.filter((r) => r.action === 'started');
    expect(startedTwice.length).toBeGreaterThan(0);
    const startedFirst = new Set(
      first.reports.filter((r) => r.action === 'started').map((r) => r.reportId),
    );
    expect(startedTwice.some((r) => startedFirst.has(r.reportId))).toBe(false);
  });

  it('begins no account with too little time left, and begins at another account each day', async () => {
    let left = 10 * 60_000;
    const summary = await sweepAmazonGeneratedReports(deps(), {
      timeLeftMs: () => (left -= 4 * 60_000),
    });
    expect(summary.accounts).toBe(1);
    expect(summary.deferredAccounts).toHaveLength(sellers().length - 1);
    const firstOn = async (day: number) => {
      const run = await sweepAmazonGeneratedReports(deps(), {
        asOf: new Date(sim.clock.now() + day * 86_400_000).toISOString(),
        timeLeftMs: () => 0,
      });
      return run.deferredAccounts[0]?.sellingPartnerId;
    };
    expect(new Set([await firstOn(0), await firstOn(1)]).size).toBe(2);
  });

  it('retries getReports calls the simulator throttles', async () => {
    sim.faults.set({ operations: { getReports: { cycle: [429, 'ok'] } } });
    const throttled = await sweepAmazonGeneratedReports(deps({ pageSize: 3 }));

    expect(throttled.failures).toEqual([]);
    expect(getReportsCalls().filter((r) => r.status === 429)).toHaveLength(throttled.pages);
    expect(throttled.reports.length).toBeGreaterThan(0);
    expect(throttled.reports.every((r) => r.action === 'started')).toBe(true);
  });

  it('skips reports whose manifest is in the lake, and tries one kept uncurated again', async () => {
    const listed = await sweepAmazonGeneratedReports(deps(), {
      asOf: new Date(sim.clock.now()).toISOString(),
    });
    const [curated, uncurated] = listed.reports;
    if (curated === undefined || uncurated === undefined) throw new Error('too few settlements');
    for (const name of [...sfn.started]) sfn.finish(name, 'SUCCEEDED');
    await lake.putObject(manifestKey(curated), '{}');
    // Its retrieval failed for good: the raw copy and a record are kept, no manifest.
    sfn.finish(
      retrievalAttemptName(
        {
          sellingPartnerId: uncurated.sellingPartnerId,
          report: { reportId: uncurated.reportId },
        } as UnsolicitedReportRetrieval,
        1,
      ),
      'FAILED',
    );
    await lake.putObject(uncuratedReportKey(uncurated), '{}');
    const startedBefore = sfn.started.length;

    const again = await sweepAmazonGeneratedReports(deps(), {
      asOf: new Date(sim.clock.now() + 86_400_000).toISOString(),
    });

    const action = (reportId: string) => again.reports.find((r) => r.reportId === reportId);
    expect(action(curated.reportId)?.action).toBe('landed');
    // A retried retrieval curates the kept raw copy: code deployed since lands it.
    expect(action(uncurated.reportId)).toMatchObject({ action: 'retried', attempt: 2 });
    expect(sfn.started).toHaveLength(startedBefore + 1);
    // The others succeeded without a manifest yet: neither started nor retried.
    expect(again.reports.filter((r) => r.action === 'succeeded')).toHaveLength(
      again.reports.length - 2,
    );
  });

  it('tries a failed retrieval again on a later sweep, never a running, succeeded or landed one', async () => {
    // One sweep a day: a later day's input differs, so a taken name is never joined.
    const start = sim.clock.now();
    const onDay = (day: number) => ({ asOf: new Date(start + day * 86_400_000).toISOString() });
    const first = await sweepAmazonGeneratedReports(deps(), onDay(0));
    const [failed, running, succeeded, landed] = first.reports;
    if (
      failed === undefined ||
      running === undefined ||
      succeeded === undefined ||
      landed === undefined
    ) {
      throw new Error('too few settlements');
    }
    const request = ({
      sellingPartnerId,
      reportId,
    }: {
      sellingPartnerId: string;
      reportId: string;
    }) => ({ sellingPartnerId, report: { reportId } }) as UnsolicitedReportRetrieval;
    const name = (report: { sellingPartnerId: string; reportId: string }, attempt = 1) =>
      retrievalAttemptName(request(report), attempt);
    sfn.finish(name(failed), 'FAILED');
    sfn.finish(name(succeeded), 'SUCCEEDED');
    sfn.finish(name(landed), 'FAILED');
    await lake.putObject(manifestKey(landed), '{}');

    const second = await sweepAmazonGeneratedReports(deps(), onDay(1));
    const actionIn = (summary: typeof second, reportId: string) =>
      summary.reports.find((r) => r.reportId === reportId);
    expect(actionIn(second, failed.reportId)).toMatchObject({ action: 'retried', attempt: 2 });
    expect(actionIn(second, running.reportId)?.action).toBe('running');
    expect(actionIn(second, succeeded.reportId)?.action).toBe('succeeded');
    expect(actionIn(second, landed.reportId)?.action).toBe('landed');
    expect(sfn.executions.has(name(failed, 2))).toBe(true);

    // A retry that is still running is not started twice; one that timed out is tried once more.
    const third = await sweepAmazonGeneratedReports(deps(), onDay(2));
    expect(actionIn(third, failed.reportId)?.action).toBe('running');
    sfn.finish(name(failed, 2), 'TIMED_OUT');
    const fourth = await sweepAmazonGeneratedReports(deps(), onDay(3));
    expect(actionIn(fourth, failed.reportId)).toMatchObject({ action: 'retried', attempt: 3 });

    // Past maxAttempts (3 here) the report is left to the operator.
    sfn.finish(name(failed, 3), 'FAILED');
    const fifth = await sweepAmazonGeneratedReports(deps(), onDay(4));
    expect(actionIn(fifth, failed.reportId)).toMatchObject({ action: 'exhausted', attempt: 3 });
    const attempts = sfn.started.filter((n) => n.startsWith(name(failed)));
    expect(attempts).toEqual([name(failed), name(failed, 2), name(failed, 3)]);
  });

  it('skips vendors and accounts that are not active', async () => {
    const [active, inactive] = sellers();
    if (active === undefined || inactive === undefined) throw new Error('two sellers expected');
    accounts = accounts.map((a) =>
      a.sellingPartnerId === inactive.sellingPartnerId ? { ...a, status: 'disabled' } : a,
    );
    const summary = await sweepAmazonGeneratedReports(deps());

    expect(summary.accounts).toBe(1);
    expect(new Set(summary.reports.map((r) => r.sellingPartnerId))).toEqual(
      new Set([active.sellingPartnerId]),
    );
    const callers = new Set(getReportsCalls().map((r) => r.sellingPartnerId));
    expect(callers).toEqual(new Set([active.sellingPartnerId]));
  });

  it('lists a failed account and sweeps the others', async () => {
    const [revoked, other] = sellers();
    if (revoked === undefined || other === undefined) throw new Error('two sellers expected');
    sim.faults.set({ revokedRefreshTokens: [revoked.sellingPartnerId] });
    const summary = await sweepAmazonGeneratedReports(deps());

    expect(summary.failures).toEqual([
      expect.objectContaining({
        sellingPartnerId: revoked.sellingPartnerId,
        region: revoked.region,
      }),
    ]);
    expect(summary.reports.length).toBeGreaterThan(0);
    expect(summary.reports.every((r) => r.sellingPartnerId === other.sellingPartnerId)).toBe(true);
  });
});
