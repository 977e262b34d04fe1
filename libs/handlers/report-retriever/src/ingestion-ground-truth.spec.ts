import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { manifestedReports, replayReport, retrieveReport } from '@spapi-lake/ingestion';
import {
  type ReportManifest,
  ledgerKey,
  manifestKey,
  parseLedgerEntry,
  parseReportManifest,
} from '@spapi-lake/lake';
import { reportTypeDefinition, reportTypeDefinitions } from '@spapi-lake/reports';
import {
  type ExpectedDataset,
  expectedDatasets,
  expectedFileColumns,
  groundTruthTables,
  normaliseRead,
  selectRows,
} from '@spapi-lake/testing-ground-truth';
import { createRetrieveReportHandler } from './create-retrieve-report-handler';
import { DuckDbLake } from './test/duckdb-lake';
import { lakeSnapshot } from './test/lake-snapshot';
import { type SimPartner, type SimulatedLake, startSimulatedLake } from './test/simulated-lake';

// For every report type the simulator generates: create it (or find it, for settlements), let it
// finish, run RetrieveReport, then read the curated Parquet back with DuckDB and compare it with the
// simulator's ground truth, row by row and column by column; the raw object must be the very
// bytes the simulator serves.

jest.setTimeout(120_000);

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const IT = 'APJ6JRA9NG5V4';
const UK = 'A1F83G8C2ARO7P';
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';

interface Case {
  readonly name: string;
  readonly partner: 'na' | 'eu' | 'vendor' | 'uk';
  readonly reportType: string;
  readonly marketplaceId: string;
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
  /** Options, or options made of the partner's own catalog (its ASINs). */
  readonly reportOptions?:
    Readonly<Record<string, string>> | ((partner: SimPartner) => Readonly<Record<string, string>>);
  /** Cp1252 flat file (European marketplace). */
  readonly cp1252?: boolean;
}

const twoDays = { dataStartTime: '2026-10-05T00:00:00Z', dataEndTime: '2026-10-06T23:59:59Z' };
const week = { dataStartTime: '2026-10-18T00:00:00Z', dataEndTime: '2026-10-24T23:59:59Z' };
const month = { dataStartTime: '2026-09-01T00:00:00Z', dataEndTime: '2026-09-30T23:59:59Z' };

