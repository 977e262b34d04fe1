import type { ColumnDefinition, ColumnType } from '../column-type';
import type { ReportTypeDefinition, WindowRules } from '../report-type-definition';
import { REPORT_SPECIFICATION, jsonColumns, money, reportOptionColumn } from '../column-builders';
import { periodWindow } from './period-window';

const vendorSalesFields: [string, ColumnType][] = [
  ['customerReturns', 'integer'],
  ['orderedRevenue.amount', 'double'],
  ['orderedRevenue.currencyCode', 'string'],
  ['orderedUnits', 'integer'],
  ['shippedCogs.amount', 'double'],
  ['shippedCogs.currencyCode', 'string'],
  ['shippedRevenue.amount', 'double'],
  ['shippedRevenue.currencyCode', 'string'],
  ['shippedUnits', 'integer'],
];

// With the report's options, the day Amazon last updated its data (required by the schemas), so a
// period asked for again later (a new config, a replanned lane) tells its newer rows. The pipeline
// does not ask for a landed period again by itself, so Amazon's later restatements are not fetched.
function vendorOptionColumns(...options: string[]): ColumnDefinition[] {
  return [
    ...options.map((option) => reportOptionColumn(option)),
    {
      name: 'last_updated_date',
      source: `${REPORT_SPECIFICATION}.lastUpdatedDate`,
      type: 'date' as const,
    },
  ];
}

const salesOptionColumns = vendorOptionColumns('reportPeriod', 'distributorView', 'sellingProgram');

// The aggregate (whole catalog) and per-ASIN tables of a vendor analytics report, each row of its
// period (`startDate`).
function aggregateAndByAsin(
  prefix: string,
  arrays: { readonly aggregate: string; readonly byAsin: string },
  aggregateFields: [string, ColumnType][],
  byAsinFields: [string, ColumnType][],
  optionColumns: ColumnDefinition[],
): ReportTypeDefinition['datasets'] {
  return [
    {
      name: `${prefix}_aggregate`,
      jsonArray: arrays.aggregate,
      partitionDate: { column: 'start_date' },
      columns: [...jsonColumns([...PERIOD, ...aggregateFields]), ...optionColumns],
    },
    {
      name: `${prefix}_by_asin`,
      jsonArray: arrays.byAsin,
      partitionDate: { column: 'start_date' },
      columns: [...jsonColumns([['asin', 'string'], ...PERIOD, ...byAsinFields]), ...optionColumns],
    },
  ];
}

const PERIOD: [string, ColumnType][] = [
  ['startDate', 'date'],
  ['endDate', 'date'],
];

export const vendorSales: ReportTypeDefinition = {
  reportType: 'GET_VENDOR_SALES_REPORT',
  format: 'json',
  accountTypes: ['vendor'],
  requestable: true,
  restricted: false,
  requiredOptions: ['reportPeriod', 'distributorView', 'sellingProgram'],
  // report-schema_GET_VENDOR_SALES_REPORT.json
  optionValues: {
    reportPeriod: ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'],
    distributorView: ['MANUFACTURING', 'SOURCING'],
    sellingProgram: ['RETAIL', 'BUSINESS', 'FRESH'],
  },
  onlyListedOptions: true,
  // "Maximum lookback windows ... DAY: 1,460 days" (Amazon's Solutions Architect,
  // amzn/selling-partner-api-models#508); no other period's limit is documented, so it holds for all.
  window: { ...periodWindow, maxLookbackDays: 1460 },
  datasets: aggregateAndByAsin(
    'vendor_sales',
    { aggregate: 'salesAggregate', byAsin: 'salesByAsin' },
    vendorSalesFields,
    vendorSalesFields,
    salesOptionColumns,
  ),
};

const ALL_PERIODS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

/** A vendor report of one metric by period, taking only `reportPeriod`. */
function periodMetricReport(
  reportType: string,
  prefix: string,
  arrays: { readonly aggregate: string; readonly byAsin: string },
  metric: [string, ColumnType],
  window: WindowRules = periodWindow,
): ReportTypeDefinition {
  return {
    reportType,
    format: 'json',
    accountTypes: ['vendor'],
    requestable: true,
    restricted: false,
    requiredOptions: ['reportPeriod'],
    optionValues: { reportPeriod: ALL_PERIODS },
    onlyListedOptions: true,
    window,
    datasets: aggregateAndByAsin(
      prefix,
      arrays,
      [metric],
      [metric],
      vendorOptionColumns('reportPeriod'),
    ),
  };
}

export const vendorTraffic = periodMetricReport(
  'GET_VENDOR_TRAFFIC_REPORT',
  'vendor_traffic',
  { aggregate: 'trafficAggregate', byAsin: 'trafficByAsin' },
  ['glanceViews', 'integer'],
);

