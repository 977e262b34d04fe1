import { InvalidLakeKeyError } from './errors';
import {
  curatedKey,
  datasetPrefix,
  errorDocumentKey,
  ledgerKey,
  ledgerPrefix,
  manifestKey,
  partitionDate,
  quarantineKey,
  rawReportKey,
  uncuratedReportKey,
  reportLeaseKey,
  uncuratedReportPrefix,
} from './lake-keys';
import { assertObjectKey } from './object-key';

const raw = {
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  sellingPartnerId: 'A2EUQ1WTGCTBG2',
  dt: '2024-02-29',
  reportId: '50040019876',
  format: 'tsv',
  compression: 'GZIP',
} as const;

describe('rawReportKey', () => {
  it('names a gzip document .tsv.gz under its report type, partner and date', () => {
    expect(rawReportKey(raw)).toBe(
      'reports/GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL/selling_partner_id=A2EUQ1WTGCTBG2/dt=2024-02-29/50040019876.tsv.gz',
    );
  });

  it('keeps an uncompressed document without .gz, since raw bytes are stored as received', () => {
    expect(rawReportKey({ ...raw, format: 'json', compression: 'NONE' })).toMatch(
      /\/50040019876\.json$/,
    );
    expect(rawReportKey({ ...raw, format: 'xml', compression: 'GZIP' })).toMatch(
      /\/50040019876\.xml\.gz$/,
    );
  });

  it('is deterministic: the same report always gets the same key', () => {
    expect(rawReportKey({ ...raw })).toBe(rawReportKey(raw));
  });
});

describe('curatedKey', () => {
  it('builds the Hive-partitioned Parquet key Glue and DuckDB read', () => {
    expect(
      curatedKey({
        dataset: 'all_orders',
        sellingPartnerId: 'A2EUQ1WTGCTBG2',
        marketplaceId: 'ATVPDKIKX0DER',
        dt: '2024-01-02',
        reportId: '50040019876',
      }),
    ).toBe(
      'all_orders/selling_partner_id=A2EUQ1WTGCTBG2/marketplace_id=ATVPDKIKX0DER/dt=2024-01-02/50040019876.parquet',
    );
    expect(datasetPrefix('all_orders')).toBe('all_orders/');
  });
});

