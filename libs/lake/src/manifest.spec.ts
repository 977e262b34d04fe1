import { ManifestInvalidError } from './errors';
import { curatedKey, manifestKey, quarantineKey, rawReportKey } from './lake-keys';
import {
  type ReportManifestInput,
  buildReportManifest,
  parseReportManifest,
  serializeReportManifest,
} from './manifest';
import type { ParquetColumn } from './parquet-sink';
import { schemaHash } from './schema-hash';

const columns: ParquetColumn[] = [
  { name: 'amazon_order_id', type: 'string', nullable: false },
  { name: 'item_price', type: 'decimal', nullable: true, precision: 12, scale: 2 },
];

function input(overrides: Partial<ReportManifestInput> = {}): ReportManifestInput {
  const partition = (marketplaceId: string) =>
    curatedKey({
      dataset: 'all_orders',
      sellingPartnerId: 'A1',
      marketplaceId,
      dt: '2024-01-02',
      reportId: '123',
    });
  return {
    reportId: '123',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    sellingPartnerId: 'A1',
    marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER'],
    dataStartTime: '2024-01-02T00:00:00+01:00',
    dataEndTime: new Date('2024-01-02T23:59:59.000Z'),
    documentId: 'amzn1.spdoc.1.4.na.abc',
    compression: 'GZIP',
    charset: 'UTF-8',
    rawKey: rawReportKey({
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      sellingPartnerId: 'A1',
      dt: '2024-01-02',
      reportId: '123',
      format: 'tsv',
      compression: 'GZIP',
    }),
    rawBytes: 1234,
    datasets: [
      {
        dataset: 'all_orders',
        rows: 10,
        partitions: [
          partition('ATVPDKIKX0DER'),
          partition('A2EUQ1WTGCTBG2'),
          partition('ATVPDKIKX0DER'),
        ],
        schemaHash: schemaHash(columns),
        driftColumns: ['new_column_b', 'new_column_a'],
        missingColumns: [],
        quarantinedRows: 0,
      },
    ],
    quarantinedRows: 0,
    ingestedAt: new Date('2024-01-03T04:05:06.789Z'),
    ...overrides,
  };
}

