import type { Logger } from '@aws-lambda-powertools/logger';

/** The logging the handlers do: one entry per outcome, an error once, at the handler. */
export type HandlerLogger = Pick<Logger, 'info' | 'warn' | 'error'>;
