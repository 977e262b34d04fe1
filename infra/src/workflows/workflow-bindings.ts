/**
 * Which function each Lambda placeholder of the exported definitions stands for (catalog ids).
 * `bindPlaceholders` fails the synth when a definition gains or loses a placeholder.
 */
export const INGESTION_FUNCTION_BINDINGS = {
  create_report_function_arn: 'create-report',
  register_report_waiter_function_arn: 'register-waiter',
  get_report_status_function_arn: 'get-report-status',
  retrieve_report_function_arn: 'retrieve-report',
  record_fatal_function_arn: 'record-fatal',
  record_outcome_function_arn: 'record-outcome',
} as const;

/** The fan-out's Lambda placeholders; `ingestion_state_machine_arn` is bound by the stack. */
export const FAN_OUT_FUNCTION_BINDINGS = {
  plan_windows_function_arn: 'plan-windows',
  claim_window_function_arn: 'claim-window',
  complete_window_function_arn: 'complete-window',
  record_window_failure_function_arn: 'record-window-failure',
} as const;

/** The fan-out's placeholder for the ingestion state machine. */
export const INGESTION_STATE_MACHINE_PLACEHOLDER = 'ingestion_state_machine_arn';

/** The report retrieval's Lambda placeholders: the ingestion's retrieve and record functions. */
export const RETRIEVAL_FUNCTION_BINDINGS = {
  retrieve_report_function_arn: 'retrieve-report',
  record_outcome_function_arn: 'record-outcome',
} as const;

/** The catalog refresh's Lambda placeholders (catalog-listings-fetcher). */
export const CATALOG_REFRESH_FUNCTION_BINDINGS = {
  plan_refresh_function_arn: 'plan-catalog-refresh',
  fetch_listings_function_arn: 'fetch-listings',
  plan_catalog_function_arn: 'plan-catalog-chunks',
  fetch_catalog_chunk_function_arn: 'fetch-catalog-chunk',
  finish_refresh_function_arn: 'finish-catalog-refresh',
} as const;
