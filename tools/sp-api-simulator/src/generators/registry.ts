import type { ReportDefinition } from './report-definition';
import { allOrdersByLastUpdate, allOrdersByOrderDate } from './reports/all-orders';
import { brandAnalyticsMarketBasket } from './reports/brand-analytics-market-basket';
import { brandAnalyticsRepeatPurchase } from './reports/brand-analytics-repeat-purchase';
import { brandAnalyticsSearchCatalogPerformance } from './reports/brand-analytics-search-catalog-performance';
import { brandAnalyticsSearchQueryPerformance } from './reports/brand-analytics-search-query-performance';
import { brandAnalyticsSearchTerms } from './reports/brand-analytics-search-terms';
import { fbaMyiUnsuppressedInventory } from './reports/fba-inventory';
import { merchantListingsAllData } from './reports/merchant-listings';
import { salesAndTrafficReport } from './reports/sales-and-traffic';
import { settlementFlatFileV2 } from './reports/settlement';
import { vendorForecastingReport } from './reports/vendor-forecasting';
import { vendorInventoryReport } from './reports/vendor-inventory';
import { vendorNetPureProductMarginReport } from './reports/vendor-net-pure-product-margin';
import { vendorSalesReport } from './reports/vendor-sales';
import { vendorTrafficReport } from './reports/vendor-traffic';

const DEFINITIONS: readonly ReportDefinition[] = [
  allOrdersByOrderDate,
  allOrdersByLastUpdate,
  merchantListingsAllData,
  fbaMyiUnsuppressedInventory,
  settlementFlatFileV2,
  salesAndTrafficReport,
  brandAnalyticsSearchTerms,
  brandAnalyticsMarketBasket,
  brandAnalyticsRepeatPurchase,
  brandAnalyticsSearchCatalogPerformance,
  brandAnalyticsSearchQueryPerformance,
  vendorSalesReport,
  vendorTrafficReport,
  vendorInventoryReport,
  vendorNetPureProductMarginReport,
  vendorForecastingReport,
];

const BY_TYPE: ReadonlyMap<string, ReportDefinition> = new Map(
  DEFINITIONS.map((definition) => [definition.reportType, definition]),
);

/** The generator of a report type, or undefined when the simulator does not support it. */
export function findReportDefinition(reportType: string): ReportDefinition | undefined {
  return BY_TYPE.get(reportType);
}

/** Report types createReport accepts. */
export const requestableReportTypes: readonly string[] = DEFINITIONS.filter(
  (d) => d.requestable,
).map((d) => d.reportType);

/** Report types only Amazon creates (settlement): listed by getReports, refused by createReport. */
export const amazonGeneratedReportTypes: readonly string[] = DEFINITIONS.filter(
  (d) => !d.requestable,
).map((d) => d.reportType);