const cases: readonly Case[] = [
  {
    name: 'orders by order date (US, UTF-8)',
    partner: 'na',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    marketplaceId: US,
    ...twoDays,
  },
  {
    name: 'orders by order date (DE, Cp1252)',
    partner: 'eu',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    marketplaceId: DE,
    cp1252: true,
    ...twoDays,
  },
  {
    name: 'orders by last update (FR, Cp1252)',
    partner: 'eu',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
    marketplaceId: FR,
    cp1252: true,
    ...twoDays,
  },
  {
    name: 'orders by last update (US, UTF-8)',
    partner: 'na',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
    marketplaceId: US,
    ...twoDays,
  },
  {
    name: 'merchant listings (US, UTF-8)',
    partner: 'na',
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceId: US,
  },
  {
    name: 'merchant listings (DE, Cp1252)',
    partner: 'eu',
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceId: DE,
    cp1252: true,
  },
  {
    name: 'merchant listings (FR, Cp1252)',
    partner: 'eu',
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceId: FR,
    cp1252: true,
  },
  {
    // Day-first dates (`24/03/2011 09:29:39 GMT`), read by the UK's conventions.
    name: 'merchant listings (UK, Cp1252)',
    partner: 'uk',
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceId: UK,
    cp1252: true,
  },
  {
    name: 'merchant listings (IT, Cp1252)',
    partner: 'uk',
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceId: IT,
    cp1252: true,
  },
  {
    name: 'orders by order date (IT, Cp1252)',
    partner: 'uk',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    marketplaceId: IT,
    cp1252: true,
    ...twoDays,
  },
  {
    name: 'FBA inventory (US)',
    partner: 'na',
    reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
    marketplaceId: US,
  },
  {
    name: 'FBA inventory (DE, Cp1252)',
    partner: 'eu',
    reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
    marketplaceId: DE,
    cp1252: true,
  },
  {
    name: 'settlement V2 found with getReports (DE, Cp1252, CRLF)',
    partner: 'eu',
    reportType: SETTLEMENT,
    marketplaceId: DE,
    cp1252: true,
  },
  {
    name: 'sales and traffic (US, JSON, GZIP)',
    partner: 'na',
    reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
    marketplaceId: US,
    dataStartTime: '2026-10-01T00:00:00Z',
    dataEndTime: '2026-10-07T23:59:59Z',
    reportOptions: { dateGranularity: 'DAY', asinGranularity: 'CHILD' },
  },
  {
    name: 'Brand Analytics search terms (US, JSON, GZIP)',
    partner: 'na',
    reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
    marketplaceId: US,
    ...week,
    reportOptions: { reportPeriod: 'WEEK' },
  },
  {
    name: 'Brand Analytics market basket (US, JSON)',
    partner: 'na',
    reportType: 'GET_BRAND_ANALYTICS_MARKET_BASKET_REPORT',
    marketplaceId: US,
    ...week,
    reportOptions: { reportPeriod: 'WEEK' },
  },
  {
    name: 'Brand Analytics repeat purchase (DE, JSON, a month)',
    partner: 'eu',
    reportType: 'GET_BRAND_ANALYTICS_REPEAT_PURCHASE_REPORT',
    marketplaceId: DE,
    ...month,
    reportOptions: { reportPeriod: 'MONTH' },
  },
  {
    name: 'Brand Analytics search catalog performance (US vendor, JSON)',
    partner: 'vendor',
    reportType: 'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT',
    marketplaceId: US,
    ...week,
    reportOptions: { reportPeriod: 'WEEK' },
  },
  {
    name: 'Brand Analytics search query performance (US, JSON, five ASINs)',
    partner: 'na',
    reportType: 'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT',
    marketplaceId: US,
    ...week,
    reportOptions: (partner) => ({
      reportPeriod: 'WEEK',
      asin: ownAsins(partner, US).slice(0, 5).join(' '),
    }),
  },
  {
    name: 'vendor sales (US vendor, JSON, GZIP)',
    partner: 'vendor',
    reportType: 'GET_VENDOR_SALES_REPORT',
    marketplaceId: US,
    ...week,
    reportOptions: {
      reportPeriod: 'WEEK',
      distributorView: 'MANUFACTURING',
      sellingProgram: 'RETAIL',
    },
  },
  {
    name: 'vendor traffic (US vendor, JSON, two weeks)',
    partner: 'vendor',
    reportType: 'GET_VENDOR_TRAFFIC_REPORT',
    marketplaceId: US,
    dataStartTime: '2026-10-11T00:00:00Z',
    dataEndTime: '2026-10-24T23:59:59Z',
    reportOptions: { reportPeriod: 'WEEK' },
  },
  {
    name: 'vendor inventory (US vendor, JSON, a month, sourcing)',
    partner: 'vendor',
    reportType: 'GET_VENDOR_INVENTORY_REPORT',
    marketplaceId: US,
    ...month,
    reportOptions: { reportPeriod: 'MONTH', distributorView: 'SOURCING', sellingProgram: 'RETAIL' },
  },
  {
    name: 'vendor inventory (US vendor, JSON, manufacturing)',
    partner: 'vendor',
    reportType: 'GET_VENDOR_INVENTORY_REPORT',
    marketplaceId: US,
    ...week,
    reportOptions: {
      reportPeriod: 'WEEK',
      distributorView: 'MANUFACTURING',
      sellingProgram: 'RETAIL',
    },
  },
  {
    name: 'vendor net pure product margin (US vendor, JSON)',
    partner: 'vendor',
    reportType: 'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT',
    marketplaceId: US,
    ...week,
    reportOptions: { reportPeriod: 'WEEK' },
  },
  {
    name: 'vendor forecasts (US vendor, JSON)',
    partner: 'vendor',
    reportType: 'GET_VENDOR_FORECASTING_REPORT',
    marketplaceId: US,
    reportOptions: { sellingProgram: 'RETAIL' },
  },
];

interface Ingested {
  readonly partner: SimPartner;
  readonly testCase: Case;
  /** The RetrieveReport task input it was ingested with. */
  readonly state: Record<string, unknown>;
  readonly reportId: string;
  readonly manifest: ReportManifest;
  readonly quarantinedRows: number;
  readonly expected: ExpectedDataset[];
}

let lake: SimulatedLake;
let duck: DuckDbLake;
// A European seller in the UK and Italy besides the default world's DE+FR one: Italian and
// English titles carry the curly double quotes German and French ones do not.
let uk: SimPartner;
const ingested = new Map<string, Ingested>();

