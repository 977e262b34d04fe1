import { type SimulatorHandle, startSimulator } from '../server/start-simulator';
import { FAKE_TYPES, fakeGenerator } from '../test/fake-generator';
import { simClient, subscribeToReports } from '../test/sim-client';

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

describe('Reports API', () => {
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

  const create = async (body: Record<string, unknown> = {}) => {
    const res = await client.call('POST', REPORTS, {
      token,
      body: { reportType: FAKE_TYPES.listings, marketplaceIds: [US], ...body },
    });
    expect(res.status).toBe(202);
    return (res.json as { reportId: string }).reportId;
  };
  const get = async (reportId: string) =>
    (await client.call('GET', `${REPORTS}/${reportId}`, { token })).json as ReportJson;

  it('moves a report IN_QUEUE -> IN_PROGRESS -> DONE on simulated time and notifies once', async () => {
    await subscribeToReports(client);
    const reportId = await create();
    expect((await get(reportId)).processingStatus).toBe('IN_QUEUE');
    sim.clock.advance(5_000);
    const inProgress = await get(reportId);
    expect(inProgress.processingStatus).toBe('IN_PROGRESS');
    expect(inProgress.processingStartTime).toBe('2026-11-01T00:00:05.000Z');
    sim.clock.advance(29_999);
    expect((await get(reportId)).processingStatus).toBe('IN_PROGRESS');
    expect(sim.delivered()).toHaveLength(0);
    sim.clock.advance(1);
    // advance() ticks the lifecycle: the notification leaves before any request.
    expect(sim.delivered()).toHaveLength(1);
    const done = await get(reportId);
    expect(done).toMatchObject({
      processingStatus: 'DONE',
      processingEndTime: '2026-11-01T00:00:35.000Z',
    });
    expect(done.reportDocumentId).toMatch(/^amzn1\.spdoc\.1\.4\.na\./);
    const body = JSON.parse(sim.queue.drain()[0] ?? '{}') as {
      payload: { reportProcessingFinishedNotification: Record<string, unknown> };
    };
    expect(body.payload.reportProcessingFinishedNotification).toMatchObject({
      reportId,
      processingStatus: 'DONE',
      reportDocumentId: done.reportDocumentId,
    });
  });

  it('ends CANCELLED without a document when there is no data, and FATAL with an error document', async () => {
    const empty = await create({ reportOptions: { outcome: 'no-data' } });
    const fatal = await create({ reportOptions: { outcome: 'fatal' } });
    sim.clock.advance(60_000);
    const cancelled = await get(empty);
    expect(cancelled.processingStatus).toBe('CANCELLED');
    expect(cancelled.reportDocumentId).toBeUndefined();
    const failed = await get(fatal);
    expect(failed.processingStatus).toBe('FATAL');
    expect(failed.reportDocumentId).toBeDefined();
    const doc = await client.call(
      'GET',
      `/reports/2021-06-30/documents/${failed.reportDocumentId}`,
      { token },
    );
    const { url, compressionAlgorithm } = doc.json as {
      url: string;
      compressionAlgorithm?: string;
    };
    expect(compressionAlgorithm).toBe('GZIP');
    const { gunzipSync } = await import('node:zlib');
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual({
      errorDetails: 'Simulated failure',
    });
  });

  it('uses configurable timing, per report type', async () => {
    await sim.stop();
    sim = await startSimulator({
      seed: 11,
      generator: fakeGenerator,
      reports: {
        timing: {
          inQueueMs: 1_000,
          inProgressMs: 2_000,
          byReportType: { [FAKE_TYPES.orders]: { inProgressMs: 60_000 } },
        },
      },
    });
    client = simClient(sim);
    token = await client.accessToken();
    const fast = await create();
    const slow = await create({ reportType: FAKE_TYPES.orders });
    sim.clock.advance(3_000);
    expect((await get(fast)).processingStatus).toBe('DONE');
    expect((await get(slow)).processingStatus).toBe('IN_PROGRESS');
  });

  it('notifies in the order reports finished, across one large clock jump', async () => {
    await subscribeToReports(client);
    const first = await create({ reportType: FAKE_TYPES.orders });
    sim.clock.advance(1_000);
    const second = await create();
    await sim.stop();
    // Reuse the state through the handle: a jump far past both finish times.
    sim = await startSimulator({
      seed: 11,
      generator: fakeGenerator,
      world: sim.world,
      rateScale: 100,
    });
    sim.clock.advance(10 * 60_000);
    const ids = sim.delivered().map(
      (d) =>
        (
          JSON.parse(d.body) as {
            payload: { reportProcessingFinishedNotification: { reportId: string } };
          }
        ).payload.reportProcessingFinishedNotification.reportId,
    );
    expect(ids).toEqual([first, second]);
  });

  it('rejects report types that cannot be requested, foreign marketplaces and future windows', async () => {
    const cases = [
      { reportType: FAKE_TYPES.settlement, marketplaceIds: [US] },
      { reportType: FAKE_TYPES.listings, marketplaceIds: ['A1PA6795UKMFR9'] },
      {
        reportType: FAKE_TYPES.listings,
        marketplaceIds: [US],
        dataEndTime: '2030-01-01T00:00:00Z',
      },
      {
        reportType: FAKE_TYPES.listings,
        marketplaceIds: [US],
        dataStartTime: '2026-10-20T00:00:00Z',
        dataEndTime: '2026-10-10T00:00:00Z',
      },
    ];
    for (const body of cases) {
      const res = await client.call('POST', REPORTS, { token, body });
      expect(res.status).toBe(400);
      expect((res.json as { errors: { code: string }[] }).errors[0]?.code).toBe('InvalidInput');
    }
  });

  it('cancels only IN_QUEUE reports', async () => {
    await subscribeToReports(client);
    const queued = await create();
    expect((await client.call('DELETE', `${REPORTS}/${queued}`, { token })).status).toBe(200);
    expect(await get(queued)).toMatchObject({ processingStatus: 'CANCELLED' });
    expect(sim.delivered()).toHaveLength(1);
    const started = await create();
    sim.clock.advance(5_000);
    const refused = await client.call('DELETE', `${REPORTS}/${started}`, { token });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('IN_PROGRESS');
    expect((await client.call('DELETE', `${REPORTS}/404`, { token })).status).toBe(404);
  });

  it('hides other partners reports', async () => {
    const reportId = await create();
    const other = await client.accessToken(1);
    expect((await client.call('GET', `${REPORTS}/${reportId}`, { token: other })).status).toBe(404);
  });

  describe('getReports', () => {
    it('filters by type, status, marketplace and creation time, newest first', async () => {
      const a = await create();
      sim.clock.advance(60_000);
      const b = await create({ marketplaceIds: [CA] });
      sim.clock.advance(60_000);
      const c = await create({ reportType: FAKE_TYPES.orders });
      const list = async (query: string) =>
        (
          (await client.call('GET', `${REPORTS}?${query}`, { token })).json as {
            reports: ReportJson[];
          }
        ).reports.map((r) => r.reportId);
      expect(await list(`reportTypes=${FAKE_TYPES.listings}`)).toEqual([b, a]);
      expect(await list(`reportTypes=${FAKE_TYPES.listings},${FAKE_TYPES.orders}`)).toEqual([
        c,
        b,
        a,
      ]);
      expect(await list(`reportTypes=${FAKE_TYPES.listings}&marketplaceIds=${CA}`)).toEqual([b]);
      expect(
        await list(
          `reportTypes=${FAKE_TYPES.listings},${FAKE_TYPES.orders}&processingStatuses=IN_QUEUE`,
        ),
      ).toEqual([c]);
      expect(
        await list(`reportTypes=${FAKE_TYPES.listings}&createdSince=2026-11-01T00:00:30Z`),
      ).toEqual([b]);
      expect(
        await list(`reportTypes=${FAKE_TYPES.listings}&createdUntil=2026-11-01T00:00:30Z`),
      ).toEqual([a]);
    });

    it('pages with nextToken, which must be sent alone', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        ids.push(await create());
        sim.clock.advance(1_000);
      }
      const first = (
        await client.call('GET', `${REPORTS}?reportTypes=${FAKE_TYPES.listings}&pageSize=2`, {
          token,
        })
      ).json as { reports: ReportJson[]; nextToken: string };
      expect(first.reports.map((r) => r.reportId)).toEqual([ids[4], ids[3]]);
      const alone = await client.call(
        'GET',
        `${REPORTS}?nextToken=${encodeURIComponent(first.nextToken)}&pageSize=2`,
        { token },
      );
      expect(alone.status).toBe(400);
      expect(alone.text).toContain('nextToken');
      const seen = first.reports.map((r) => r.reportId);
      let nextToken: string | undefined = first.nextToken;
      while (nextToken !== undefined) {
        const page = (
          await client.call('GET', `${REPORTS}?nextToken=${encodeURIComponent(nextToken)}`, {
            token,
          })
        ).json as { reports: ReportJson[]; nextToken?: string };
        seen.push(...page.reports.map((r) => r.reportId));
        nextToken = page.nextToken;
      }
      expect(seen).toEqual([...ids].reverse());
      expect((await client.call('GET', `${REPORTS}?nextToken=bogus`, { token })).status).toBe(400);
    });

    it('requires reportTypes when there is no nextToken', async () => {
      const res = await client.call('GET', REPORTS, { token });
      expect(res.status).toBe(400);
      expect(res.text).toContain('reportTypes');
    });

    it('lists Amazon-generated settlement reports, DONE with documents', async () => {
      const res = await client.call(
        'GET',
        `${REPORTS}?reportTypes=${FAKE_TYPES.settlement}&pageSize=100`,
        { token },
      );
      const reports = (res.json as { reports: ReportJson[] }).reports;
      expect(reports.length).toBeGreaterThan(0);
      expect(
        reports.every((r) => r.processingStatus === 'DONE' && r.reportDocumentId !== undefined),
      ).toBe(true);
      const before = reports.length;
      sim.clock.advance(28 * 86_400_000);
      token = await client.accessToken();
      // The default window is the last 90 days; ask from before the first one.
      const later = await client.call(
        'GET',
        `${REPORTS}?reportTypes=${FAKE_TYPES.settlement}&pageSize=100&createdSince=2026-07-01T00:00:00Z`,
        { token },
      );
      expect((later.json as { reports: ReportJson[] }).reports.length).toBe(before + 2);
    });
  });
});
