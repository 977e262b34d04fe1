import type { ReportConfigInput } from '@spapi-lake/config';

const DAY_MS = 86_400_000;

/** What the report configs of a local run depend on. */
export interface LocalReportConfigsInput {
  /** Days of history to backfill on the first run. */
  readonly days: number;
  /** The run's (simulated) time. */
  readonly now: number;
  /**
   * ASINs for Brand Analytics search query performance (space-separated; the US seller's own).
   * Without them that report type, which requires a list, is left out.
   */
  readonly searchQueryAsins?: string;
}

/**
 * The report configs `npm start` writes: every report type the pipeline can create, for the
 * account types that may request it. Rolling types backfill `days` days (one report per lane and
 * up to 7 days on the first run; sales and traffic, whose days are due 80 h after they end, 4 days
 * more); period types (weekly, with their 80 h lag) reach back at least 14 days so one whole week
 * is due; snapshots take today's state. Brand Analytics goes to US only, as a brand is often
 * registered in one marketplace.
 */
export function localReportConfigs(input: LocalReportConfigsInput): ReportConfigInput[] {
  const since = (days: number) => new Date(input.now - days * DAY_MS).toISOString().slice(0, 10);
  const rolling = {
    windowDays: 1,
    maxWindowDays: 7,
    schedule: 'daily',
    startDate: since(input.days),
  } satisfies Partial<ReportConfigInput>;
  const weekly = {
    period: 'WEEK',
    schedule: 'daily',
    startDate: since(Math.max(input.days, 14)),
  } satisfies Partial<ReportConfigInput>;
  const snapshot = { windowDays: 1, schedule: 'daily' } satisfies Partial<ReportConfigInput>;
  return [
    {
      id: 'orders-by-order-date',
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      accountTypes: ['seller'],
      ...rolling,
    },
    {
      id: 'orders-by-last-update',
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
      accountTypes: ['seller'],
      ...rolling,
    },
    {
      id: 'sales-and-traffic',
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      accountTypes: ['seller'],
      reportOptions: { dateGranularity: 'DAY', asinGranularity: 'CHILD' },
      ...rolling,
      // Its days are due 80 hours after they end: reach back that much further.
      startDate: since(input.days + 4),
    },
    {
      id: 'merchant-listings',
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      accountTypes: ['seller'],
      ...snapshot,
    },
    {
      id: 'fba-inventory',
      reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
      accountTypes: ['seller'],
      ...snapshot,
    },
    {
      id: 'brand-analytics-search-terms',
      reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
      accountTypes: ['seller'],
      marketplaceIds: ['ATVPDKIKX0DER'],
      reportOptions: { reportPeriod: 'WEEK' },
      ...weekly,
    },
    ...brandAnalyticsConfigs(input.searchQueryAsins, weekly),
    ...vendorAnalyticsConfigs(weekly),
    {
      id: 'vendor-sales-weekly',
      reportType: 'GET_VENDOR_SALES_REPORT',
      accountTypes: ['vendor'],
      reportOptions: {
        reportPeriod: 'WEEK',
        distributorView: 'MANUFACTURING',
        sellingProgram: 'RETAIL',
      },
      ...weekly,
    },
  ];
}

function brandAnalyticsConfigs(
  searchQueryAsins: string | undefined,
  weekly: Partial<ReportConfigInput>,
): ReportConfigInput[] {
  const brandAnalytics = (id: string, reportType: string, accountTypes: ('seller' | 'vendor')[]) =>
    ({
      id,
      reportType,
      accountTypes,
      marketplaceIds: ['ATVPDKIKX0DER'],
      reportOptions: { reportPeriod: 'WEEK' },
      schedule: 'daily',
      ...weekly,
    }) satisfies ReportConfigInput;
  return [
    brandAnalytics('brand-analytics-market-basket', 'GET_BRAND_ANALYTICS_MARKET_BASKET_REPORT', [
      'seller',
    ]),
    brandAnalytics(
      'brand-analytics-repeat-purchase',
      'GET_BRAND_ANALYTICS_REPEAT_PURCHASE_REPORT',
      ['seller'],
    ),
    brandAnalytics(
      'brand-analytics-search-catalog-performance',
      'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT',
      ['vendor'],
    ),
    ...(searchQueryAsins === undefined
      ? []
      : [
          {
            ...brandAnalytics(
              'brand-analytics-search-query-performance',
              'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT',
              ['seller'],
            ),
            reportOptions: { reportPeriod: 'WEEK', asin: searchQueryAsins },
          },
        ]),
  ];
}

function vendorAnalyticsConfigs(weekly: Partial<ReportConfigInput>): ReportConfigInput[] {
  const vendor = (id: string, reportType: string, reportOptions: Record<string, string>) =>
    ({
      id,
      reportType,
      accountTypes: ['vendor'],
      reportOptions,
      schedule: 'daily',
      ...weekly,
    }) satisfies ReportConfigInput;
  return [
    vendor('vendor-traffic-weekly', 'GET_VENDOR_TRAFFIC_REPORT', { reportPeriod: 'WEEK' }),
    vendor('vendor-inventory-weekly', 'GET_VENDOR_INVENTORY_REPORT', {
      reportPeriod: 'WEEK',
      distributorView: 'MANUFACTURING',
      sellingProgram: 'RETAIL',
    }),
    vendor('vendor-net-pure-product-margin-weekly', 'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT', {
      reportPeriod: 'WEEK',
    }),
    {
      id: 'vendor-forecasts',
      reportType: 'GET_VENDOR_FORECASTING_REPORT',
      accountTypes: ['vendor'],
      reportOptions: { sellingProgram: 'RETAIL' },
      windowDays: 1,
      schedule: 'daily',
    },
  ];
}
