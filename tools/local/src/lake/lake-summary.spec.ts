import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ReportManifest } from '@spapi-lake/lake';
import { driftText } from './drift-text';
import { DuckDbCatalog } from './duckdb-catalog';
import { summarizeDatasets } from './lake-inventory';
import type { LakeSummary } from './lake-summary';
import { escapeHtml, renderSummaryHtml } from './summary-html';
import { textTable } from './text-table';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function manifest(reportId: string, datasets: ReportManifest['datasets']): ReportManifest {
  return {
    manifestVersion: 1,
    reportId,
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    sellingPartnerId: 'A1',
    marketplaceIds: ['ATVPDKIKX0DER'],
    dataStartTime: '2026-11-01T00:00:00.000Z',
    dataEndTime: '2026-11-01T23:59:59.000Z',
    documentId: 'doc',
    compression: 'NONE',
    charset: 'utf-8',
    rawKey: 'reports/x',
    rawBytes: 10,
    datasets,
    quarantinedRows: datasets.reduce((sum, d) => sum + d.quarantinedRows, 0),
    ingestedAt: '2026-11-02T00:00:00.000Z',
  };
}

describe('summarizeDatasets', () => {
  it('sums rows, files, partitions, quarantine, drift and skipped keys per dataset over every manifest', () => {
    const part = (dt: string, id: string) =>
      `orders/selling_partner_id=A1/marketplace_id=ATVPDKIKX0DER/dt=${dt}/${id}.parquet`;
    const summaries = summarizeDatasets([
      manifest('1', [
        {
          dataset: 'orders',
          rows: 10,
          partitions: [part('2026-11-01', '1'), part('2026-11-02', '1')],
          schemaHash: HASH_A,
          driftColumns: [],
          missingColumns: [],
          quarantinedRows: 1,
          quarantineKey: '_quarantine/x',
        },
      ]),
      {
        ...manifest('2', [
          {
            dataset: 'orders',
            rows: 5,
            partitions: [part('2026-11-02', '2')],
            schemaHash: HASH_B,
            driftColumns: ['new_column'],
            missingColumns: [],
            quarantinedRows: 0,
          },
        ]),
        skippedTopLevelKeys: [{ key: 'salesByWeek', elements: 4 }],
      },
    ]);
    expect(summaries).toEqual([
      {
        dataset: 'orders',
        rows: 15,
        partitions: 2,
        files: 3,
        reports: 2,
        quarantinedRows: 1,
        driftColumns: ['new_column'],
        missingColumns: [],
        skippedKeys: ['salesByWeek'],
        schemaVersions: 2,
      },
    ]);
  });
});

describe('text rendering', () => {
  it('aligns numbers right and text left under a ruled header', () => {
    expect(
      textTable(
        ['name', 'rows'],
        [
          ['orders', 1234],
          ['fba', 5],
        ],
      ),
    ).toBe(['name     rows', '------  -----', 'orders  1,234', 'fba         5'].join('\n'));
  });

  it('says none without drift and cuts long drift lists', () => {
    expect(driftText({ driftColumns: [], missingColumns: [] })).toBe('none');
    expect(driftText({ driftColumns: ['a', 'b', 'c'], missingColumns: ['z'] }, 2)).toBe(
      '+3 columns (a, b, …); -z',
    );
    expect(
      driftText({ driftColumns: [], missingColumns: [], skippedKeys: ['notice', 'salesByWeek'] }),
    ).toBe('skipped notice, salesByWeek');
  });
});

