import { generateReport, groundTruth } from '../generate-report';
import { noOrdersOn } from '../no-orders-on';
import { CA, DE, US, documentText, parseTsv, sellerSpec } from '../test-support';
import { ORDERS_BY_LAST_UPDATE_HEADER, ORDERS_BY_ORDER_DATE_HEADER } from './order-row';

const byOrderDate = (start: string, end: string, marketplaceIds = [US, CA]) =>
  generateReport(sellerSpec({ dataStartTime: start, dataEndTime: end, marketplaceIds }));
const rowsOf = (start: string, end: string, marketplaceIds?: string[]) =>
  parseTsv(documentText(byOrderDate(start, end, marketplaceIds))).rows.map((row) => row.join('\t'));

describe('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL', () => {
  it('writes the documented header and one cell per column in every row', () => {
    const { header, rows } = parseTsv(
      documentText(byOrderDate('2026-10-01T00:00:00Z', '2026-10-08T00:00:00Z')),
    );
    expect(header).toEqual([...ORDERS_BY_ORDER_DATE_HEADER]);
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) expect(row).toHaveLength(header.length);
  });

  it('splits into adjacent windows that together hold exactly the rows of their union', () => {
    const whole = rowsOf('2026-10-01T00:00:00Z', '2026-10-15T00:00:00Z');
    const first = rowsOf('2026-10-01T00:00:00Z', '2026-10-08T00:00:00Z');
    const second = rowsOf('2026-10-08T00:00:00Z', '2026-10-15T00:00:00Z');
    const midDay = [
      ...rowsOf('2026-10-01T00:00:00Z', '2026-10-04T13:30:00Z'),
      ...rowsOf('2026-10-04T13:30:00Z', '2026-10-15T00:00:00Z'),
    ];
    expect([...first, ...second]).toEqual(whole);
    expect(midDay).toEqual(whole);
  });

  it('gives the same rows for an exclusive midnight end and an inclusive :59 end', () => {
    expect(rowsOf('2026-10-01T00:00:00Z', '2026-10-01T23:59:59Z')).toEqual(
      rowsOf('2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z'),
    );
  });

  it('keeps every purchase-date inside the window, with ISO 8601 offsets', () => {
    const { header, rows } = parseTsv(
      documentText(byOrderDate('2026-10-03T06:00:00Z', '2026-10-03T18:00:00Z')),
    );
    const purchase = header.indexOf('purchase-date');
    for (const row of rows) {
      const value = row[purchase] ?? '';
      expect(value).toMatch(/^2026-10-03T(0[6-9]|1[0-7]):\d\d:\d\d\+00:00$/);
    }
  });

  it('writes realistic identifiers and amounts', () => {
    const records = [
      ...(groundTruth(sellerSpec({ marketplaceIds: [US, DE] })).tables['rows'] ?? []),
    ];
    expect(records.length).toBeGreaterThan(10);
    for (const record of records) {
      expect(record['amazon-order-id']).toMatch(/^(11[1-4]|30[2-6])-\d{7}-\d{7}$/);
      expect(record['asin']).toMatch(/^B0[0-9A-Z]{8}$/);
      expect(record['item-price']).toMatch(/^(\d+\.\d\d)?$/);
      if (record['order-status'] === 'Cancelled') {
        expect(record).toMatchObject({ quantity: '0', 'item-price': '', currency: '' });
      } else {
        expect(['USD', 'EUR']).toContain(record['currency']);
      }
    }
  });

  it('prints the undocumented columns of real files: item count, US tax collection, address type', () => {
    const records = [
      ...(groundTruth(sellerSpec({ marketplaceIds: [US, DE] })).tables['rows'] ?? []),
    ];
    const byOrder = new Map<unknown, number>();
    for (const record of records) {
      const units = record['order-status'] === 'Cancelled' ? 0 : Number(record['quantity']);
      byOrder.set(record['amazon-order-id'], (byOrder.get(record['amazon-order-id']) ?? 0) + units);
      expect(record['number-of-items']).toMatch(/^[1-9]\d*$/);
      const us = record['sales-channel'] === 'Amazon.com';
      expect(record['tax-collection-model']).toBe(us ? 'MarketplaceFacilitator' : '');
      expect(record['tax-collection-responsible-party']).toBe(us ? 'Amazon Services, Inc.' : '');
      expect(record['address-type']).toBe(
        record['fulfillment-channel'] !== 'Merchant'
          ? ''
          : record['is-business-order'] === 'true'
            ? 'Commercial'
            : 'Residential',
      );
    }
    // A shipped order's item count is the units of its lines.
    for (const record of records) {
      if (record['order-status'] === 'Shipped') {
        expect(Number(record['number-of-items'])).toBe(byOrder.get(record['amazon-order-id']));
      }
    }
    const addressTypes = new Set(records.map((record) => record['address-type']));
    expect(addressTypes).toEqual(new Set(['', 'Residential', 'Commercial']));
  });

  it('includes hard cases: embedded double quotes, empty cells and trailing spaces', () => {
    const text = documentText(byOrderDate('2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z', [US]));
    const cells = parseTsv(text).rows.flat();
    expect(cells.some((cell) => /.+".*/.test(cell))).toBe(true);
    expect(cells.some((cell) => cell.startsWith('"'))).toBe(true);
    expect(cells).toContain('');
    expect(cells.some((cell) => cell.endsWith(' '))).toBe(true);
    expect(text).not.toMatch(/\r/);
  });

  it('is CANCELLED (no data) when no marketplace has orders in the window', () => {
    expect(noOrdersOn(CA, '2026-10-04')).toBe(true);
    expect(byOrderDate('2026-10-04T00:00:00Z', '2026-10-05T00:00:00Z', [CA])).toEqual({
      kind: 'no-data',
    });
    expect(byOrderDate('2024-06-01T00:00:00Z', '2024-06-30T00:00:00Z')).toEqual({
      kind: 'no-data',
    });
    expect(byOrderDate('2026-10-05T00:00:00Z', '2026-10-05T00:00:00Z')).toEqual({
      kind: 'no-data',
    });
    expect(byOrderDate('2026-10-04T00:00:00Z', '2026-10-05T00:00:00Z', [US, CA]).kind).toBe(
      'document',
    );
  });

  it('refuses vendor accounts with a FATAL error document', () => {
    const outcome = generateReport(sellerSpec({ accountType: 'vendor' }));
    expect(outcome).toEqual({
      kind: 'fatal',
      errorDocument: '{"errorDetails":"This report type is not available for vendor accounts."}',
    });
  });
});

describe('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL', () => {
  const lastUpdate = (start: string, end: string) =>
    groundTruth(
      sellerSpec({
        reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
        dataStartTime: start,
        dataEndTime: end,
      }),
    );

  it('writes the documented header without cpf', () => {
    const outcome = generateReport(
      sellerSpec({ reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL' }),
    );
    expect(parseTsv(documentText(outcome)).header).toEqual([...ORDERS_BY_LAST_UPDATE_HEADER]);
    expect(ORDERS_BY_LAST_UPDATE_HEADER).not.toContain('cpf');
  });

  it('holds each changed order once, in the state of its latest change inside the window', () => {
    const rows = [
      ...(lastUpdate('2026-10-05T00:00:00Z', '2026-10-06T00:00:00Z').tables['rows'] ?? []),
    ];
    const finalState = new Map(
      [
        ...(groundTruth(
          sellerSpec({
            dataStartTime: '2026-09-28T00:00:00Z',
            dataEndTime: '2026-10-06T00:00:00Z',
          }),
        ).tables['rows'] ?? []),
      ].map((row) => [row['amazon-order-id'], row]),
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const updated = String(row['last-updated-date']);
      expect(updated >= '2026-10-05' && updated < '2026-10-06').toBe(true);
      if (row['order-status'] === 'Pending') {
        expect(row['last-updated-date']).toBe(row['purchase-date']);
        if (row['fulfillment-channel'] === 'Merchant') expect(row['item-price']).toBe('');
      } else {
        expect(finalState.get(row['amazon-order-id'])?.['order-status']).toBe(row['order-status']);
      }
    }
    expect(rows.map((row) => row['last-updated-date'])).toEqual(
      rows.map((row) => row['last-updated-date']).sort(),
    );
  });
});