describe('buildReportManifest', () => {
  it('builds a canonical manifest: UTC instants, sorted and de-duplicated lists', () => {
    const manifest = buildReportManifest(input());

    expect(manifest).toMatchObject({
      manifestVersion: 1,
      marketplaceIds: ['A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER'],
      dataStartTime: '2024-01-01T23:00:00.000Z',
      dataEndTime: '2024-01-02T23:59:59.000Z',
      ingestedAt: '2024-01-03T04:05:06.789Z',
    });
    expect(manifest.datasets[0]?.partitions).toEqual([
      'all_orders/selling_partner_id=A1/marketplace_id=A2EUQ1WTGCTBG2/dt=2024-01-02/123.parquet',
      'all_orders/selling_partner_id=A1/marketplace_id=ATVPDKIKX0DER/dt=2024-01-02/123.parquet',
    ]);
    expect(manifest.datasets[0]?.driftColumns).toEqual(['new_column_a', 'new_column_b']);
    expect(manifest).not.toHaveProperty('quarantineKey');
  });

  it('is identical for the same report processed twice at the same instant', () => {
    const reordered = input({ marketplaceIds: ['A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER'] });

    expect(serializeReportManifest(buildReportManifest(reordered))).toBe(
      serializeReportManifest(buildReportManifest(input())),
    );
  });

  it('round-trips through its stored JSON form', () => {
    const manifest = buildReportManifest(
      input({
        quarantinedRows: 2,
        datasets: [
          {
            dataset: 'all_orders',
            rows: 10,
            partitions: [],
            schemaHash: schemaHash(columns),
            driftColumns: [],
            missingColumns: ['cpf'],
            quarantinedRows: 2,
            quarantineKey: quarantineKey({
              dataset: 'all_orders',
              sellingPartnerId: 'A1',
              dt: '2024-01-02',
              reportId: '123',
            }),
          },
        ],
      }),
    );

    const text = serializeReportManifest(manifest);

    expect(text.endsWith('}\n')).toBe(true);
    expect(parseReportManifest(Buffer.from(text))).toEqual(manifest);
    expect(manifestKey(manifest)).toBe('_manifests/reports/selling_partner_id=A1/123.json');
  });

  it.each<[string, Partial<ReportManifestInput>]>([
    ['quarantined rows without a quarantine key', { quarantinedRows: 3 }],
    ['a window that ends before it starts', { dataEndTime: '2023-12-31T00:00:00Z' }],
    ['a local time without a zone', { dataStartTime: '2024-01-02T00:00:00' }],
    ['a negative row count', { rawBytes: -1 }],
    ['a partner id with a slash', { sellingPartnerId: 'A1/B' }],
    ['an unknown compression', { compression: 'ZIP' as never }],
    [
      'a dataset listed twice',
      {
        datasets: [
          {
            dataset: 'orders',
            rows: 1,
            partitions: [],
            schemaHash: schemaHash(columns),
            driftColumns: [],
            missingColumns: [],
            quarantinedRows: 0,
          },
          {
            dataset: 'orders',
            rows: 2,
            partitions: [],
            schemaHash: schemaHash(columns),
            driftColumns: [],
            missingColumns: [],
            quarantinedRows: 0,
          },
        ],
      },
    ],
    [
      'a schema hash that is no sha256',
      {
        datasets: [
          {
            dataset: 'orders',
            rows: 1,
            partitions: [],
            schemaHash: 'abc',
            driftColumns: [],
            missingColumns: [],
            quarantinedRows: 0,
          },
        ],
      },
    ],
    [
      'a skipped key listed twice',
      { skippedTopLevelKeys: [{ key: 'salesByWeek', elements: 1 }, { key: 'salesByWeek' }] },
    ],
    ['a negative count of skipped elements', { skippedTopLevelKeys: [{ key: 'x', elements: -1 }] }],
  ])('rejects %s with ManifestInvalidError', (_label, overrides) => {
    expect(() => buildReportManifest(input(overrides))).toThrow(ManifestInvalidError);
  });

  it('lists the skipped top-level keys sorted, with the elements of arrays', () => {
    const manifest = buildReportManifest(
      input({
        skippedTopLevelKeys: [{ key: 'salesByWeek', elements: 52 }, { key: 'notice' }],
      }),
    );

    expect(manifest.skippedTopLevelKeys).toEqual([
      { key: 'notice' },
      { key: 'salesByWeek', elements: 52 },
    ]);
    expect(parseReportManifest(serializeReportManifest(manifest))).toEqual(manifest);
  });

  it('leaves skipped keys out when there are none, as manifests written before them read', () => {
    const manifest = buildReportManifest(input({ skippedTopLevelKeys: [] }));

    expect(manifest).not.toHaveProperty('skippedTopLevelKeys');
    expect(serializeReportManifest(manifest)).toBe(
      serializeReportManifest(buildReportManifest(input())),
    );
    expect(parseReportManifest(serializeReportManifest(manifest))).toEqual(manifest);
  });

  it('rejects stored text that is not JSON or has unknown fields', () => {
    expect(() => parseReportManifest('{not json')).toThrow(ManifestInvalidError);
    const manifest = buildReportManifest(input());
    expect(() => parseReportManifest(JSON.stringify({ ...manifest, extra: true }))).toThrow(
      /Invalid report manifest/,
    );
    const skipped = { ...manifest, skippedTopLevelKeys: [{ key: 'x', rows: 1 }] };
    expect(() => parseReportManifest(JSON.stringify(skipped))).toThrow(/Invalid report manifest/);
  });

  it('keeps the curation inputs a replay needs: the window start as given, the instant in UTC', () => {
    const manifest = buildReportManifest(
      input({
        curationInputs: {
          windowStart: '2024-01-02T00:00:00+01:00',
          reportProcessedAt: '2024-01-03T01:00:00+01:00',
        },
      }),
    );
    expect(manifest.curationInputs).toEqual({
      windowStart: '2024-01-02T00:00:00+01:00',
      reportProcessedAt: '2024-01-03T00:00:00.000Z',
    });
    expect(parseReportManifest(serializeReportManifest(manifest))).toEqual(manifest);
  });

  it('keeps a recorded row group size, and only a positive whole one', () => {
    const inputs = {
      windowStart: '2024-01-02T00:00:00Z',
      reportProcessedAt: '2024-01-03T00:00:00Z',
    };
    const manifest = buildReportManifest(
      input({ curationInputs: { ...inputs, rowGroupSize: 50_000 } }),
    );
    expect(manifest.curationInputs?.rowGroupSize).toBe(50_000);
    expect(parseReportManifest(serializeReportManifest(manifest))).toEqual(manifest);
    expect(
      buildReportManifest(input({ curationInputs: inputs })).curationInputs,
    ).not.toHaveProperty('rowGroupSize');
    expect(() =>
      buildReportManifest(input({ curationInputs: { ...inputs, rowGroupSize: 0 } })),
    ).toThrow(ManifestInvalidError);
  });

  it('still reads a manifest written before curation inputs existed', () => {
    const manifest = buildReportManifest(input());
    expect(manifest).not.toHaveProperty('curationInputs');
    expect(parseReportManifest(serializeReportManifest(manifest))).toEqual(manifest);
  });
});
