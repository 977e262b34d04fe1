import type { ColumnType } from '../column-type';
import type { ReportTypeDefinition } from '../report-type-definition';
import { jsonColumns, money, reportOptionColumn } from '../column-builders';
import { periodWindow } from './period-window';

// The Brand Analytics reports, from their report schemas in the official models
// (report-schema_GET_BRAND_ANALYTICS_*.json): period-aligned, one marketplace per report, for brand
// owners (sellers and vendors). Rows that name their own period (`startDate`, `endDate`) land in
// the day it starts; search terms rows, which do not, in the day the window starts.

const WEEK_MONTH_QUARTER = ['WEEK', 'MONTH', 'QUARTER'];

const period: [string, ColumnType][] = [
  ['startDate', 'date'],
  ['endDate', 'date'],
  ['asin', 'string'],
];

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

export const brandAnalyticsMarketBasket: ReportTypeDefinition = {
  reportType: 'GET_BRAND_ANALYTICS_MARKET_BASKET_REPORT',
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  restricted: false,
  requiredOptions: ['reportPeriod'],
  optionValues: { reportPeriod: ['DAY', 'WEEK', 'MONTH', 'QUARTER'] },
  onlyListedOptions: true,
  window: periodWindow,
  datasets: [
    {
      name: 'brand_analytics_market_basket',
      jsonArray: 'dataByAsin',
      partitionDate: { column: 'start_date' },
      columns: jsonColumns([
        ...period,
        ['purchasedWithAsin', 'string'],
        ['purchasedWithRank', 'integer'],
        ['combinationPct', 'double'],
      ]).concat(reportOptionColumn('reportPeriod')),
    },
  ],
};

export const brandAnalyticsRepeatPurchase: ReportTypeDefinition = {
  reportType: 'GET_BRAND_ANALYTICS_REPEAT_PURCHASE_REPORT',
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  restricted: false,
  requiredOptions: ['reportPeriod'],
  optionValues: { reportPeriod: WEEK_MONTH_QUARTER },
  onlyListedOptions: true,
  window: periodWindow,
  datasets: [
    {
      name: 'brand_analytics_repeat_purchase',
      jsonArray: 'dataByAsin',
      partitionDate: { column: 'start_date' },
      columns: jsonColumns([
        ...period,
        ['orders', 'integer'],
        ['uniqueCustomers', 'integer'],
        ['repeatCustomersPctTotal', 'double'],
        ...money('repeatPurchaseRevenue'),
        ['repeatPurchaseRevenuePctTotal', 'double'],
      ]).concat(reportOptionColumn('reportPeriod')),
    },
  ],
};

// Each metric group is an object of its own; its members' names already say which group they are
// of (`clickCount`, `totalCartAddRate`), so the columns drop the group.
const FUNNEL_GROUPS = ['impressionData', 'clickData', 'cartAddData', 'purchaseData'];

// `sameDayShippingClickCount` in catalog performance, `totalSameDayShippingClickCount` in query
// performance.
const shippingCounts = (group: string, event: string, total = false): [string, ColumnType][] =>
  ['SameDay', 'OneDay', 'TwoDay'].map((speed) => {
    const name = total ? `total${speed}` : speed.charAt(0).toLowerCase() + speed.slice(1);
    return [`${group}.${name}Shipping${event}Count`, 'integer'];
  });

export const brandAnalyticsSearchCatalogPerformance: ReportTypeDefinition = {
  reportType: 'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT',
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  restricted: false,
  requiredOptions: ['reportPeriod'],
  optionValues: { reportPeriod: WEEK_MONTH_QUARTER },
  asinListOptions: ['asins'],
  onlyListedOptions: true,
  window: periodWindow,
  datasets: [
    {
      name: 'brand_analytics_search_catalog_performance',
      jsonArray: 'dataByAsin',
      jsonStripPrefixes: FUNNEL_GROUPS,
      partitionDate: { column: 'start_date' },
      columns: jsonColumns(
        [
          ...period,
          ['impressionData.impressionCount', 'integer'],
          ...money('impressionData.impressionMedianPrice'),
          ...shippingCounts('impressionData', 'Impression'),
          ['clickData.clickCount', 'integer'],
          ['clickData.clickRate', 'double'],
          ...money('clickData.clickedMedianPrice'),
          ...shippingCounts('clickData', 'Click'),
          ['cartAddData.cartAddCount', 'integer'],
          ...money('cartAddData.cartAddedMedianPrice'),
          ...shippingCounts('cartAddData', 'CartAdd'),
          ['purchaseData.purchaseCount', 'integer'],
          ...money('purchaseData.searchTrafficSales'),
          ['purchaseData.conversionRate', 'double'],
          ...money('purchaseData.purchaseMedianPrice'),
          ...shippingCounts('purchaseData', 'Purchase'),
        ],
        FUNNEL_GROUPS,
      ).concat(reportOptionColumn('reportPeriod')),
    },
  ],
};

// Count, rate, the ASIN's count and share, and the median prices of one funnel step.
const queryFunnel = (group: string, step: string): [string, ColumnType][] => [
  [`${group}.total${step}Count`, 'integer'],
  [`${group}.total${step}Rate`, 'double'],
  [`${group}.asin${step}Count`, 'integer'],
  [`${group}.asin${step}Share`, 'double'],
  ...money(`${group}.totalMedian${step}Price`),
  ...money(`${group}.asinMedian${step}Price`),
  ...shippingCounts(group, step, true),
];

const QUERY_GROUPS = ['searchQueryData', ...FUNNEL_GROUPS];

export const brandAnalyticsSearchQueryPerformance: ReportTypeDefinition = {
  reportType: 'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT',
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  restricted: false,
  requiredOptions: ['reportPeriod', 'asin'],
  optionValues: { reportPeriod: WEEK_MONTH_QUARTER },
  asinListOptions: ['asin'],
  onlyListedOptions: true,
  window: periodWindow,
  datasets: [
    {
      name: 'brand_analytics_search_query_performance',
      jsonArray: 'dataByAsin',
      jsonStripPrefixes: QUERY_GROUPS,
      partitionDate: { column: 'start_date' },
      columns: jsonColumns(
        [
          ...period,
          ['searchQueryData.searchQuery', 'string'],
          ['searchQueryData.searchQueryScore', 'integer'],
          ['searchQueryData.searchQueryVolume', 'integer'],
          ['impressionData.totalQueryImpressionCount', 'integer'],
          ['impressionData.asinImpressionCount', 'integer'],
          ['impressionData.asinImpressionShare', 'double'],
          ...queryFunnel('clickData', 'Click'),
          ...queryFunnel('cartAddData', 'CartAdd'),
          ...queryFunnel('purchaseData', 'Purchase'),
        ],
        QUERY_GROUPS,
      ).concat(reportOptionColumn('reportPeriod')),
    },
  ],
};
