import type { ColumnDefinition, ColumnType } from '../column-type';
import type { ReportTypeDefinition } from '../report-type-definition';
import { jsonColumns, money, reportOptionColumn } from '../column-builders';

// The B2B twin of a metric suffixes the metric, not its group or its money leaf:
// `salesByDate.orderedProductSales.amount` -> `salesByDate.orderedProductSalesB2B.amount`,
// `trafficByDate.pageViews` -> `trafficByDate.pageViewsB2B` (report-schema_GET_SALES_AND_TRAFFIC_REPORT).
const withB2b = (pairs: [string, ColumnType][]): [string, ColumnType][] =>
  pairs.flatMap(([path, type]) => {
    const [group, metric, ...leaf] = path.split('.');
    if (group === undefined || metric === undefined) {
      throw new Error(`a sales and traffic metric is <group>.<metric>[.<leaf>], got ${path}`);
    }
    const b2b = [group, `${metric}B2B`, ...leaf].join('.');
    return [
      [path, type],
      [b2b, type],
    ];
  });

const salesByDate: [string, ColumnType][] = [
  ...withB2b(money('salesByDate.orderedProductSales')),
  ...withB2b([['salesByDate.unitsOrdered', 'integer']]),
  ...withB2b([['salesByDate.totalOrderItems', 'integer']]),
  ...withB2b(money('salesByDate.averageSalesPerOrderItem')),
  ...withB2b([['salesByDate.averageUnitsPerOrderItem', 'double']]),
  ...withB2b(money('salesByDate.averageSellingPrice')),
  ['salesByDate.unitsRefunded', 'integer'],
  ['salesByDate.refundRate', 'double'],
  ['salesByDate.claimsGranted', 'integer'],
  ...money('salesByDate.claimsAmount'),
  ...money('salesByDate.shippedProductSales'),
  ['salesByDate.unitsShipped', 'integer'],
  ['salesByDate.ordersShipped', 'integer'],
];

const trafficByDate: [string, ColumnType][] = [
  ...withB2b([['trafficByDate.browserPageViews', 'integer']]),
  ...withB2b([['trafficByDate.mobileAppPageViews', 'integer']]),
  ...withB2b([['trafficByDate.pageViews', 'integer']]),
  ...withB2b([['trafficByDate.browserSessions', 'integer']]),
  ...withB2b([['trafficByDate.mobileAppSessions', 'integer']]),
  ...withB2b([['trafficByDate.sessions', 'integer']]),
  ...withB2b([['trafficByDate.buyBoxPercentage', 'double']]),
  ...withB2b([['trafficByDate.orderItemSessionPercentage', 'double']]),
  ...withB2b([['trafficByDate.unitSessionPercentage', 'double']]),
  // The schema says integer, but these are averages over the period's days ("calculated from the
  // total number of offers and the total number of days"): a WEEK or MONTH may not be whole, and
  // an integer column would quarantine the whole row for it.
  ['trafficByDate.averageOfferCount', 'double'],
  ['trafficByDate.averageParentItems', 'double'],
  ['trafficByDate.feedbackReceived', 'integer'],
  ['trafficByDate.negativeFeedbackReceived', 'integer'],
  ['trafficByDate.receivedNegativeFeedbackRate', 'double'],
];

const salesByAsin: [string, ColumnType][] = [
  ...withB2b([['salesByAsin.unitsOrdered', 'integer']]),
  ...withB2b(money('salesByAsin.orderedProductSales')),
  ...withB2b([['salesByAsin.totalOrderItems', 'integer']]),
];

const trafficByAsin: [string, ColumnType][] = [
  'browserSessions',
  'mobileAppSessions',
  'sessions',
  'browserSessionPercentage',
  'mobileAppSessionPercentage',
  'sessionPercentage',
  'browserPageViews',
  'mobileAppPageViews',
  'pageViews',
  'browserPageViewsPercentage',
  'mobileAppPageViewsPercentage',
  'pageViewsPercentage',
  'buyBoxPercentage',
  'unitSessionPercentage',
].flatMap((field) => {
  const type: ColumnType = field.endsWith('Percentage') ? 'double' : 'integer';
  return withB2b([[`trafficByAsin.${field}`, type]]);
});

const strip = ['salesByDate', 'trafficByDate', 'salesByAsin', 'trafficByAsin'];

// snake_case splits `B2B` into `b2_b`; the columns say `b2b` (`units_ordered_b2b`).
const b2bColumns = (pairs: [string, ColumnType][]): ColumnDefinition[] =>
  jsonColumns(pairs, strip).map((column) => ({
    ...column,
    name: column.name.replace(/_b2_b(?=_|$)/, '_b2b'),
  }));

// Both tables carry both options: two configs differing only in one of them (PARENT and CHILD
// ASINs, DAY and WEEK dates) each land the other table's rows too, which stay apart by them. When a
// request omits one, Amazon uses DAY and PARENT (report-schema_GET_SALES_AND_TRAFFIC_REPORT.json).
const granularityColumns = [
  reportOptionColumn('dateGranularity', 'DAY'),
  reportOptionColumn('asinGranularity', 'PARENT'),
];

// Seller "Business Reports". ASINs without sales in the window may be missing from
// salesAndTrafficByAsin (Amazon's behaviour, not a loss).
export const salesAndTraffic: ReportTypeDefinition = {
  reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
  format: 'json',
  accountTypes: ['seller'],
  requestable: true,
  restricted: false,
  requiredOptions: [],
  // report-schema_GET_SALES_AND_TRAFFIC_REPORT.json
  optionValues: {
    dateGranularity: ['DAY', 'WEEK', 'MONTH'],
    asinGranularity: ['PARENT', 'CHILD', 'SKU'],
  },
  onlyListedOptions: true,
  // dataStartTime: "If the start date of the report is more than two years ago, the report will be
  // cancelled" (report-schema_GET_SALES_AND_TRAFFIC_REPORT.json): 730 days, the shorter of two years.
  // A day's numbers still change for a while: "For a reportPeriod set to 'DAY', kindly wait up to
  // 72 hours to pull the report" (Amazon's Solutions Architect on this report,
  // amzn/selling-partner-api-docs#2303), counted from the end of the day in US Pacific time, the
  // last marketplace day to close (UTC-8): 80 hours after the UTC day's end.
  window: {
    maxWindowDays: 30,
    dataLagHours: 80,
    periodAligned: false,
    snapshot: false,
    maxLookbackDays: 730,
    // "Reports may take up to a week to populate data after a reporting period closes" (#2303).
    fatalGraceHours: 14 * 24,
  },
  datasets: [
    {
      name: 'sales_and_traffic_by_date',
      jsonArray: 'salesAndTrafficByDate',
      jsonStripPrefixes: strip,
      partitionDate: { column: 'date' },
      columns: [
        ...b2bColumns([['date', 'date'], ...salesByDate, ...trafficByDate]),
        ...granularityColumns,
      ],
    },
    {
      name: 'sales_and_traffic_by_asin',
      jsonArray: 'salesAndTrafficByAsin',
      jsonStripPrefixes: strip,
      partitionDate: { window: 'start' },
      columns: [
        ...b2bColumns([
          ['parentAsin', 'string'],
          ['childAsin', 'string'],
          ['sku', 'string'],
          ...salesByAsin,
          ...trafficByAsin,
        ]),
        ...granularityColumns,
      ],
    },
  ],
};
