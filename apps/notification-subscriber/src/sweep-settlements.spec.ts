import { ConfigurationError } from '@spapi-lake/config';
import { manifestKey } from '@spapi-lake/lake';
import {
  AMAZON_GENERATED_REPORT_TYPES,
  RecordingRetrievalStarter,
  SettlementSweepIncompleteError,
  type SweepSettlementsDeps,
  createSweepSettlementsHandler,
} from '@spapi-lake/notification-subscriber-handlers';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { createSweepSettlements } from './main';
import {
  type LogLine,
  type SimulatedWorld,
  sampleEvent,
  startSimulatedWorld,
} from './test/simulated-world';

const event = sampleEvent<{ scheduledTime: string }>('sweep-settlements.json');
// Each sweep pages getReports over loopback HTTP for every account: seconds on a loaded CI machine.
jest.setTimeout(20_000);
let world: SimulatedWorld;
beforeEach(async () => {
  // Simulated time is the schedule's: the sample event's sweep sees the settlements of its day.
  world = await startSimulatedWorld(5, Date.parse(event.scheduledTime));
});
afterEach(async () => {
  await world.stop();
});

function handlerDeps(logs: LogLine[] = []) {
  const lake = new InMemoryObjectStore();
  const retrievals = new RecordingRetrievalStarter();
  const log =
    (level: string) =>
    (message: string, ...rest: unknown[]) =>
      logs.push([level, message, rest[0]]);
  const deps: SweepSettlementsDeps = {
    accounts: { list: async () => world.accounts },
    reportsApiFor: async (partner) => world.reports(partner.sellingPartnerId),
    lake,
    retrievals,
    retries: { retryFailed: async () => ({ outcome: 'running' }) },
    clock: { now: () => world.sim.clock.now(), sleep: async (ms) => world.sim.clock.advance(ms) },
    reportTypes: AMAZON_GENERATED_REPORT_TYPES,
    lookbackDays: 90,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
  };
  return { deps, lake, retrievals, logs };
}

describe('sweepSettlements', () => {
  it("starts the retrieval of each seller's settlement of the last 90 days that has not landed", async () => {
    const { deps, lake, retrievals } = handlerDeps();
    const sweep = createSweepSettlementsHandler(deps);

    const now = world.sim.clock.now();
    const first = await sweep(event);
    // 90 days before the scheduled time, but never before what Amazon keeps as of now.
    expect(first.createdSince).toBe(
      new Date(
        Math.max(
          Date.parse(event.scheduledTime) - 90 * 86_400_000,
          now - 90 * 86_400_000 + 3_600_000,
        ),
      ).toISOString(),
    );
    expect(first.accounts).toBe(2);
    expect(first.reports.started).toBeGreaterThan(0);
    expect(first.reports.started).toBe(retrievals.requests().length);
    const sellers = new Set(
      world.accounts.filter((a) => a.accountType === 'seller').map((a) => a.sellingPartnerId),
    );
    for (const request of retrievals.requests()) {
      expect(sellers.has(request.sellingPartnerId)).toBe(true);
      expect(request.notificationId).toBe('getReports-sweep-2026-11-27');
    }

    // The next day one has landed; the others' retrievals are still running.
    const [landed] = retrievals.requests();
    if (landed === undefined) throw new Error('no retrieval started');
    await lake.putObject(manifestKey({ ...landed, reportId: landed.report.reportId }), '{}');
    const startedFirst = retrievals.requests().length;
    const second = await sweep({ scheduledTime: '2026-11-28T05:30:00Z' });
    // A day later the oldest settlement may have left the 90 days; none is started again, and
    // those the first sweep deferred (10 retrievals per partner and sweep) start now.
    expect(second.reports).toMatchObject({ landed: 1, exhausted: 0 });
    expect(second.reports.running).toBeGreaterThanOrEqual(first.reports.started - 2);
    expect(second.reports.started).toBeLessThanOrEqual(first.reports.deferred);
    expect(first.reports.deferred - second.reports.started).toBeLessThanOrEqual(2);
    const ids = retrievals.requests().map((r) => `${r.sellingPartnerId}/${r.report.reportId}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(startedFirst + second.reports.started);
  });

  it('sweeps every other account before it fails for one whose token was revoked', async () => {
    const seller = world.accounts.find((a) => a.accountType === 'seller');
    if (seller === undefined) throw new Error('no seller');
    world.sim.faults.set({ revokedRefreshTokens: [seller.sellingPartnerId] });
    const { deps, retrievals, logs } = handlerDeps();

    await expect(createSweepSettlementsHandler(deps)(event)).rejects.toBeInstanceOf(
      SettlementSweepIncompleteError,
    );
    expect(retrievals.requests().length).toBeGreaterThan(0);
    expect(retrievals.requests().every((r) => r.sellingPartnerId !== seller.sellingPartnerId)).toBe(
      true,
    );
    expect(logs).toContainEqual([
      'error',
      'settlement sweep of an account failed',
      expect.objectContaining({
        sellingPartnerId: seller.sellingPartnerId,
        errorName: 'LwaInvalidGrantError',
        // Under a key the logger keeps (it drops `message`).
        reason: expect.any(String),
      }),
    ]);
    // No token, secret or pre-signed URL reaches the logs.
    expect(JSON.stringify(logs)).not.toMatch(/Atza|Atzr|X-Amz-Signature/);
  });

  it('refuses to build without its environment, naming each missing variable', async () => {
    await expect(createSweepSettlements({})).rejects.toThrow(ConfigurationError);
    await expect(createSweepSettlements({})).rejects.toThrow(/CURATED_BUCKET/);
    await expect(
      createSweepSettlements({
        PARAMETER_PREFIX: '/spapi-lake',
        TOKEN_BROKER_FUNCTION: 'spapi-lake-token-broker',
        CURATED_BUCKET: 'spapi-lake-curated',
        RETRIEVAL_STATE_MACHINE_ARN:
          'arn:aws:states:us-east-1:123456789012:stateMachine:spapi-lake-report-retrieval',
        SWEEP_LOOKBACK_DAYS: '120',
      }),
    ).rejects.toThrow(/SWEEP_LOOKBACK_DAYS/);
  });
});
