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
      '_ledger/selling_partner_id=A1/GET_SALES_AND_TRAFFIC_REPORT/20240101T000000.000Z_20240102T000000.000Z.json',
    );
    expect(parseLedgerEntry(serializeLedgerEntry(entry))).toEqual(entry);
  });

  it.each<[string, Partial<LedgerEntryInput>]>([
    ['FATAL without a reason', { outcome: 'FATAL', rows: undefined }],
    ['rows on a CANCELLED window', { outcome: 'CANCELLED' }],
    ['a window ending before it starts', { windowEnd: '2023-12-31T00:00:00Z' }],
    ['an unknown outcome', { outcome: 'SKIPPED' as never }],
    ['a fractional row count', { rows: 1.5 }],
  ])('rejects %s', (_label, overrides) => {
    expect(() => buildLedgerEntry({ ...done, ...overrides })).toThrow(ManifestInvalidError);
  });
});
