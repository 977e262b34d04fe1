import { FAKE_TYPES, fakeGenerator } from '../test/fake-generator';
import { simClient, subscribeToReports } from '../test/sim-client';
import { startSimulator } from './start-simulator';

const US = 'ATVPDKIKX0DER';
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const SEED = 5;
const START = Date.parse('2026-11-01T00:00:00Z');

/** The ids one simulator instance issued for the same calls: three reports and a schedule. */
async function idsOfOneInstance(clock: number) {
  const sim = await startSimulator({ seed: SEED, clock, generator: fakeGenerator, rateScale: 100 });
  try {
    const client = simClient(sim);
    await subscribeToReports(client);
    const token = await client.accessToken();
    for (let i = 0; i < 3; i += 1) {
      const created = await client.call('POST', '/reports/2021-06-30/reports', {
        token,
        body: { reportType: FAKE_TYPES.listings, marketplaceIds: [US] },
      });
      expect(created.status).toBe(202);
    }
    const schedule = await client.call('POST', '/reports/2021-06-30/schedules', {
      token,
      body: { reportType: FAKE_TYPES.listings, marketplaceIds: [US], period: 'P1D' },
    });
    expect(schedule.status).toBe(201);
    sim.clock.advance(60_000);
    // Every report, with the Amazon-generated settlements of the last 90 days.
    const reports = sim.groundTruth.reports();
    const settlementKey = (r: (typeof reports)[number]) =>
      [r.sellingPartnerId, r.spec.dataStartTime, r.spec.dataEndTime, ...r.spec.marketplaceIds].join(
        ' ',
      );
    return {
      reportIds: reports.filter((r) => r.reportType !== SETTLEMENT).map((r) => r.reportId),
      settlementIds: new Map(
        reports
          .filter((r) => r.reportType === SETTLEMENT)
          .map((r) => [settlementKey(r), r.reportId]),
      ),
      reportScheduleId: (schedule.json as { reportScheduleId: string }).reportScheduleId,
      documentIds: reports.flatMap((r) => r.reportDocumentId ?? []),
      notificationIds: sim.delivered().map((n) => n.notificationId),
      end: sim.clock.now(),
    };
  } finally {
    await sim.stop();
  }
}

describe('ids across simulator instances', () => {
  it('issues numeric report and schedule ids that a later instance never issues again', async () => {
    const first = await idsOfOneInstance(START);
    // A second `npm start` on the same lake: same seed and world, simulated time moved on.
    const second = await idsOfOneInstance(first.end + 60_000);

    const firstNumbers = [...first.reportIds, first.reportScheduleId];
    const secondNumbers = [...second.reportIds, second.reportScheduleId];
    expect(first.reportIds.length).toBeGreaterThan(3);
    for (const id of [...firstNumbers, ...secondNumbers]) expect(id).toMatch(/^[1-9]\d*$/);
    expect(new Set([...firstNumbers, ...secondNumbers]).size).toBe(
      firstNumbers.length + secondNumbers.length,
    );
    const lastOfFirst = Math.max(...firstNumbers.map(Number));
    expect(secondNumbers.every((id) => Number(id) > lastOfFirst)).toBe(true);
  });

  it('lists a settlement under the same id in a later instance, as Amazon does', async () => {
    const first = await idsOfOneInstance(START);
    const second = await idsOfOneInstance(first.end + 60_000);

    expect(first.settlementIds.size).toBeGreaterThan(1);
    for (const [key, reportId] of first.settlementIds) {
      expect(reportId).toMatch(/^[1-9]\d{10}$/);
      expect(second.settlementIds.get(key)).toBe(reportId);
    }
    const ids = [...first.settlementIds.values()];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('issues document and notification ids that a later instance never issues again', async () => {
    const first = await idsOfOneInstance(START);
    const second = await idsOfOneInstance(first.end + 60_000);

    expect(first.documentIds.length).toBeGreaterThan(3);
    // The three reports and the schedule's first run finished.
    expect(first.notificationIds).toHaveLength(4);
    for (const id of first.documentIds) {
      expect(id).toMatch(
        /^amzn1\.spdoc\.1\.4\.(na|eu)\.[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    const documents = [...first.documentIds, ...second.documentIds];
    expect(new Set(documents).size).toBe(documents.length);
    const notifications = [...first.notificationIds, ...second.notificationIds];
    expect(new Set(notifications).size).toBe(notifications.length);
  });

  it('issues the very same ids again for the same seed and clock', async () => {
    const once = await idsOfOneInstance(START);
    const again = await idsOfOneInstance(START);
    expect(again).toEqual(once);
  });
});