// Rates are fractions; costs are money objects (negative where backorders or returns exceed what
// was received, as the schema describes).
const inventoryByAsinFields: [string, ColumnType][] = [
  ['vendorConfirmationRate', 'double'],
  ...money('netReceivedInventoryCost'),
  ['netReceivedInventoryUnits', 'integer'],
  ['openPurchaseOrderUnits', 'integer'],
  ['averageVendorLeadTimeDays', 'double'],
  ['sellThroughRate', 'double'],
  ['unfilledCustomerOrderedUnits', 'integer'],
  ...money('sellableOnHandInventoryCost'),
  ['sellableOnHandInventoryUnits', 'integer'],
  ...money('unsellableOnHandInventoryCost'),
  ['unsellableOnHandInventoryUnits', 'integer'],
  ...money('aged90PlusDaysSellableInventoryCost'),
  ['aged90PlusDaysSellableInventoryUnits', 'integer'],
  ...money('unhealthyInventoryCost'),
  ['unhealthyInventoryUnits', 'integer'],
];

const catalogRates: [string, ColumnType][] = [
  ['procurableProductOutOfStockRate', 'double'],
  ['uft', 'double'],
  ['receiveFillRate', 'double'],
];

export const vendorInventory: ReportTypeDefinition = {
  reportType: 'GET_VENDOR_INVENTORY_REPORT',
  format: 'json',
  accountTypes: ['vendor'],
  requestable: true,
  restricted: false,
  requiredOptions: ['reportPeriod', 'distributorView', 'sellingProgram'],
  // report-schema_GET_VENDOR_INVENTORY_REPORT.json: no BUSINESS program.
  optionValues: {
    reportPeriod: ALL_PERIODS,
    distributorView: ['MANUFACTURING', 'SOURCING'],
    sellingProgram: ['RETAIL', 'FRESH'],
  },
  onlyListedOptions: true,
  window: periodWindow,
  datasets: aggregateAndByAsin(
    'vendor_inventory',
    { aggregate: 'inventoryAggregate', byAsin: 'inventoryByAsin' },
    [...catalogRates, ...inventoryByAsinFields],
    // InventoryByAsin does not name these rates, but the schema's own example has them in every
    // ASIN's row: read them where Amazon sends them (null elsewhere) rather than as drift.
    [...catalogRates, ...inventoryByAsinFields],
    salesOptionColumns,
  ),
};

// (Revenue - COGS - vendor-funded coop) / revenue, a fraction (its schema). Amazon's 2021 docs
// (SPAPI.md): data ready 168 hours after the day (176 after the UTC day, the day being Pacific
// as for vendor sales), and a lookback of 1,460 days by DAY, 8 weeks, 36 months, 8 quarters or
// 3 years.
export const vendorNetPureProductMargin = periodMetricReport(
  'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT',
  'vendor_net_pure_product_margin',
  { aggregate: 'netPureProductMarginAggregate', byAsin: 'netPureProductMarginByAsin' },
  ['netPureProductMargin', 'double'],
  {
    ...periodWindow,
    dataLagHours: 176,
    maxLookbackDays: 1460,
    maxLookbackDaysByPeriod: {
      DAY: 1460,
      WEEK: 8 * 7,
      MONTH: 3 * 365,
      QUARTER: 2 * 365,
      YEAR: 3 * 365,
    },
  },
);

// A forecast takes no dates: it is Amazon's latest (regenerated weekly), so it is fetched as a
// snapshot, landing in the day it was fetched; each row names the week it forecasts.
export const vendorForecasting: ReportTypeDefinition = {
  reportType: 'GET_VENDOR_FORECASTING_REPORT',
  format: 'json',
  accountTypes: ['vendor'],
  requestable: true,
  restricted: false,
  requiredOptions: ['sellingProgram'],
  optionValues: { sellingProgram: ['RETAIL', 'FRESH'] },
  onlyListedOptions: true,
  window: { maxWindowDays: 1, dataLagHours: 0, periodAligned: false, snapshot: true },
  datasets: [
    {
      name: 'vendor_forecasts',
      jsonArray: 'forecastByAsin',
      partitionDate: { window: 'start' },
      columns: [
        ...jsonColumns([
          ['forecastGenerationDate', 'date'],
          ['asin', 'string'],
          ...PERIOD,
          ['meanForecastUnits', 'double'],
          ['p70ForecastUnits', 'double'],
          ['p80ForecastUnits', 'double'],
          ['p90ForecastUnits', 'double'],
        ]),
        ...vendorOptionColumns('sellingProgram'),
      ],
    },
  ],
};
