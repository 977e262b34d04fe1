import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { type SimulatorHandle, startSimulator } from '../server/start-simulator';
import { FAKE_TYPES, fakeGenerator } from '../test/fake-generator';
import { simClient } from '../test/sim-client';

const US = 'ATVPDKIKX0DER';
const REPORTS = '/reports/2021-06-30/reports';

describe('fault injection', () => {
  let sim: SimulatorHandle;
  let client: ReturnType<typeof simClient>;
  let token: string;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 21, generator: fakeGenerator, rateScale: 1000 });
    client = simClient(sim);
    token = await client.accessToken();
  });
  afterEach(() => sim.stop());

  const statuses = async (count: number, path: string): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < count; i += 1) out.push((await client.call('GET', path, { token })).status);
    return out;
  };

  const finishedDocumentUrl = async (reportType: string = FAKE_TYPES.listings, rows?: number) => {
    const res = await client.call('POST', REPORTS, {
      token,
      body: { reportType, marketplaceIds: [US], ...(rows === undefined ? {} : {}) },
    });
    const { reportId } = res.json as { reportId: string };
    sim.clock.advance(60_000);
    const report = (await client.call('GET', `${REPORTS}/${reportId}`, { token })).json as {
      reportDocumentId: string;
    };
    const doc = await client.call(
      'GET',
      `/reports/2021-06-30/documents/${report.reportDocumentId}`,
      { token },
    );
    return (doc.json as { url: string }).url;
  };

  it('answers a share of calls 429 for one operation only, deterministically from the seed', async () => {
    sim.faults.set({ operations: { getReport: { ratio429: 0.5 } } });
    const reportId = (
      await client.call('POST', REPORTS, {
        token,
        body: { reportType: FAKE_TYPES.listings, marketplaceIds: [US] },
      })
    ).json as { reportId: string };
    const path = `${REPORTS}/${reportId.reportId}`;
    const first = await statuses(40, path);
    expect(first.filter((s) => s === 429).length).toBeGreaterThan(8);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(8);
    expect(new Set(await statuses(10, '/sellers/v1/marketplaceParticipations'))).toEqual(
      new Set([200]),
    );

    const again = await startSimulator({
      seed: 21,
      generator: fakeGenerator,
      rateScale: 1000,
      faults: { operations: { getReport: { ratio429: 0.5 } } },
    });
    try {
      const c = simClient(again);
      const t = await c.accessToken();
      const id = (
        (
          await c.call('POST', REPORTS, {
            token: t,
            body: { reportType: FAKE_TYPES.listings, marketplaceIds: [US] },
          })
        ).json as { reportId: string }
      ).reportId;
      const replay: number[] = [];
      for (let i = 0; i < 40; i += 1)
        replay.push((await c.call('GET', `${REPORTS}/${id}`, { token: t })).status);
      expect(replay).toEqual(first);
    } finally {
      await again.stop();
    }
    // A second simulator and ninety calls: more than jest's default 5 s on a loaded machine.
  }, 30_000);

  it('answers 500 InternalFailure and 503 ServiceUnavailable with SP-API error bodies', async () => {
    sim.faults.set({ ratio500: 1 });
    const failed = await client.call('GET', '/sellers/v1/marketplaceParticipations', { token });
    expect(failed.status).toBe(500);
    expect((failed.json as { errors: { code: string }[] }).errors[0]?.code).toBe('InternalFailure');
    sim.faults.set({ ratio503: 1 });
    const unavailable = await client.call('GET', '/sellers/v1/marketplaceParticipations', {
      token,
    });
    expect(unavailable.status).toBe(503);
    expect((unavailable.json as { errors: { code: string }[] }).errors[0]?.code).toBe(
      'ServiceUnavailable',
    );
    expect(unavailable.headers.get('x-amzn-ratelimit-limit')).toBeNull();
  });

  it('adds latency, per operation overriding the global value', async () => {
    sim.faults.set({
      latencyMs: 0,
      operations: { getMarketplaceParticipations: { latencyMs: 150 } },
    });
    const started = Date.now();
    await client.call('GET', '/sellers/v1/marketplaceParticipations', { token });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('merges updates and clears', async () => {
    sim.faults.set({ operations: { getReport: { ratio429: 0.1 } } });
    sim.faults.update({
      operations: { getReport: { latencyMs: 5 }, getReports: { ratio500: 0.2 } },
    });
    expect(sim.faults.get()).toEqual({
      operations: { getReport: { ratio429: 0.1, latencyMs: 5 }, getReports: { ratio500: 0.2 } },
    });
    sim.faults.clear();
    expect(sim.faults.get()).toEqual({});
  });

  it('keeps reports IN_PROGRESS while stuck, then lets them finish', async () => {
    sim.faults.set({ stuckInProgress: [FAKE_TYPES.listings] });
    const stuck = (
      (
        await client.call('POST', REPORTS, {
          token,
          body: { reportType: FAKE_TYPES.listings, marketplaceIds: [US] },
        })
      ).json as { reportId: string }
    ).reportId;
    const free = (
      (
        await client.call('POST', REPORTS, {
          token,
          body: { reportType: FAKE_TYPES.orders, marketplaceIds: [US] },
        })
      ).json as { reportId: string }
    ).reportId;
    sim.clock.advance(30 * 60_000);
    const status = async (id: string) =>
      (await client.call('GET', `${REPORTS}/${id}`, { token })).json as {
        processingStatus: string;
        processingEndTime?: string;
      };
    expect((await status(stuck)).processingStatus).toBe('IN_PROGRESS');
    expect((await status(free)).processingStatus).toBe('DONE');
    sim.faults.clear();
    sim.clock.advance(1_000);
    expect(await status(stuck)).toMatchObject({
      processingStatus: 'DONE',
      processingEndTime: '2026-11-01T00:30:01.000Z',
    });
  });

  it('issues document URLs that have already expired', async () => {
    sim.faults.set({ expiredDocumentUrls: true });
    const url = await finishedDocumentUrl();
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
  });

  it('resets the connection part-way through a document', async () => {
    await sim.stop();
    sim = await startSimulator({
      seed: 21,
      generator: fakeGenerator,
      rateScale: 1000,
      reports: { rowsOverride: { [FAKE_TYPES.listings]: 20_000 } },
    });
    client = simClient(sim);
    token = await client.accessToken();
    const url = await finishedDocumentUrl();
    sim.faults.set({ resetMidDocumentRatio: 1 });
    // Node reports the reset on the request once the response has started.
    let bytes = 0;
    const error = await new Promise<string | undefined>((resolve) => {
      get(url, (res) => {
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve(undefined));
      }).on('error', (err) => resolve(err.message));
    });
    const received = { bytes, error };
    expect(received.error).toBeDefined();
    expect(received.bytes).toBeGreaterThan(0);
    sim.faults.clear();
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(received.bytes).toBeLessThan(whole.length);
    expect(sim.faults.injected()).toMatchObject({ connectionResets: 1, truncatedDocuments: 0 });
  });

  it('cuts a gzip stream short while ending the response cleanly', async () => {
    await sim.stop();
    sim = await startSimulator({
      seed: 21,
      generator: fakeGenerator,
      rateScale: 1000,
      reports: { gzip: 'all' },
    });
    client = simClient(sim);
    token = await client.accessToken();
    const url = await finishedDocumentUrl();
    sim.faults.set({ truncatedGzipRatio: 1 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(() => gunzipSync(bytes)).toThrow(/unexpected end of file/);
  });

  it('fails the LWA token endpoint and document downloads through their pseudo operations', async () => {
    const url = await finishedDocumentUrl();
    sim.faults.set({
      operations: { lwaToken: { ratio503: 1 }, downloadDocument: { ratio500: 1 } },
    });
    const lwa = await client.lwa({
      grant_type: 'refresh_token',
      refresh_token: client.creds.partners[0]?.refreshToken ?? '',
      client_id: client.creds.clientId,
      client_secret: client.creds.clientSecret,
    });
    expect(lwa.status).toBe(503);
    expect(lwa.json).toMatchObject({ error: 'temporarily_unavailable' });
    const download = await fetch(url);
    expect(download.status).toBe(500);
    expect(await download.text()).toContain('<Code>InternalError</Code>');
    expect(sim.faults.injected().statuses).toEqual({
      lwaToken: { 503: 1 },
      downloadDocument: { 500: 1 },
    });
  });

  it('answers an operation from a repeating cycle, at the same calls whatever the timing', async () => {
    sim.faults.set({
      operations: { getMarketplaceParticipations: { ratio429: 1, cycle: ['ok', 429, 'ok', 503] } },
    });
    expect(await statuses(8, '/sellers/v1/marketplaceParticipations')).toEqual([
      200, 429, 200, 503, 200, 429, 200, 503,
    ]);
    expect(sim.faults.injected().statuses).toEqual({
      getMarketplaceParticipations: { 429: 2, 503: 2 },
    });
  });

  it('resets every n-th document download', async () => {
    await sim.stop();
    sim = await startSimulator({
      seed: 21,
      generator: fakeGenerator,
      rateScale: 1000,
      faults: { resetMidDocumentEvery: 2 },
    });
    client = simClient(sim);
    token = await client.accessToken();
    const url = await finishedDocumentUrl();
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      outcomes.push(
        await new Promise<string>((resolve) => {
          get(url, (res) => {
            res.resume();
            res.on('end', () => resolve('whole'));
          }).on('error', () => resolve('reset'));
        }),
      );
    }
    expect(outcomes).toEqual(['whole', 'reset', 'whole', 'reset']);
    expect(sim.faults.injected().connectionResets).toBe(2);
  });

  it('counts the injected statuses that were answered, not those the quota answered first', async () => {
    sim.faults.set({ operations: { getMarketplaceParticipations: { ratio429: 0.5 } } });
    const answered = await statuses(30, '/sellers/v1/marketplaceParticipations');
    const throttled = answered.filter((status) => status === 429).length;
    expect(throttled).toBeGreaterThan(3);
    expect(sim.faults.injected().statuses).toEqual({
      getMarketplaceParticipations: { 429: throttled },
    });
    sim.faults.clear();
    expect(sim.faults.injected().statuses['getMarketplaceParticipations']).toEqual({
      429: throttled,
    });
  });

  it('revokes the access tokens issued before each revocation instant, and counts the refusals', async () => {
    const path = '/sellers/v1/marketplaceParticipations';
    sim.faults.set({ accessTokenRevocationIntervalMs: 20 * 60_000 });
    // Simulated time starts at midnight: the next revocation is at 00:20.
    sim.clock.advance(19 * 60_000);
    expect((await client.call('GET', path, { token })).status).toBe(200);
    sim.clock.advance(60_000);
    const refused = await client.call('GET', path, { token });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.json)).toContain('revoked, malformed or invalid');
    const fresh = await client.accessToken();
    expect((await client.call('GET', path, { token: fresh })).status).toBe(200);
    // Its natural expiry is counted apart from the fault.
    sim.faults.clear();
    sim.clock.advance(3_600_000);
    expect((await client.call('GET', path, { token: fresh })).status).toBe(403);
    expect(sim.faults.injected()).toMatchObject({ revokedAccessTokens: 1, expiredAccessTokens: 1 });
  });

  it('revokes refresh tokens by token value', async () => {
    const refreshToken = client.creds.partners[0]?.refreshToken ?? '';
    sim.faults.set({ revokedRefreshTokens: [refreshToken] });
    const res = await client.lwa({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: client.creds.clientId,
      client_secret: client.creds.clientSecret,
    });
    expect(res.json).toMatchObject({ error: 'invalid_grant' });
    // Access tokens issued before the revocation keep working until they expire.
    expect(
      (await client.call('GET', '/sellers/v1/marketplaceParticipations', { token })).status,
    ).toBe(200);
  });
});
