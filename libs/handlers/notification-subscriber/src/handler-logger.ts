import type { Logger } from '@aws-lambda-powertools/logger';

/** The logging the handlers do (a Powertools Logger from `@spapi-lake/observability` fits). */
export type HandlerLogger = Pick<Logger, 'info' | 'warn' | 'error'>;