/** The ASINs the partner lists in the marketplace, as the simulator serves them. */
function ownAsins(partner: SimPartner, marketplaceId: string): string[] {
  return [
    ...new Set(
      lake.sim.catalog
        .listings(partner.sellingPartnerId, marketplaceId)
        .map((listing) => listing.asin),
    ),
  ];
}

async function settlementReportId(partner: SimPartner, marketplaceId: string): Promise<string> {
  const { reports } = await lake.client(partner).reports.getReports({
    reportTypes: [SETTLEMENT],
    marketplaceIds: [marketplaceId],
    processingStatuses: ['DONE'],
  });
  const [newest] = reports;
  if (newest === undefined) throw new Error('the simulator listed no settlement report');
  return newest.reportId;
}

async function ingest(testCase: Case): Promise<Ingested> {
  const partner = testCase.partner === 'uk' ? uk : lake.partners[testCase.partner];
  const reportId =
    testCase.reportType === SETTLEMENT
      ? await settlementReportId(partner, testCase.marketplaceId)
      : await lake.createFinishedReport(partner, {
          reportType: testCase.reportType,
          marketplaceIds: [testCase.marketplaceId],
          ...(testCase.dataStartTime === undefined
            ? {}
            : { dataStartTime: testCase.dataStartTime }),
          ...(testCase.dataEndTime === undefined ? {} : { dataEndTime: testCase.dataEndTime }),
          ...(testCase.reportOptions === undefined
            ? {}
            : {
                reportOptions:
                  typeof testCase.reportOptions === 'function'
                    ? testCase.reportOptions(partner)
                    : testCase.reportOptions,
              }),
        });
  const report = await lake.client(partner).reports.getReport(reportId);
  expect(report.processingStatus).toBe('DONE');
  const windowStart = report.dataStartTime ?? report.createdTime;
  // A settlement arrives as the report retrieval state machine's input: no report config, window
  // or marketplace, which RetrieveReport takes from getReport. Requested types come as fan-out
  // windows.
  const placement =
    testCase.reportType === SETTLEMENT
      ? {}
      : {
          reportConfigId: 'ground-truth',
          marketplaceIds: [testCase.marketplaceId],
          window: { start: windowStart, end: report.dataEndTime ?? windowStart },
        };
  const state = {
    sellingPartnerId: partner.sellingPartnerId,
    region: partner.region,
    reportType: testCase.reportType,
    ...placement,
    report: { reportId },
    status: { processingStatus: 'DONE', reportDocumentId: report.reportDocumentId },
  };
  const output = await createRetrieveReportHandler(lake.deps)(state);
  const manifest = parseReportManifest(
    await lake.deps.store.getObject(
      manifestKey({ sellingPartnerId: partner.sellingPartnerId, reportId }),
    ),
  );
  const truth = groundTruthTables(lake.sim.groundTruth.report(reportId)?.rows);
  return {
    partner,
    testCase,
    state,
    reportId,
    manifest,
    quarantinedRows: output.quarantinedRows,
    expected: expectedDatasets(
      reportTypeDefinition(testCase.reportType),
      truth,
      {
        sellingPartnerId: partner.sellingPartnerId,
        marketplaceId: testCase.marketplaceId,
        windowStart,
      },
      {
        reportId,
        processedAt: report.processingEndTime ?? report.createdTime,
        dataStartTime: windowStart,
        dataEndTime: report.dataEndTime ?? windowStart,
      },
    ),
  };
}

beforeAll(async () => {
  lake = await startSimulatedLake();
  duck = await DuckDbLake.open(lake.curatedDirectory);
  uk = lake.addPartner({ accountType: 'seller', region: 'EU', marketplaceIds: [UK, IT] });
  for (const testCase of cases) ingested.set(testCase.name, await ingest(testCase));
});

afterAll(async () => {
  duck?.close();
  await lake?.stop();
});

function ingestedCase(name: string): Ingested {
  const found = ingested.get(name);
  if (found === undefined) throw new Error(`${name} was not ingested`);
  return found;
}

it('covers every report type of the registry', () => {
  const covered = new Set(cases.map((testCase) => testCase.reportType));
  expect(
    reportTypeDefinitions
      .map((definition) => definition.reportType)
      .filter((type) => !covered.has(type)),
  ).toEqual([]);
});

