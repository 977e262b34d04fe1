import type { ReportTypeDefinition } from '../report-type-definition';
import { columns } from '../column-builders';

const snapshotWindow = { maxWindowDays: 1, dataLagHours: 0, periodAligned: false, snapshot: true };

export const merchantListingsAll: ReportTypeDefinition = {
  reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: true,
  restricted: false,
  requiredOptions: [],
  optionValues: {},
  // "The preferred locale for report column headers" (report-type-values-inventory): without it
  // Amazon prints them in the seller's or marketplace's language (Japanese, Chinese, German ...),
  // which no schema column matches (amzn/selling-partner-api-models#5303, jlevers/selling-partner-api#525).
  defaultOptions: { preferredReportDocumentLocale: 'en_US' },
  window: snapshotWindow,
  datasets: [
    {
      name: 'merchant_listings',
      partitionDate: { window: 'start' },
      columns: columns([
        ['item-name', 'string'],
        ['item-description', 'string'],
        ['listing-id', 'string'],
        ['seller-sku', 'string'],
        ['price', 'decimal', 2],
        ['quantity', 'integer'],
        ['open-date', 'timestamp'],
        ['image-url', 'string'],
        ['item-is-marketplace', 'string'],
        ['product-id-type', 'string'],
        ['zshop-shipping-fee', 'string'],
        ['item-note', 'string'],
        ['item-condition', 'string'],
        ['zshop-category1', 'string'],
        ['zshop-browse-path', 'string'],
        ['zshop-storefront-feature', 'string'],
        ['asin1', 'string'],
        ['asin2', 'string'],
        ['asin3', 'string'],
        ['will-ship-internationally', 'string'],
        ['expedited-shipping', 'string'],
        ['zshop-boldface', 'string'],
        ['product-id', 'string'],
        ['bid-for-featured-placement', 'string'],
        ['add-delete', 'string'],
        ['pending-quantity', 'integer'],
        ['fulfillment-channel', 'string'],
        ['merchant-shipping-group', 'string'],
        ['status', 'string'],
      ]).map((column) =>
        // German files of some sellers print the British spelling (amzn/selling-partner-api-models
        // issues 3999 and 4140, the DE marketplace, 2024).
        column.source === 'fulfillment-channel'
          ? { ...column, aliases: ['fulfilment-channel'] }
          : column,
      ),
    },
  ],
};

export const fbaUnsuppressedInventory: ReportTypeDefinition = {
  reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: true,
  restricted: false,
  requiredOptions: [],
  optionValues: {},
  window: snapshotWindow,
  datasets: [
    {
      name: 'fba_inventory',
      partitionDate: { window: 'start' },
      columns: columns([
        ['sku', 'string'],
        ['fnsku', 'string'],
        ['asin', 'string'],
        ['product-name', 'string'],
        ['condition', 'string'],
        ['your-price', 'decimal', 2],
        ['mfn-listing-exists', 'boolean'],
        ['mfn-fulfillable-quantity', 'integer'],
        ['afn-listing-exists', 'boolean'],
        ['afn-warehouse-quantity', 'integer'],
        ['afn-fulfillable-quantity', 'integer'],
        ['afn-unsellable-quantity', 'integer'],
        ['afn-reserved-quantity', 'integer'],
        ['afn-total-quantity', 'integer'],
        ['per-unit-volume', 'double'],
        ['afn-inbound-working-quantity', 'integer'],
        ['afn-inbound-shipped-quantity', 'integer'],
        ['afn-inbound-receiving-quantity', 'integer'],
        // Not in the documented list, but at the end of real files (and Airbyte's schema).
        ['afn-researching-quantity', 'integer'],
        ['afn-reserved-future-supply', 'integer'],
        ['afn-future-supply-buyable', 'integer'],
      ]),
    },
  ],
};