describe('side keys', () => {
  it('places quarantine, manifest and error documents under their underscore roots', () => {
    expect(
      quarantineKey({
        dataset: 'all_orders',
        sellingPartnerId: 'A1',
        dt: '2024-01-02',
        reportId: 'r-1',
      }),
    ).toBe('_quarantine/all_orders/selling_partner_id=A1/dt=2024-01-02/r-1.jsonl');
    expect(manifestKey({ sellingPartnerId: 'A1', reportId: '123' })).toBe(
      '_manifests/reports/selling_partner_id=A1/123.json',
    );
    expect(uncuratedReportKey({ sellingPartnerId: 'A1', reportId: '123' })).toBe(
      '_manifests/uncurated-reports/selling_partner_id=A1/123.json',
    );
    expect(uncuratedReportPrefix()).toBe('_manifests/uncurated-reports/');
    expect(uncuratedReportPrefix({ sellingPartnerId: 'A1' })).toBe(
      '_manifests/uncurated-reports/selling_partner_id=A1/',
    );
    expect(() => uncuratedReportKey({ sellingPartnerId: 'A1/../x', reportId: '1' })).toThrow(
      InvalidLakeKeyError,
    );
    expect(reportLeaseKey({ sellingPartnerId: 'A1', reportId: '123' })).toBe(
      '_leases/reports/selling_partner_id=A1/123.json',
    );
    expect(() => reportLeaseKey({ sellingPartnerId: 'A1', reportId: '../1' })).toThrow(
      InvalidLakeKeyError,
    );
    expect(
      errorDocumentKey({
        reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE',
        sellingPartnerId: 'A1',
        reportId: '9',
      }),
    ).toBe('_errors/reports/GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE/selling_partner_id=A1/9.json');
  });

  const unit = {
    sellingPartnerId: 'A1',
    reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
    reportConfigId: 'sales-and-traffic',
    marketplaceIds: ['ATVPDKIKX0DER'],
  };

  it('names a ledger entry by its partner, report config, marketplace and window', () => {
    const key = ledgerKey({
      ...unit,
      windowStart: '2024-01-01T00:00:00Z',
      windowEnd: new Date('2024-01-02T00:00:00.000Z'),
    });

    expect(key).toBe(
      '_ledger/selling_partner_id=A1/GET_SALES_AND_TRAFFIC_REPORT/report_config_id=sales-and-traffic/marketplace_ids=ATVPDKIKX0DER/20240101T000000.000Z_20240102T000000.000Z.json',
    );
    expect(
      key.startsWith(
        ledgerPrefix({ sellingPartnerId: 'A1', reportType: 'GET_SALES_AND_TRAFFIC_REPORT' }),
      ),
    ).toBe(true);
  });

  it('gives two marketplaces, or two report configs, of one window their own entries', () => {
    const window = { windowStart: '2024-01-01T00:00:00Z', windowEnd: '2024-01-02T00:00:00Z' };
    const keys = [
      ledgerKey({ ...unit, ...window }),
      ledgerKey({ ...unit, ...window, marketplaceIds: ['A2EUQ1WTGCTBG2'] }),
      ledgerKey({ ...unit, ...window, reportConfigId: 'sales-and-traffic-by-sku' }),
      ledgerKey({ ...unit, ...window, reportConfigId: undefined }),
    ];

    expect(new Set(keys).size).toBe(4);
    expect(keys[3]).toBe(
      '_ledger/selling_partner_id=A1/GET_SALES_AND_TRAFFIC_REPORT/amazon_generated/marketplace_ids=ATVPDKIKX0DER/20240101T000000.000Z_20240102T000000.000Z.json',
    );
  });

  it('names a set of marketplaces the same way whatever its order', () => {
    const window = { windowStart: '2024-01-01T00:00:00Z', windowEnd: '2024-01-02T00:00:00Z' };
    const key = ledgerKey({
      ...unit,
      ...window,
      marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'A1PA6795UKMFR9'],
    });

    expect(key).toContain('/marketplace_ids=A13V1IB3VIYZZH_A1PA6795UKMFR9/');
    expect(
      ledgerKey({ ...unit, ...window, marketplaceIds: ['A13V1IB3VIYZZH', 'A1PA6795UKMFR9'] }),
    ).toBe(key);
  });

  it('rejects a unit without marketplaces or with a report config id that is no slug', () => {
    const window = { windowStart: '2024-01-01T00:00:00Z', windowEnd: '2024-01-02T00:00:00Z' };
    expect(() => ledgerKey({ ...unit, ...window, marketplaceIds: [] })).toThrow(
      InvalidLakeKeyError,
    );
    expect(() => ledgerKey({ ...unit, ...window, marketplaceIds: ['us'] })).toThrow(
      InvalidLakeKeyError,
    );
    for (const reportConfigId of ['Orders', '../x', 'amazon_generated', '']) {
      expect(() => ledgerKey({ ...unit, ...window, reportConfigId })).toThrow(InvalidLakeKeyError);
    }
  });

  it('normalises window offsets to UTC so one window has one key', () => {
    const utc = ledgerKey({
      ...unit,
      windowStart: '2024-01-01T00:00:00Z',
      windowEnd: '2024-01-02T00:00:00Z',
    });
    const offset = ledgerKey({
      ...unit,
      windowStart: '2024-01-01T01:00:00+01:00',
      windowEnd: '2024-01-01T19:00:00-05:00',
    });

    expect(offset).toBe(utc);
  });

  it('sorts ledger keys chronologically', () => {
    const keys = ['2024-01-10T00:00:00Z', '2024-01-09T12:00:00.500Z', '2024-01-09T12:00:00Z'].map(
      (start) =>
        ledgerKey({
          ...unit,
          windowStart: start,
          windowEnd: '2024-02-01T00:00:00Z',
        }),
    );

    expect([...keys].sort()).toEqual([keys[2], keys[1], keys[0]]);
  });

  it('rejects a window that ends before it starts, or bounds without a zone', () => {
    const base = { sellingPartnerId: 'A1', reportType: 'GET_X', marketplaceIds: ['A1'] };
    expect(() =>
      ledgerKey({
        ...base,
        windowStart: '2024-01-02T00:00:00Z',
        windowEnd: '2024-01-01T00:00:00Z',
      }),
    ).toThrow(InvalidLakeKeyError);
    expect(() =>
      ledgerKey({ ...base, windowStart: '2024-01-01T00:00:00', windowEnd: '2024-01-02T00:00:00Z' }),
    ).toThrow(InvalidLakeKeyError);
    expect(() =>
      ledgerKey({ ...base, windowStart: new Date(Number.NaN), windowEnd: '2024-01-02T00:00:00Z' }),
    ).toThrow(InvalidLakeKeyError);
  });
});

