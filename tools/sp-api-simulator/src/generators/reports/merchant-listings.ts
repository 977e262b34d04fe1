import { listingsOnDay, type Listing } from '../listings';
import { findMarketplace } from '../marketplaces';
import type { ReportDefinition } from '../report-definition';
import { snapshotDay } from './snapshot-day';

/** Documented columns of GET_MERCHANT_LISTINGS_ALL_DATA, in order. */
export const MERCHANT_LISTINGS_HEADER = [
  'item-name',
  'item-description',
  'listing-id',
  'seller-sku',
  'price',
  'quantity',
  'open-date',
  'image-url',
  'item-is-marketplace',
  'product-id-type',
  'zshop-shipping-fee',
  'item-note',
  'item-condition',
  'zshop-category1',
  'zshop-browse-path',
  'zshop-storefront-feature',
  'asin1',
  'asin2',
  'asin3',
  'will-ship-internationally',
  'expedited-shipping',
  'zshop-boldface',
  'product-id',
  'bid-for-featured-placement',
  'add-delete',
  'pending-quantity',
  'fulfillment-channel',
  'merchant-shipping-group',
  'status',
] as const;

// MLAD codes: 1 = ASIN, 2 = ISBN, 3 = UPC, 4 = EAN.
const PRODUCT_ID_TYPE = { UPC: '3', EAN: '4' } as const;

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})[+-]\d{2}:\d{2}$/;

/**
 * The open date as the marketplace's file prints it: UK files day first, `24/03/2011 09:29:39 GMT`
 * (a UK seller's file in Zynk's docs), Japanese ones year first, `2009/09/18 15:18:58 JST`
 * (Seller Central JP help); elsewhere the local time with its offset. The listing's date is local
 * standard time (GMT, JST).
 */
export function printedOpenDate(listing: Listing): string {
  const local = LOCAL_ISO.exec(listing.openDate);
  if (!local) return listing.openDate;
  const [, year, month, day, time] = local;
  switch (findMarketplace(listing.marketplaceId)?.countryCode) {
    case 'GB':
      return `${day}/${month}/${year} ${time} GMT`;
    case 'JP':
      return `${year}/${month}/${day} ${time} JST`;
    default:
      return listing.openDate;
  }
}

/**
 * Every listing (active, inactive, incomplete) of each requested marketplace as of the last day of
 * the window, marketplace after marketplace. FBA listings show an empty quantity.
 */
export const merchantListingsAllData: ReportDefinition = {
  reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: true,
  build: (request) => {
    const day = snapshotDay(request);
    const { seed, sellingPartnerId } = request.spec;
    const rows = request.marketplaces.flatMap((marketplace) =>
      listingsOnDay(seed, sellingPartnerId, marketplace, day).map(listingRow),
    );
    if (rows.length === 0) return { kind: 'no-data' };
    return {
      kind: 'tsv',
      header: MERCHANT_LISTINGS_HEADER,
      lineEnding: '\n',
      rowCount: rows.length,
      rows: () => rows,
    };
  },
};

function listingRow(listing: Listing): string[] {
  const afn = listing.fulfillmentChannel !== 'DEFAULT';
  const incomplete = listing.status === 'Incomplete';
  return [
    listing.title,
    listing.description,
    listing.listingId,
    listing.sku,
    listing.price,
    afn ? '' : String(listing.quantity),
    printedOpenDate(listing),
    incomplete ? '' : `https://m.media-amazon.com/images/I/71${listing.asin.slice(2)}L.jpg`,
    'y',
    PRODUCT_ID_TYPE[listing.productIdType],
    '',
    '',
    '11',
    '',
    '',
    '',
    listing.asin,
    '',
    '',
    '',
    '',
    '',
    listing.productId,
    '',
    '',
    '0',
    listing.fulfillmentChannel,
    afn ? '' : 'Migrated Template',
    listing.status,
  ];
}
