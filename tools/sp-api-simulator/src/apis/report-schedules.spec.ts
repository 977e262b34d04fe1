import { type SimulatorHandle, startSimulator } from '../server/start-simulator';
import { FAKE_TYPES, fakeGenerator } from '../test/fake-generator';
import { simClient } from '../test/sim-client';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const REPORTS = '/reports/2021-06-30/reports';

interface ReportJson {
  reportId: string;
  processingStatus: string;
  reportDocumentId?: string;
  processingStartTime?: string;
  processingEndTime?: string;
  reportScheduleId?: string;
  dataStartTime?: string;
  dataEndTime?: string;
}

describe('Reports API schedules', () => {
  let sim: SimulatorHandle;
  let client: ReturnType<typeof simClient>;
  let token: string;

  beforeEach(async () => {
    // Large rateScale: these tests are about behaviour, not throttling.
    sim = await startSimulator({ seed: 11, generator: fakeGenerator, rateScale: 100 });
    client = simClient(sim);
    token = await client.accessToken();
  });
  afterEach(() => sim.stop());

  const SCHEDULES = '/reports/2021-06-30/schedules';
  const createSchedule = async (body: Record<string, unknown>) => {
    const res = await client.call('POST', SCHEDULES, {
      token,
      body: { reportType: FAKE_TYPES.listings, marketplaceIds: [US], period: 'PT1H', ...body },
    });
    expect(res.status).toBe(201);
    return (res.json as { reportScheduleId: string }).reportScheduleId;
  };

  it('creates reports every period with reportScheduleId set', async () => {
    const id = await createSchedule({ nextReportCreationTime: '2026-11-01T01:00:00Z' });
    sim.clock.advance(3 * 3_600_000 + 60_000);
    token = await client.accessToken();
    const res = await client.call('GET', `${REPORTS}?reportTypes=${FAKE_TYPES.listings}`, {
      token,
    });
    const reports = (res.json as { reports: ReportJson[] }).reports;
    expect(reports).toHaveLength(3);
    expect(reports.every((r) => r.reportScheduleId === id && r.processingStatus === 'DONE')).toBe(
      true,
    );
    expect(reports[2]).toMatchObject({
      dataStartTime: '2026-11-01T00:00:00.000Z',
      dataEndTime: '2026-11-01T01:00:00.000Z',
    });
    const schedule = (await client.call('GET', `${SCHEDULES}/${id}`, { token })).json;
    expect(schedule).toMatchObject({
      reportScheduleId: id,
      period: 'PT1H',
      nextReportCreationTime: '2026-11-01T04:00:00.000Z',
    });
  });

  it('replaces a schedule for the same type and marketplaces, and lists, gets and cancels', async () => {
    const old = await createSchedule({ marketplaceIds: [US, CA] });
    const other = await createSchedule({ marketplaceIds: [US] });
    const replacement = await createSchedule({ marketplaceIds: [CA, US], period: 'P1D' });
    expect((await client.call('GET', `${SCHEDULES}/${old}`, { token })).status).toBe(404);
    const list = (
      await client.call('GET', `${SCHEDULES}?reportTypes=${FAKE_TYPES.listings}`, { token })
    ).json as { reportSchedules: { reportScheduleId: string }[] };
    expect(list.reportSchedules.map((s) => s.reportScheduleId).sort()).toEqual(
      [other, replacement].sort(),
    );
    expect((await client.call('DELETE', `${SCHEDULES}/${other}`, { token })).status).toBe(200);
    expect((await client.call('GET', `${SCHEDULES}/${other}`, { token })).status).toBe(404);
    expect((await client.call('DELETE', `${SCHEDULES}/${other}`, { token })).status).toBe(404);
  });
});
