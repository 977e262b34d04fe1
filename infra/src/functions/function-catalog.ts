import type { FunctionSpec } from './function-spec';
import { REPORT_CREATOR_FUNCTIONS } from './report-creator-functions';
import { REPORT_RETRIEVER_FUNCTIONS } from './report-retriever-functions';
import { NOTIFICATION_SUBSCRIBER_FUNCTIONS } from './notification-subscriber-functions';
import { TOKEN_BROKER_FUNCTIONS } from './token-broker-functions';
import { CATALOG_LISTINGS_FETCHER_FUNCTIONS } from './catalog-listings-fetcher-functions';

export { CATALOG_IDENTIFIER_INPUTS, REFRESH_LISTINGS_CONCURRENCY } from './function-spec-parts';

/**
 * Every Lambda function of the stack: which app's zip, which export, its size, environment and
 * grants, as each app's README asks (apps/<app>/README.md). Several functions share one artifact.
 */
export const FUNCTION_CATALOG: readonly FunctionSpec[] = [
  ...REPORT_CREATOR_FUNCTIONS,
  ...REPORT_RETRIEVER_FUNCTIONS,
  ...NOTIFICATION_SUBSCRIBER_FUNCTIONS,
  ...TOKEN_BROKER_FUNCTIONS,
  ...CATALOG_LISTINGS_FETCHER_FUNCTIONS,
];
