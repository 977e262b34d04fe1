import { replayReport } from '@spapi-lake/ingestion';
import { manifestKey, parseReportManifest } from '@spapi-lake/lake';
import {
  buildCurationDependencies,
  buildReplayDependencies,
} from './build-report-retriever-dependencies';
import { createRetrieveReportHandler } from './create-retrieve-report-handler';
import { lakeSnapshot } from './test/lake-snapshot';
import { type SimulatedLake, startSimulatedLake } from './test/simulated-lake';

// A retriever run with PARQUET_ROW_GROUP_SIZE set writes other row groups than the default. Its
// manifests record the size, so a replay (which knows nothing of the retriever's environment)
// rebuilds the very same bytes.

jest.setTimeout(60_000);

const US = 'ATVPDKIKX0DER';
const ROW_GROUP_SIZE = 7;
const reports: readonly { reportType: string; reportOptions: Record<string, string> }[] = [
  { reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL', reportOptions: {} },
  { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', reportOptions: { asinGranularity: 'SKU' } },
];

let lake: SimulatedLake;
const ids: { sellingPartnerId: string; reportId: string }[] = [];

beforeAll(async () => {
  lake = await startSimulatedLake({ rowGroupSize: ROW_GROUP_SIZE });
  const partner = lake.partners.na;
  for (const { reportType, reportOptions } of reports) {
    const reportId = await lake.createFinishedReport(partner, {
      reportType,
      marketplaceIds: [US],
      dataStartTime: '2026-10-05T00:00:00Z',
      dataEndTime: '2026-10-11T23:59:59Z',
      reportOptions,
    });
    const report = await lake.client(partner).reports.getReport(reportId);
    await createRetrieveReportHandler(lake.deps)({
      sellingPartnerId: partner.sellingPartnerId,
      region: partner.region,
      reportType,
      report: { reportId },
      status: { processingStatus: 'DONE', reportDocumentId: report.reportDocumentId },
    });
    ids.push({ sellingPartnerId: partner.sellingPartnerId, reportId });
  }
});

afterAll(async () => {
  await lake?.stop();
});

describe('a lake curated with another row group size', () => {
  it('records the size in each manifest', async () => {
    for (const id of ids) {
      const manifest = parseReportManifest(await lake.deps.store.getObject(manifestKey(id)));
      expect(manifest.curationInputs?.rowGroupSize).toBe(ROW_GROUP_SIZE);
      expect(manifest.datasets.some((dataset) => dataset.rows > ROW_GROUP_SIZE)).toBe(true);
    }
  });

  it('replays byte for byte with the recorded size, not the default', async () => {
    const before = await lakeSnapshot(lake.directory);
    const replay = {
      ...buildReplayDependencies({ raw: lake.raw, curated: lake.curated }),
      clock: { now: () => Date.now() },
    };
    for (const id of ids) {
      await expect(replayReport(replay, id)).resolves.toMatchObject({ manifestChanged: false });
    }
    expect(await lakeSnapshot(lake.directory)).toEqual(before);

    // Control: the default size writes other Parquet bytes, so the recorded size is what kept them.
    const defaultSize = {
      ...buildCurationDependencies({ raw: lake.raw, curated: lake.curated }),
      clock: { now: () => Date.now() },
    };
    for (const id of ids) await replayReport(defaultSize, id);
    const parquet = (snapshot: Map<string, string>) =>
      [...snapshot].filter(([file]) => file.endsWith('.parquet'));
    const after = parquet(await lakeSnapshot(lake.directory));
    expect(after.map(([file]) => file)).toEqual(parquet(before).map(([file]) => file));
    expect(after).not.toEqual(parquet(before));
  });
});