describe('renderSummaryHtml', () => {
  const summary: LakeSummary = {
    generatedAt: '2026-11-05T06:00:00.000Z',
    datasets: [
      {
        dataset: 'orders_by_order_date',
        rows: 12,
        partitions: 3,
        files: 3,
        reports: 1,
        quarantinedRows: 0,
        driftColumns: [],
        missingColumns: [],
        skippedKeys: [],
        schemaVersions: 1,
      },
    ],
    views: ['orders_by_order_date'],
    dailySales: [
      {
        date: '2026-11-01',
        sellingPartnerId: 'A1',
        marketplaceId: 'ATVPDKIKX0DER',
        currency: 'USD',
        orderedSales: 100,
        unitsOrdered: 4,
      },
      {
        date: '2026-11-02',
        sellingPartnerId: 'A1',
        marketplaceId: 'ATVPDKIKX0DER',
        currency: 'USD',
        orderedSales: 50,
        unitsOrdered: 2,
      },
    ],
    sampleQuery: "SELECT '<b>'",
    totals: {
      reports: 1,
      rows: 12,
      quarantinedRows: 0,
      partitions: 3,
      rawBytes: 2048,
      uncuratedReports: 0,
    },
  };

  it('draws a bar per day to scale and carries every number in data attributes', () => {
    const html = renderSummaryHtml(summary);
    const bars = [
      ...html.matchAll(/<rect class="bar"[^>]*height="([\d.]+)"[^>]*data-value="([\d.]+)"/g),
    ];
    expect(bars.map((bar) => Number(bar[2]))).toEqual([100, 50]);
    const [first, second] = bars.map((bar) => Number(bar[1]));
    expect((first ?? 0) / (second ?? 1)).toBeCloseTo(2, 1);
    expect(html).toContain('data-dataset="orders_by_order_date"');
    expect(html).toContain('data-total="rows" data-value="12"');
    expect(html).toContain('SELECT &#39;&lt;b&gt;&#39;');
  });

  it('says so when there is nothing yet', () => {
    const html = renderSummaryHtml({ ...summary, datasets: [], dailySales: [] });
    expect(html).toContain('id="daily-sales-empty"');
    expect(html).toContain('id="datasets-empty"');
    expect(escapeHtml('"a" & b')).toBe('&quot;a&quot; &amp; b');
  });
});

describe('DuckDbCatalog', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'catalog-'));
    const partition = path.join(
      directory,
      'curated',
      'orders',
      'selling_partner_id=A1',
      'marketplace_id=M1',
      'dt=2026-11-01',
    );
    await mkdir(partition, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT 'o-1' AS order_id, 2 AS quantity UNION ALL SELECT 'o-2', 3) TO '${path.join(partition, 'r1.parquet')}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    await mkdir(path.join(directory, 'curated', '_manifests', 'reports', 'selling_partner_id=A1'), {
      recursive: true,
    });
    await writeFile(
      path.join(directory, 'curated', '_manifests', 'reports', 'selling_partner_id=A1', 'r1.json'),
      JSON.stringify({ reportId: 'r1', rawBytes: 10 }),
    );
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('registers a view per dataset with the Hive partitions as columns, and the manifests', async () => {
    const file = path.join(directory, 'catalog.duckdb');
    const catalog = await DuckDbCatalog.open(file);
    expect(await catalog.registerLake(path.join(directory, 'curated'))).toEqual(['orders']);
    catalog.close();
    const reader = await DuckDbCatalog.open(file, { readOnly: true });
    try {
      expect(await reader.views()).toEqual(['lake_reports', 'orders']);
      const result = await reader.query(
        'SELECT order_id, quantity::INTEGER AS quantity, selling_partner_id, marketplace_id, dt::VARCHAR AS dt FROM orders ORDER BY order_id',
      );
      expect(result.rows).toEqual([
        {
          order_id: 'o-1',
          quantity: 2,
          selling_partner_id: 'A1',
          marketplace_id: 'M1',
          dt: '2026-11-01',
        },
        {
          order_id: 'o-2',
          quantity: 3,
          selling_partner_id: 'A1',
          marketplace_id: 'M1',
          dt: '2026-11-01',
        },
      ]);
      expect((await reader.query('SELECT reportId FROM lake_reports')).rows).toEqual([
        { reportId: 'r1' },
      ]);
    } finally {
      reader.close();
    }
  });
});