describe('key component validation', () => {
  it.each([
    ['a slash in the partner id', { sellingPartnerId: 'A1/../B2' }],
    ['a partner id with a slash', { sellingPartnerId: 'A1/B2' }],
    ['an empty partner id', { sellingPartnerId: '' }],
    ['a partition injected through the report type', { reportType: 'GET_X/dt=2020-01-01' }],
    ['a lower-case report type', { reportType: 'get_orders' }],
    ['a report id with a slash', { reportId: '123/456' }],
    ['a report id starting with a dot', { reportId: '.123' }],
    ['a dt that is no calendar date', { dt: '2023-02-29' }],
    ['a dt with a time', { dt: '2024-01-01T00:00:00Z' }],
    ['a dt with slashes', { dt: '2024/01/01' }],
  ])('rejects %s', (_label, override) => {
    expect(() => rawReportKey({ ...raw, ...override })).toThrow(InvalidLakeKeyError);
  });

  it.each([['All_Orders'], ['all-orders'], ['all_orders/x'], ['_orders'], ['orders_'], ['']])(
    'rejects the dataset name %j',
    (name) => {
      expect(() =>
        curatedKey({
          dataset: name,
          sellingPartnerId: 'A1',
          marketplaceId: 'M1',
          dt: '2024-01-01',
          reportId: '1',
        }),
      ).toThrow(InvalidLakeKeyError);
    },
  );

  it('rejects a marketplace id with anything but upper-case letters and digits', () => {
    expect(() =>
      curatedKey({
        dataset: 'orders',
        sellingPartnerId: 'A1',
        marketplaceId: 'ATV..',
        dt: '2024-01-01',
        reportId: '1',
      }),
    ).toThrow(InvalidLakeKeyError);
  });

  it('rejects an unknown document format or compression', () => {
    expect(() => rawReportKey({ ...raw, format: 'csv' as never })).toThrow(InvalidLakeKeyError);
    expect(() => rawReportKey({ ...raw, compression: 'ZSTD' as never })).toThrow(
      InvalidLakeKeyError,
    );
  });

  it('only ever produces keys the object stores accept', () => {
    expect(() => assertObjectKey(rawReportKey(raw))).not.toThrow();
    expect(() =>
      assertObjectKey(
        ledgerKey({
          sellingPartnerId: 'A1',
          reportType: 'GET_X',
          reportConfigId: 'x-daily',
          marketplaceIds: ['A1'],
          windowStart: '2024-01-01T00:00:00Z',
          windowEnd: '2024-01-01T00:00:00Z',
        }),
      ),
    ).not.toThrow();
  });
});

describe('partitionDate', () => {
  it('takes the UTC calendar day of an instant', () => {
    expect(partitionDate('2024-01-01T23:30:00-05:00')).toBe('2024-01-02');
    expect(partitionDate(new Date(Date.UTC(2024, 1, 29, 0, 0, 0)))).toBe('2024-02-29');
  });
});
