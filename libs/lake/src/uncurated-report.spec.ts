import { ManifestInvalidError } from './errors';
import {
  type UncuratedReportInput,
  buildUncuratedReport,
  parseUncuratedReport,
  serializeUncuratedReport,
} from './uncurated-report';

function input(overrides: Partial<UncuratedReportInput> = {}): UncuratedReportInput {
  return {
    reportId: '123',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    sellingPartnerId: 'A1',
    marketplaceIds: ['A1PA6795UKMFR9'],
    dataStartTime: '2024-01-02T00:00:00+01:00',
    dataEndTime: new Date('2024-01-02T23:59:59.000Z'),
    documentId: 'amzn1.spdoc.1.4.eu.abc',
    compression: 'GZIP',
    charset: 'windows-1252',
    rawKey:
      'reports/GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL/selling_partner_id=A1/dt=2024-01-02/123.tsv.gz',
    rawBytes: 2048,
    curationInputs: {
      windowStart: '2024-01-02T00:00:00+01:00',
      reportProcessedAt: '2024-01-03T01:00:00+01:00',
    },
    ledgerUnit: {
      reportConfigId: 'orders-daily',
      marketplaceIds: ['A1PA6795UKMFR9'],
      windowStart: '2024-01-01T23:00:00Z',
      windowEnd: new Date('2024-01-02T23:00:00Z'),
    },
    failure: { error: 'MalformedReportDocumentError', message: 'the document has no header line' },
    failedAt: new Date('2024-01-03T02:00:00Z'),
    ...overrides,
  };
}

describe('the uncurated-report record', () => {
  it('is stored in canonical form and reads back as written', () => {
    const record = buildUncuratedReport(input());
    expect(record).toMatchObject({
      recordVersion: 1,
      dataStartTime: '2024-01-01T23:00:00.000Z',
      curationInputs: {
        // The window start as the report gave it: partition dates come from its text.
        windowStart: '2024-01-02T00:00:00+01:00',
        reportProcessedAt: '2024-01-03T00:00:00.000Z',
      },
      ledgerUnit: { windowEnd: '2024-01-02T23:00:00.000Z' },
      failedAt: '2024-01-03T02:00:00.000Z',
    });
    expect(parseUncuratedReport(serializeUncuratedReport(record))).toEqual(record);
  });

  it('keeps a long reason to 2,000 characters', () => {
    const record = buildUncuratedReport(
      input({ failure: { error: 'Error', message: 'x'.repeat(5000) } }),
    );
    expect(record.failure.message).toHaveLength(2000);
    expect(record.failure.message.endsWith('…')).toBe(true);
  });

  it('refuses a record without what a replay needs', () => {
    expect(() => buildUncuratedReport(input({ rawKey: '' }))).toThrow(ManifestInvalidError);
    expect(() =>
      buildUncuratedReport(
        input({
          ledgerUnit: {
            marketplaceIds: ['A1PA6795UKMFR9'],
            windowStart: '2024-01-02T00:00:00Z',
            windowEnd: '2024-01-01T00:00:00Z',
          },
        }),
      ),
    ).toThrow(/ledgerUnit.windowEnd: is before windowStart/);
    expect(() => parseUncuratedReport('{"recordVersion":1}')).toThrow(ManifestInvalidError);
  });
});
