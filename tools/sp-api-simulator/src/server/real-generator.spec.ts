import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { simClient } from '../test/sim-client';
import { type SimulatorHandle, startSimulator } from './start-simulator';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

interface GroundTruthTables {
  tables: Record<string, Iterable<unknown>>;
}

describe('simulator with the real report generators', () => {
  let sim: SimulatorHandle;
  let client: ReturnType<typeof simClient>;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 2026, rateScale: 100 });
    client = simClient(sim);
  });
  afterAll(() => sim.stop());

  const run = async (partnerIndex: number, body: Record<string, unknown>) => {
    const token = await client.accessToken(partnerIndex);
    const created = await client.call('POST', '/reports/2021-06-30/reports', { token, body });
    expect(created.status).toBe(202);
    const { reportId } = created.json as { reportId: string };
    sim.clock.advance(60_000);
    const report = (await client.call('GET', `/reports/2021-06-30/reports/${reportId}`, { token }))
      .json as { processingStatus: string; reportDocumentId?: string };
    return { token, reportId, report };
  };
  const download = async (token: string, reportDocumentId: string) => {
    const document = (
      await client.call('GET', `/reports/2021-06-30/documents/${reportDocumentId}`, { token })
    ).json as { url: string; compressionAlgorithm?: string };
    const res = await fetch(document.url);
    const raw = Buffer.from(await res.arrayBuffer());
    return {
      contentType: res.headers.get('content-type'),
      bytes: document.compressionAlgorithm === 'GZIP' ? gunzipSync(raw) : raw,
      gzip: document.compressionAlgorithm === 'GZIP',
    };
  };

  it('serves an EU merchant listings flat file in Cp1252 that matches the ground truth', async () => {
    const { token, reportId, report } = await run(1, {
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceIds: [DE],
    });
    expect(report.processingStatus).toBe('DONE');
    const { contentType, bytes } = await download(token, report.reportDocumentId ?? '');
    expect(contentType).toBe('text/plain; charset=Cp1252');
    const lines = iconv
      .decode(bytes, 'windows-1252')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    const truth = sim.groundTruth.report(reportId);
    expect(truth?.outcome.kind).toBe('document');
    const rows = [...((truth?.rows as GroundTruthTables).tables['rows'] ?? [])];
    expect(lines.length - 1).toBe(rows.length);
    const listed = sim.groundTruth.reports({ reportTypes: ['GET_MERCHANT_LISTINGS_ALL_DATA'] });
    expect(listed.map((r) => [r.reportId, r.processingStatus])).toEqual([[reportId, 'DONE']]);
  });

  it('serves the JSON sales and traffic report gzipped as UTF-8', async () => {
    const { token, report } = await run(0, {
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      marketplaceIds: [US],
      dataStartTime: '2026-10-01T00:00:00Z',
      dataEndTime: '2026-10-07T23:59:59Z',
      reportOptions: { dateGranularity: 'DAY', asinGranularity: 'PARENT' },
    });
    expect(report.processingStatus).toBe('DONE');
    const { contentType, bytes, gzip } = await download(token, report.reportDocumentId ?? '');
    expect(gzip).toBe(true);
    expect(contentType).toBe('text/plain; charset=UTF-8');
    expect(JSON.parse(bytes.toString('utf8'))).toHaveProperty('salesAndTrafficByDate');
  });

  it('lists Amazon-generated settlement reports and refuses to create them', async () => {
    const token = await client.accessToken(0);
    const listed = await client.call(
      'GET',
      `/reports/2021-06-30/reports?reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2&marketplaceIds=${US}&createdSince=2026-10-10T00:00:00Z`,
      { token },
    );
    const reports = (
      listed.json as { reports: { processingStatus: string; reportDocumentId?: string }[] }
    ).reports;
    expect(reports.length).toBeGreaterThan(0);
    const done = reports.find((r) => r.reportDocumentId !== undefined);
    expect(done?.processingStatus).toBe('DONE');
    const { bytes } = await download(token, done?.reportDocumentId ?? '');
    expect(bytes.toString('utf8').split('\n')[0]).toContain('settlement-id');
    const refused = await client.call('POST', '/reports/2021-06-30/reports', {
      token,
      body: { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', marketplaceIds: [US] },
    });
    expect(refused.status).toBe(400);
  });

  it('lists no settlement reports for a vendor, as Amazon settles only seller accounts', async () => {
    const settlements = `/reports/2021-06-30/reports?reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2&marketplaceIds=${US}`;
    const listed = async (partnerIndex: number) => {
      const token = await client.accessToken(partnerIndex);
      const res = await client.call('GET', settlements, { token });
      expect(res.status).toBe(200);
      return (res.json as { reports: unknown[] }).reports;
    };
    expect((await listed(0)).length).toBeGreaterThan(0);
    expect(await listed(2)).toEqual([]);
    const vendor = sim.credentials().partners[2];
    if (vendor?.accountType !== 'vendor') throw new Error('the third partner is no vendor');
    const truth = sim.groundTruth.reports({ sellingPartnerId: vendor.sellingPartnerId });
    expect(truth.filter((r) => r.reportType.includes('SETTLEMENT'))).toEqual([]);
  });

  it('finishes a vendor report without its required options as FATAL with an error document', async () => {
    const { token, report } = await run(2, {
      reportType: 'GET_VENDOR_SALES_REPORT',
      marketplaceIds: [US],
    });
    expect(report.processingStatus).toBe('FATAL');
    const { bytes } = await download(token, report.reportDocumentId ?? '');
    expect(JSON.parse(bytes.toString('utf8'))).toHaveProperty('errorDetails');
  });
});
