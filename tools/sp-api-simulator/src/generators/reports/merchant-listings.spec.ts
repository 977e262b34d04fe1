import { generateReport, groundTruth } from '../generate-report';
import { listingsFor } from '../listings';
import { DE, FR, US, documentText, parseTsv, sellerSpec } from '../test-support';
import { FBA_INVENTORY_HEADER } from './fba-inventory';
import { MERCHANT_LISTINGS_HEADER } from './merchant-listings';

const listingsSpec = (marketplaceIds: string[], dataEndTime = '2026-10-06T00:00:00Z') =>
  sellerSpec({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds, dataEndTime });
const inventorySpec = (marketplaceIds: string[]) =>
  sellerSpec({ reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', marketplaceIds });

describe('GET_MERCHANT_LISTINGS_ALL_DATA', () => {
  it('lists every listing of the last window day under the documented header', () => {
    const { header, rows } = parseTsv(documentText(generateReport(listingsSpec([DE]))));
    const listings = listingsFor(7, 'A3SELLER0EXAMPLE', DE, '2026-10-05');
    expect(header).toEqual([...MERCHANT_LISTINGS_HEADER]);
    expect(rows.map((row) => row[header.indexOf('seller-sku')])).toEqual(
      listings.map((l) => l.sku),
    );
    expect(rows.map((row) => row[header.indexOf('price')])).toEqual(listings.map((l) => l.price));
    expect(rows.map((row) => row[header.indexOf('status')])).toEqual(listings.map((l) => l.status));
    expect(listings.map((l) => l.status)).toContain('Incomplete');
  });

  it('keeps the same SKUs from day to day while prices and quantities move', () => {
    const skus = (end: string) =>
      [...(groundTruth(listingsSpec([US], end)).tables['rows'] ?? [])].map(
        (row) => row['seller-sku'],
      );
    const quantities = (end: string) =>
      [...(groundTruth(listingsSpec([US], end)).tables['rows'] ?? [])].map(
        (row) => row['quantity'],
      );
    expect(skus('2026-10-02T00:00:00Z')).toEqual(skus('2026-11-20T00:00:00Z'));
    expect(quantities('2026-10-02T00:00:00Z')).not.toEqual(quantities('2026-11-20T00:00:00Z'));
  });

  it('shows FBA listings with an empty quantity and product ids with leading zeros as text', () => {
    const rows = [...(groundTruth(listingsSpec([FR])).tables['rows'] ?? [])];
    for (const row of rows) {
      if (row['fulfillment-channel'] === 'AMAZON_EU') expect(row['quantity']).toBe('');
      expect(row['product-id']).toMatch(/^0\d{12}$/);
      expect(row['open-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00$/);
    }
  });
});

describe('GET_MERCHANT_LISTINGS_ALL_DATA open dates', () => {
  const UK = 'A1F83G8C2ARO7P';
  const JP = 'A1VC38T7YXB528';
  const openDates = (marketplaceId: string) =>
    [...(groundTruth(listingsSpec([marketplaceId])).tables['rows'] ?? [])].map(
      (row) => row['open-date'],
    );

  it('prints them as UK and Japanese files do, the same instants as the listings', () => {
    const uk = listingsFor(7, 'A3SELLER0EXAMPLE', UK, '2026-10-05');
    expect(openDates(UK)).toEqual(
      uk.map((l) => {
        const [date = '', time = ''] = l.openDate.split('T');
        const [year, month, day] = date.split('-');
        return `${day}/${month}/${year} ${time.slice(0, 8)} GMT`;
      }),
    );
    for (const printed of openDates(JP)) {
      expect(printed).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} JST$/);
    }
    expect(openDates(FR)[0]).toMatch(/\+01:00$/);
  });
});

describe('GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', () => {
  it('has one row per FBA SKU with consistent quantities', () => {
    const { header, rows } = parseTsv(documentText(generateReport(inventorySpec([US]))));
    expect(header).toEqual([...FBA_INVENTORY_HEADER]);
    const fbaSkus = listingsFor(7, 'A3SELLER0EXAMPLE', US, '2026-10-05')
      .filter((l) => l.fulfillmentChannel === 'AMAZON_NA' && l.status !== 'Incomplete')
      .map((l) => l.sku);
    expect(rows.map((row) => row[0])).toEqual(fbaSkus);
    const at = (row: string[], column: (typeof FBA_INVENTORY_HEADER)[number]) =>
      Number(row[header.indexOf(column)]);
    for (const row of rows) {
      expect(at(row, 'afn-warehouse-quantity')).toBe(
        at(row, 'afn-fulfillable-quantity') +
          at(row, 'afn-unsellable-quantity') +
          at(row, 'afn-reserved-quantity'),
      );
      expect(at(row, 'afn-total-quantity')).toBeGreaterThanOrEqual(
        at(row, 'afn-warehouse-quantity'),
      );
    }
  });

  it('lists a SKU shared by two marketplaces once', () => {
    const rows = [...(groundTruth(inventorySpec([DE, FR])).tables['rows'] ?? [])];
    const skus = rows.map((row) => row['sku']);
    expect(new Set(skus).size).toBe(skus.length);
  });
});
