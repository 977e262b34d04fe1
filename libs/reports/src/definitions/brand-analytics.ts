import type { ColumnType } from '../column-type';
import type { DatasetDefinition, ReportTypeDefinition } from '../report-type-definition';
import { jsonColumns, money, reportOptionColumn } from '../column-builders';
import { periodWindow } from './period-window';

// The Brand Analytics reports, from their report schemas in the official models
// (report-schema_GET_BRAND_ANALYTICS_*.json): period-aligned, one marketplace per report, for brand
// owners (sellers and vendors). Rows that name their own period (`startDate`, `endDate`) land in
// the day it starts; search terms rows, which do not, in the day the window starts.

const DAY_TO_QUARTER = ['DAY', 'WEEK', 'MONTH', 'QUARTER'];
const WEEK_MONTH_QUARTER = ['WEEK', 'MONTH', 'QUARTER'];

/** One Brand Analytics report type: its periods, its ASIN list option if any, its one table. */
function brandAnalyticsReport(
  reportType: string,
  periods: readonly string[],
  dataset: DatasetDefinition,
  asinList?: { readonly option: string; readonly required: boolean },
): ReportTypeDefinition {
  return {
    reportType,
    format: 'json',
    accountTypes: ['seller', 'vendor'],
    requestable: true,
    restricted: false,
    requiredOptions: ['reportPeriod', ...(asinList?.required === true ? [asinList.option] : [])],
    optionValues: { reportPeriod: periods },
    ...(asinList === undefined ? {} : { asinListOptions: [asinList.option] }),
    onlyListedOptions: true,
    window: periodWindow,
    datasets: [{ ...dataset, columns: [...dataset.columns, reportOptionColumn('reportPeriod')] }],
  };
}

/** A `dataByAsin` table: each row an ASIN's period, then `fields` (named without `groups`). */
function byAsinTable(
  name: string,
  fields: [string, ColumnType][],
  groups: readonly string[] = [],
): DatasetDefinition {
  return {
    name,
    jsonArray: 'dataByAsin',
    ...(groups.length === 0 ? {} : { jsonStripPrefixes: groups }),
    partitionDate: { column: 'start_date' },
    columns: jsonColumns(
      [['startDate', 'date'], ['endDate', 'date'], ['asin', 'string'], ...fields],
      groups,
    ),
  };
}

// report-schema_GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT.json: no YEAR.
export const brandAnalyticsSearchTerms = brandAnalyticsReport(
  'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
  DAY_TO_QUARTER,
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
    ]),
  },
);

export const brandAnalyticsMarketBasket = brandAnalyticsReport(
  'GET_BRAND_ANALYTICS_MARKET_BASKET_REPORT',
  DAY_TO_QUARTER,
  byAsinTable('brand_analytics_market_basket', [
    ['purchasedWithAsin', 'string'],
    ['purchasedWithRank', 'integer'],
    ['combinationPct', 'double'],
  ]),
);

export const brandAnalyticsRepeatPurchase = brandAnalyticsReport(
  'GET_BRAND_ANALYTICS_REPEAT_PURCHASE_REPORT',
  WEEK_MONTH_QUARTER,
  byAsinTable('brand_analytics_repeat_purchase', [
    ['orders', 'integer'],
    ['uniqueCustomers', 'integer'],
    ['repeatCustomersPctTotal', 'double'],
    ...money('repeatPurchaseRevenue'),
    ['repeatPurchaseRevenuePctTotal', 'double'],
  ]),
);

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

export const brandAnalyticsSearchCatalogPerformance = brandAnalyticsReport(
  'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT',
  WEEK_MONTH_QUARTER,
  byAsinTable(
    'brand_analytics_search_catalog_performance',
    [
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
  ),
  { option: 'asins', required: false },
);

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

export const brandAnalyticsSearchQueryPerformance = brandAnalyticsReport(
  'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT',
  WEEK_MONTH_QUARTER,
  byAsinTable(
    'brand_analytics_search_query_performance',
    [
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
    ['searchQueryData', ...FUNNEL_GROUPS],
  ),
  { option: 'asin', required: true },
);