describe.each(cases.map((testCase) => [testCase.name, testCase] as const))(
  '%s',
  (name, testCase) => {
    it('lands every ground-truth row exactly once, every column equal', async () => {
      const { expected, reportId } = ingestedCase(name);
      expect(expected.length).toBeGreaterThan(0);
      for (const dataset of expected) {
        const read = await duck.query(
          selectRows(duck.dataset(dataset.definition.name), dataset, reportId),
        );
        expect(dataset.rows.length).toBeGreaterThan(0);
        expect(normaliseRead(read)).toEqual(dataset.rows);
      }
    });

    it('writes exactly the schema, drift and lineage columns to every file', async () => {
      const { manifest, expected } = ingestedCase(name);
      for (const dataset of expected) {
        const entry = manifest.datasets.find((d) => d.dataset === dataset.definition.name);
        expect(entry?.rows).toBe(dataset.rows.length);
        expect(entry?.partitions.length).toBeGreaterThan(0);
        for (const key of entry?.partitions ?? []) {
          const columns = await duck.columnsOf(path.join(lake.curatedDirectory, key));
          expect(columns.sort()).toEqual(expectedFileColumns(dataset));
        }
      }
    });

    it('quarantines nothing (the simulator makes no bad rows)', () => {
      const { manifest, quarantinedRows } = ingestedCase(name);
      expect(quarantinedRows).toBe(0);
      expect(manifest.quarantinedRows).toBe(0);
    });

    it('keeps the document in the raw zone byte for byte as the simulator serves it', async () => {
      const { partner, reportId, manifest } = ingestedCase(name);
      const client = lake.client(partner);
      const location = await client.reports.getReportDocument(manifest.documentId);
      const response = await fetch(location.url, { headers: { 'accept-encoding': 'identity' } });
      const served = Buffer.from(await response.arrayBuffer());
      const raw = await lake.raw.getObject(manifest.rawKey);
      expect(raw.equals(served)).toBe(true);
      expect(manifest.rawBytes).toBe(served.length);
      expect(
        manifest.rawKey.endsWith(location.compressionAlgorithm === 'GZIP' ? '.gz' : '.tsv'),
      ).toBe(true);

      // And those bytes are the generator's text in the charset the response named.
      const outcome = lake.sim.groundTruth.report(reportId)?.outcome;
      if (outcome?.kind !== 'document') throw new Error('not a document');
      const plain = location.compressionAlgorithm === 'GZIP' ? gunzipSync(raw) : raw;
      const charset = testCase.cp1252 === true ? 'windows-1252' : 'utf8';
      expect(response.headers.get('content-type')).toContain(
        testCase.cp1252 === true ? 'Cp1252' : 'UTF-8',
      );
      expect(iconv.decode(plain, charset)).toBe([...outcome.text()].join(''));
    });
  },
);

describe('the ledger', () => {
  it('records every report DONE under its ingestion unit with the rows it landed', async () => {
    for (const { partner, testCase, reportId, manifest } of ingested.values()) {
      const report = await lake.client(partner).reports.getReport(reportId);
      const start = report.dataStartTime ?? report.createdTime;
      const key = ledgerKey({
        sellingPartnerId: partner.sellingPartnerId,
        reportType: testCase.reportType,
        reportConfigId: testCase.reportType === SETTLEMENT ? undefined : 'ground-truth',
        marketplaceIds: [testCase.marketplaceId],
        windowStart: start,
        windowEnd: report.dataEndTime ?? start,
      });
      expect(parseLedgerEntry(await lake.curated.getObject(key))).toMatchObject({
        outcome: 'DONE',
        reportId,
        rows: manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0),
      });
    }
  });

  it('places a settlement from getReport: its own marketplace and settlement period', async () => {
    const { manifest, reportId, partner } = ingestedCase(
      'settlement V2 found with getReports (DE, Cp1252, CRLF)',
    );
    const report = await lake.client(partner).reports.getReport(reportId);
    expect(report.dataStartTime).toBeDefined();
    expect(report.marketplaceIds).toEqual([DE]);
    expect(manifest.marketplaceIds).toEqual([DE]);
    const keys: string[] = [];
    for await (const object of lake.curated.list('_ledger/')) keys.push(object.key);
    expect(keys.filter((key) => key.includes(`/${SETTLEMENT}/`))).toEqual([
      expect.stringContaining(`/amazon_generated/marketplace_ids=${DE}/`),
    ]);
  });
});

