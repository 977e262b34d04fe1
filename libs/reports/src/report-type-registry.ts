import {
  brandAnalyticsSearchTerms,
  brandAnalyticsMarketBasket,
  brandAnalyticsRepeatPurchase,
  brandAnalyticsSearchCatalogPerformance,
  brandAnalyticsSearchQueryPerformance,
} from './definitions/brand-analytics';
import {
  vendorForecasting,
  vendorInventory,
  vendorNetPureProductMargin,
  vendorSales,
  vendorTraffic,
} from './definitions/vendor-analytics';
import {
  fbaUnsuppressedInventory,
  merchantListingsAll,
} from './definitions/listings-and-inventory';
import { ordersByLastUpdate, ordersByOrderDate } from './definitions/orders';
import { salesAndTraffic } from './definitions/sales-and-traffic';
import { settlementV2 } from './definitions/settlement';
import { UnknownReportTypeError } from './errors';
import type { ReportTypeDefinition } from './report-type-definition';

/** Every report type the pipeline curates. */
export const reportTypeDefinitions: readonly ReportTypeDefinition[] = [
  ordersByOrderDate,
  ordersByLastUpdate,
  merchantListingsAll,
  fbaUnsuppressedInventory,
  settlementV2,
  salesAndTraffic,
  brandAnalyticsSearchTerms,
  brandAnalyticsMarketBasket,
  brandAnalyticsRepeatPurchase,
  brandAnalyticsSearchCatalogPerformance,
  brandAnalyticsSearchQueryPerformance,
  vendorSales,
  vendorTraffic,
  vendorInventory,
  vendorNetPureProductMargin,
  vendorForecasting,
];

const byType = new Map(
  reportTypeDefinitions.map((definition) => [definition.reportType, definition]),
);

/** The definition of a report type, or UnknownReportTypeError. */
export function reportTypeDefinition(reportType: string): ReportTypeDefinition {
  const definition = byType.get(reportType);
  if (!definition) throw new UnknownReportTypeError(reportType);
  return definition;
}

/** The definition of a report type, or undefined for one the registry does not curate. */
export function findReportTypeDefinition(reportType: string): ReportTypeDefinition | undefined {
  return byType.get(reportType);
}

/** Restricted report types (SP-API docs), whether or not the pipeline curates them. */
export const restrictedReportTypes: ReadonlySet<string> = new Set([
  'GET_AMAZON_FULFILLED_SHIPMENTS_DATA_INVOICING',
  'GET_AMAZON_FULFILLED_SHIPMENTS_DATA_TAX',
  'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING',
  'GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING',
  'GET_FLAT_FILE_ORDER_REPORT_DATA_INVOICING',
  'GET_FLAT_FILE_ORDER_REPORT_DATA_TAX',
  'GET_FLAT_FILE_ORDERS_RECONCILIATION_DATA_TAX',
  'GET_FLAT_FILE_ORDERS_RECONCILIATION_DATA_INVOICING',
  'GET_FLAT_FILE_ORDERS_RECONCILIATION_DATA_SHIPPING',
  'GET_ORDER_REPORT_DATA_INVOICING',
  'GET_ORDER_REPORT_DATA_TAX',
  'GET_ORDER_REPORT_DATA_SHIPPING',
  'GET_EASYSHIP_DOCUMENTS',
  'GET_GST_MTR_B2B_CUSTOM',
  'GET_VAT_TRANSACTION_DATA',
  'SC_VAT_TAX_REPORT',
]);

/** Whether getReportDocument for this type needs a Restricted Data Token. */
export function isRestrictedReportType(reportType: string): boolean {
  return restrictedReportTypes.has(reportType) || byType.get(reportType)?.restricted === true;
}
