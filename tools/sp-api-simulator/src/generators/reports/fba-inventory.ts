import { listingsOnDay, type Listing } from '../listings';
import { createRng } from '../random';
import type { ReportDefinition } from '../report-definition';
import { snapshotDay } from './snapshot-day';

/** Documented columns of GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA, in order. */
export const FBA_INVENTORY_HEADER = [
  'sku',
  'fnsku',
  'asin',
  'product-name',
  'condition',
  'your-price',
  'mfn-listing-exists',
  'mfn-fulfillable-quantity',
  'afn-listing-exists',
  'afn-warehouse-quantity',
  'afn-fulfillable-quantity',
  'afn-unsellable-quantity',
  'afn-reserved-quantity',
  'afn-total-quantity',
  'per-unit-volume',
  'afn-inbound-working-quantity',
  'afn-inbound-shipped-quantity',
  'afn-inbound-receiving-quantity',
  // After the documented columns, as real files and Airbyte's schema have them.
  'afn-researching-quantity',
  'afn-reserved-future-supply',
  'afn-future-supply-buyable',
] as const;

/**
 * One row per FBA SKU as of the last day of the window (incomplete listings excluded). FBA stock
 * is pooled per region, so a SKU listed in several requested marketplaces appears once (first
 * marketplace's price). `afn-total-quantity` = warehouse + inbound shipped + inbound receiving.
 */
export const fbaMyiUnsuppressedInventory: ReportDefinition = {
  reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: true,
  build: (request) => {
    const day = snapshotDay(request);
    const { seed, sellingPartnerId } = request.spec;
    const seen = new Set<string>();
    const rows: string[][] = [];
    for (const marketplace of request.marketplaces) {
      for (const listing of listingsOnDay(seed, sellingPartnerId, marketplace, day)) {
        if (listing.fulfillmentChannel === 'DEFAULT' || listing.status === 'Incomplete') continue;
        if (seen.has(listing.sku)) continue;
        seen.add(listing.sku);
        rows.push(inventoryRow(seed, sellingPartnerId, listing, day));
      }
    }
    if (rows.length === 0) return { kind: 'no-data' };
    return {
      kind: 'tsv',
      header: FBA_INVENTORY_HEADER,
      lineEnding: '\n',
      rowCount: rows.length,
      rows: () => rows,
    };
  },
};

function inventoryRow(seed: number, partnerId: string, listing: Listing, day: number): string[] {
  const fixed = createRng(seed, partnerId, listing.sku, 'fba-volume');
  const daily = createRng(seed, partnerId, listing.marketplaceId, listing.sku, 'fba', day);
  const fulfillable = listing.quantity;
  const unsellable = daily.chance(0.2) ? daily.int(1, 5) : 0;
  const reserved = daily.int(0, 12);
  const warehouse = fulfillable + unsellable + reserved;
  const working = daily.chance(0.3) ? daily.int(10, 200) : 0;
  const shipped = daily.chance(0.3) ? daily.int(10, 200) : 0;
  const receiving = daily.chance(0.2) ? daily.int(1, 50) : 0;
  const volume = fixed.int(3, 120);
  const researching = daily.chance(0.1) ? daily.int(1, 3) : 0;
  return [
    listing.sku,
    listing.fnsku,
    listing.asin,
    listing.title,
    'New',
    listing.price,
    'No',
    '',
    'Yes',
    String(warehouse),
    String(fulfillable),
    String(unsellable),
    String(reserved),
    String(warehouse + shipped + receiving),
    `${Math.floor(volume / 100)}.${String(volume % 100).padStart(2, '0')}`,
    String(working),
    String(shipped),
    String(receiving),
    String(researching),
    '0',
    '0',
  ];
}