describe('sales and traffic B2B metrics', () => {
  it('land in their typed columns, with nothing left over as drift', async () => {
    const { expected, reportId } = ingestedCase('sales and traffic (US, JSON, GZIP)');
    const byDate = expected.find((d) => d.definition.name === 'sales_and_traffic_by_date');
    if (byDate === undefined) throw new Error('no sales_and_traffic_by_date');
    const rows = await duck.query(
      `SELECT units_ordered_b2b::VARCHAR AS units, ordered_product_sales_b2b_amount AS sales, page_views_b2b::VARCHAR AS views, _extra_fields FROM ${duck.dataset('sales_and_traffic_by_date')} WHERE _report_id = '${reportId}'`,
    );
    expect(rows.length).toBe(byDate.rows.length);
    expect(rows.every((row) => row['_extra_fields'] === null)).toBe(true);
    expect(rows.every((row) => row['units'] !== null && row['views'] !== null)).toBe(true);
    expect(rows.some((row) => Number(row['units']) > 0 && Number(row['sales']) > 0)).toBe(true);
  });
});

describe('Cp1252 flat files', () => {
  it('round-trip the typography European titles and cities carry', async () => {
    const text: string[] = [];
    for (const testCase of cases.filter((c) => c.cp1252 === true)) {
      const { reportId, expected } = ingestedCase(testCase.name);
      for (const dataset of expected) {
        const rows = await duck.query(
          selectRows(duck.dataset(dataset.definition.name), dataset, reportId),
        );
        for (const row of rows) text.push(...Object.values(row).map(String));
      }
    }
    const all = text.join('\n');
    for (const character of ['é', 'ü', 'ß', '€', '–', '“', '”', '„', '’', '«', '»', '™']) {
      expect(all).toContain(character);
    }
  });
});

describe('the lake after all reports', () => {
  it('holds no quarantine objects and no temporary files', async () => {
    const files = await readdir(lake.directory, { recursive: true });
    expect(files.filter((file) => file.includes('_quarantine'))).toEqual([]);
    expect(files.filter((file) => path.basename(file).startsWith('.'))).toEqual([]);
  });
});

describe('processing the same reports again', () => {
  it('rewrites the same objects with the same bytes: the lake does not change', async () => {
    const before = await lakeSnapshot(lake.directory);
    const again = [...ingested.values()].filter(
      (i) => i.testCase.cp1252 === true || i.expected[0]?.json,
    );
    const inodes = async () =>
      Promise.all(
        again.map(async (i) => (await stat(path.join(lake.rawDirectory, i.manifest.rawKey))).ino),
      );
    const inodesBefore = await inodes();

    // A reprocessing run (new download, new clock) and a second RetrieveReport task for each.
    const later = { now: () => Date.now() + 86_400_000 };
    for (const { partner, reportId, testCase } of again) {
      await retrieveReport(
        { ...lake.deps, reports: lake.deps.reportsFor(partner), clock: later },
        {
          sellingPartnerId: partner.sellingPartnerId,
          reportId,
          marketplaceId: testCase.marketplaceId,
        },
      );
    }
    for (const { state } of ingested.values()) await createRetrieveReportHandler(lake.deps)(state);

    // Every raw document was written anew (a new file renamed into place)...
    const inodesAfter = await inodes();
    inodesAfter.forEach((inode, index) => expect(inode).not.toBe(inodesBefore[index]));
    // ...and every object has exactly the bytes it had.
    expect(await lakeSnapshot(lake.directory)).toEqual(before);
  });
});

describe('replaying the lake from the raw zone', () => {
  const replayAll = async () => {
    const reports = [];
    for await (const report of manifestedReports(lake.deps.store)) reports.push(report);
    const later = { now: () => Date.now() + 2 * 86_400_000 };
    for (const report of reports) await replayReport({ ...lake.deps, clock: later }, report);
    return reports.length;
  };

  it('changes nothing when the code has not changed', async () => {
    const before = await lakeSnapshot(lake.directory);
    expect(await replayAll()).toBe(ingested.size);
    expect(await lakeSnapshot(lake.directory)).toEqual(before);
  });

  it('rebuilds every curated dataset, byte for byte, without SP-API', async () => {
    const before = await lakeSnapshot(lake.directory);
    const datasets = (await readdir(lake.curatedDirectory)).filter((name) => !name.startsWith('_'));
    expect(datasets.length).toBeGreaterThan(5);
    for (const dataset of datasets) {
      await rm(path.join(lake.curatedDirectory, dataset), { recursive: true });
    }
    const calls = lake.sim.requests().length;
    await replayAll();
    expect(lake.sim.requests().length).toBe(calls);
    expect(await lakeSnapshot(lake.directory)).toEqual(before);
  });
});
