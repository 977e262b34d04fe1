import type { ColumnType } from '../column-type';
import type { ReportTypeDefinition } from '../report-type-definition';
import { REPORT_SPECIFICATION, jsonColumns, reportOptionColumn } from '../column-builders';

// Amazon's SLA for vendor analytics: a day 72 hours after it closes, a week 48 hours, "All the
// timezones are in PST" (amzn/selling-partner-api-docs#3107); 72 hours after the Pacific day's end
// is 80 hours after the UTC day's. Brand Analytics documents none and takes the same.
// A period may stay FATAL for days after its data is due: a Brand Analytics week did for six days
// in NA and longer in EU (amzn/selling-partner-api-models#5351); two weeks before one is skipped.
export const periodWindow = {
  maxWindowDays: 31,
  dataLagHours: 80,
  periodAligned: true,
  snapshot: false,
  fatalGraceHours: 14 * 24,
};

export const brandAnalyticsSearchTerms: ReportTypeDefinition = {
  reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  restricted: false,
  requiredOptions: ['reportPeriod'],
  // report-schema_GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT.json: no YEAR.
  optionValues: { reportPeriod: ['DAY', 'WEEK', 'MONTH', 'QUARTER'] },
  onlyListedOptions: true,
  window: periodWindow,
  datasets: [
    {
      name: 'brand_analytics_search_terms',
      jsonArray: 'dataByDepartmentAndSearchTerm',
      partitionDate: { window: 'start' },
      columns: jsonColumns([
        ['departmentName', 'string'],
        ['searchTerm', 'string'],
        ['searchFrequencyRank', 'integer'],
        ['clickedAsin', 'string'],
        ['clickShareRank', 'integer'],
        ['clickShare', 'double'],
        ['conversionShare', 'double'],
      ]).concat(reportOptionColumn('reportPeriod')),
    },
  ],
};

const vendorSalesFields: [string, ColumnType][] = [
  ['startDate', 'date'],
  ['endDate', 'date'],
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

// With the report's options, the day Amazon last updated its data (required by the schema), so a
// period asked for again later (a new config, a replanned lane) tells its newer rows. The pipeline
// does not ask for a landed period again by itself, so Amazon's later restatements are not fetched.
const vendorOptionColumns = [
  ...['reportPeriod', 'distributorView', 'sellingProgram'].map((option) =>
    reportOptionColumn(option),
  ),
  {
    name: 'last_updated_date',
    source: `${REPORT_SPECIFICATION}.lastUpdatedDate`,
    type: 'date' as const,
  },
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
  datasets: [
    {
      name: 'vendor_sales_aggregate',
      jsonArray: 'salesAggregate',
      partitionDate: { column: 'start_date' },
      columns: [...jsonColumns(vendorSalesFields), ...vendorOptionColumns],
    },
    {
      name: 'vendor_sales_by_asin',
      jsonArray: 'salesByAsin',
      partitionDate: { column: 'start_date' },
      columns: [...jsonColumns([['asin', 'string'], ...vendorSalesFields]), ...vendorOptionColumns],
    },
  ],
};
