import type { ReportTypeDefinition } from '../report-type-definition';
import { columns } from '../column-builders';

const orderColumns = (withCpf: boolean) =>
  columns([
    ['amazon-order-id', 'string'],
    ['merchant-order-id', 'string'],
    ['purchase-date', 'timestamp'],
    ['last-updated-date', 'timestamp'],
    ['order-status', 'string'],
    ['fulfillment-channel', 'string'],
    ['sales-channel', 'string'],
    ['order-channel', 'string'],
    ['ship-service-level', 'string'],
    ['product-name', 'string'],
    ['sku', 'string'],
    ['asin', 'string'],
    ['item-status', 'string'],
    ['quantity', 'integer'],
    ['currency', 'string'],
    ['item-price', 'decimal', 2],
    ['item-tax', 'decimal', 2],
    ['shipping-price', 'decimal', 2],
    ['shipping-tax', 'decimal', 2],
    ['gift-wrap-price', 'decimal', 2],
    ['gift-wrap-tax', 'decimal', 2],
    ['item-promotion-discount', 'decimal', 2],
    ['ship-promotion-discount', 'decimal', 2],
    ['ship-city', 'string'],
    ['ship-state', 'string'],
    ['ship-postal-code', 'string'],
    ['ship-country', 'string'],
    ['promotion-ids', 'string'],
    ...(withCpf ? ([['cpf', 'string']] as const) : []),
    ['is-business-order', 'boolean'],
    ['purchase-order-number', 'string'],
    ['price-designation', 'string'],
    // Not in the documented list, but in real files (SPAPI.md 5.2: the amazon-sp-api client's
    // typings of what it downloads).
    ['number-of-items', 'integer'],
    ['tax-collection-model', 'string'],
    ['tax-collection-responsible-party', 'string'],
    ['address-type', 'string'],
  ]);

// Order-tracking reports: no buyer PII, not restricted. The maximum window is not documented; 30
// days is what the community reports works reliably. Orders older than two years are not supported
// (report-type-values-order docs, SPAPI.md 5.1): 730 days, the shorter of two calendar years.
const orderWindow = {
  maxWindowDays: 30,
  dataLagHours: 1,
  periodAligned: false,
  snapshot: false,
  maxLookbackDays: 730,
};

export const ordersByOrderDate: ReportTypeDefinition = {
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: true,
  restricted: false,
  requiredOptions: [],
  optionValues: {},
  window: orderWindow,
  datasets: [
    {
      name: 'orders_by_order_date',
      columns: orderColumns(true),
      partitionDate: { column: 'purchase_date' },
    },
  ],
};

export const ordersByLastUpdate: ReportTypeDefinition = {
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: true,
  restricted: false,
  requiredOptions: [],
  optionValues: {},
  window: orderWindow,
  datasets: [
    {
      name: 'orders_by_last_update',
      columns: orderColumns(false),
      partitionDate: { column: 'last_updated_date' },
    },
  ],
};
