import { ManifestInvalidError } from './errors';
import { ledgerKey } from './lake-keys';
import {
  type LedgerEntryInput,
  buildLedgerEntry,
  parseLedgerEntry,
  serializeLedgerEntry,
} from './ledger-entry';

const done: LedgerEntryInput = {
  sellingPartnerId: 'A1',
  reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
  reportConfigId: 'sales-and-traffic',
  marketplaceIds: ['ATVPDKIKX0DER'],
  windowStart: '2024-01-01T00:00:00Z',
  windowEnd: '2024-01-02T00:00:00Z',
  outcome: 'DONE',
  rows: 42,
  reportId: '987',
  recordedAt: new Date('2024-01-02T01:00:00.000Z'),
};

describe('buildLedgerEntry', () => {
  it('records a DONE window with its row count, instants in UTC', () => {
    expect(buildLedgerEntry({ ...done, windowStart: '2024-01-01T01:00:00+01:00' })).toEqual({
      sellingPartnerId: 'A1',
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      reportConfigId: 'sales-and-traffic',
      marketplaceIds: ['ATVPDKIKX0DER'],
      windowStart: '2024-01-01T00:00:00.000Z',
      windowEnd: '2024-01-02T00:00:00.000Z',
      outcome: 'DONE',
      rows: 42,
      reportId: '987',
      recordedAt: '2024-01-02T01:00:00.000Z',
    });
  });

  it('records FATAL with its reason and CANCELLED without rows', () => {
    const { rows: _rows, ...noRows } = done;

    expect(
      buildLedgerEntry({ ...noRows, outcome: 'FATAL', reason: 'Report document said: no access' })
        .reason,
    ).toBe('Report document said: no access');
    expect(buildLedgerEntry({ ...noRows, outcome: 'CANCELLED' })).not.toHaveProperty('rows');
  });

  it('is stored at the key of its window and reads back equal', () => {
    const entry = buildLedgerEntry(done);

    expect(ledgerKey(entry)).toBe(
      '_ledger/selling_partner_id=A1/GET_SALES_AND_TRAFFIC_REPORT/report_config_id=sales-and-traffic/marketplace_ids=ATVPDKIKX0DER/20240101T000000.000Z_20240102T000000.000Z.json',
    );
    expect(parseLedgerEntry(serializeLedgerEntry(entry))).toEqual(entry);
  });

  it('records an Amazon-generated report without a report config, marketplaces sorted', () => {
    const { reportConfigId: _config, ...settlement } = done;
    const entry = buildLedgerEntry({
      ...settlement,
      reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
      marketplaceIds: ['A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
    });

    expect(entry).not.toHaveProperty('reportConfigId');
    expect(entry.marketplaceIds).toEqual(['A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER']);
    expect(ledgerKey(entry)).toContain(
      '/amazon_generated/marketplace_ids=A2EUQ1WTGCTBG2_ATVPDKIKX0DER/',
    );
    expect(parseLedgerEntry(serializeLedgerEntry(entry))).toEqual(entry);
  });

  it.each<[string, Partial<LedgerEntryInput>]>([
    ['FATAL without a reason', { outcome: 'FATAL', rows: undefined }],
    ['rows on a CANCELLED window', { outcome: 'CANCELLED' }],
    ['a window ending before it starts', { windowEnd: '2023-12-31T00:00:00Z' }],
    ['an unknown outcome', { outcome: 'SKIPPED' as never }],
    ['a fractional row count', { rows: 1.5 }],
    ['no marketplace', { marketplaceIds: [] }],
    ['a report config id that is no slug', { reportConfigId: 'Sales Traffic' }],
  ])('rejects %s', (_label, overrides) => {
    expect(() => buildLedgerEntry({ ...done, ...overrides })).toThrow(ManifestInvalidError);
  });
});
