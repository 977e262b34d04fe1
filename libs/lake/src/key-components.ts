/** SP-API report type, e.g. `GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL`. */
export const REPORT_TYPE_PATTERN = /^[A-Z][A-Z0-9_]{0,127}$/;
/** Selling partner and marketplace ids: upper-case letters and digits only. */
export const AMAZON_ID_PATTERN = /^[A-Z0-9]{1,64}$/;
/** Selling partner ids: seller ids are upper-case alphanumerics; vendor ids may carry dots (`amzn1.vg.123`). */
export const SELLING_PARTNER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Curated dataset name: snake_case. */
export const DATASET_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** Report id (digits on SP-API); letters, digits, `-` and `_` so it is always one safe path segment. */
export const REPORT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** ISO-8601 instant with an explicit zone (`Z` or an offset). */
export const ISO_INSTANT_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
/** Report config id (libs/config): a lowercase slug of at most 64 characters. */
export const REPORT_CONFIG_ID_PATTERN = /^(?=.{1,64}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
