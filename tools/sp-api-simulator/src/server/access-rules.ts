import { GRANTLESS_SCOPES } from '../world/world';

/** Grantless operations and the scope their token must carry (SP-API docs, grantless operations). */
export const GRANTLESS_OPERATIONS: Readonly<Record<string, string>> = {
  getDestinations: GRANTLESS_SCOPES.notifications,
  createDestination: GRANTLESS_SCOPES.notifications,
  getDestination: GRANTLESS_SCOPES.notifications,
  deleteDestination: GRANTLESS_SCOPES.notifications,
  getSubscriptionById: GRANTLESS_SCOPES.notifications,
  deleteSubscriptionById: GRANTLESS_SCOPES.notifications,
  sendTestNotification: GRANTLESS_SCOPES.notifications,
  rotateApplicationClientSecret: GRANTLESS_SCOPES.rotation,
};

/** Report types whose documents need a Restricted Data Token naming the document path. */
export const RESTRICTED_REPORT_TYPES: ReadonlySet<string> = new Set([
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

/** Operations for which createRestrictedDataToken issues tokens (restricted resources in scope). */
export const RESTRICTED_OPERATIONS: ReadonlySet<string> = new Set(['getReportDocument']);
