import type { ReportTypeDefinition } from '../report-type-definition';
import { columns } from '../column-builders';

// Amazon generates settlement reports every settlement period; they can be listed and downloaded
// but never requested. The first data row carries the settlement totals with empty transaction
// columns; it is kept as a row (transaction_type null) rather than split into another table.
export const settlementV2: ReportTypeDefinition = {
  reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: false,
  restricted: false,
  requiredOptions: [],
  optionValues: {},
  window: { maxWindowDays: 31, dataLagHours: 0, periodAligned: false, snapshot: false },
  datasets: [
    {
      name: 'settlements',
      partitionDate: { window: 'start' },
      columns: columns([
        ['settlement-id', 'string'],
        ['settlement-start-date', 'timestamp'],
        ['settlement-end-date', 'timestamp'],
        ['deposit-date', 'timestamp'],
        ['total-amount', 'decimal', 2],
        ['currency', 'string'],
        ['transaction-type', 'string'],
        ['order-id', 'string'],
        ['merchant-order-id', 'string'],
        ['adjustment-id', 'string'],
        ['shipment-id', 'string'],
        ['marketplace-name', 'string'],
        ['amount-type', 'string'],
        ['amount-description', 'string'],
        ['amount', 'decimal', 2],
        ['fulfillment-id', 'string'],
        // As printed: Amazon documents MM/DD/YY (changelog "Deprecation of two payment settlement
        // report types"), files outside the US have shown DD/MM/YY, and a two-digit year read in the
        // wrong order would quarantine or misdate every transaction. `posted_date_time` is the instant.
        ['posted-date', 'string'],
        ['posted-date-time', 'timestamp'],
        ['order-item-code', 'string'],
        ['merchant-order-item-id', 'string'],
        ['merchant-adjustment-item-id', 'string'],
        ['sku', 'string'],
        ['quantity-purchased', 'integer'],
        // Not in the documented list, but in real V2 files (and the simulator's).
        ['promotion-id', 'string'],
      ]),
    },
  ],
};
