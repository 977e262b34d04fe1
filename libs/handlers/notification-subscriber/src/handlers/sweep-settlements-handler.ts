import { z } from 'zod';
import { SettlementSweepIncompleteError } from '../errors';
import type { HandlerLogger } from '../handler-logger';
import {
  type SweepAmazonGeneratedReportsDeps,
  type SweepSummary,
  type SweptReportAction,
  sweepAmazonGeneratedReports,
} from '../use-cases/sweep-amazon-generated-reports';
import { errorAttributes } from './error-attributes';

/** Dependencies of the settlement sweep handler. */
export interface SweepSettlementsDeps extends SweepAmazonGeneratedReportsDeps {
  readonly logger: HandlerLogger;
}

/** What the handler answers: the sweep's instant and reports per action. */
export interface SweepSettlementsResult {
  readonly createdSince: string;
  readonly accounts: number;
  readonly pages: number;
  readonly reports: Readonly<Record<SweptReportAction, number>>;
}

/** Invoked by the daily schedule with `{ scheduledTime }` (any other event sweeps as of now). */
export type SweepSettlementsHandler = (
  event?: unknown,
  context?: { getRemainingTimeInMillis(): number },
) => Promise<SweepSettlementsResult>;

const eventSchema = z.looseObject({
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
});

/**
 * Sweeps getReports for Amazon-generated reports (settlements) that have not landed and starts
 * their retrieval. An account that failed is logged and, after every other account was swept,
 * fails the invocation with SettlementSweepIncompleteError.
 */
export function createSweepSettlementsHandler(deps: SweepSettlementsDeps): SweepSettlementsHandler {
  return async (event, context) => {
    const parsed = eventSchema.safeParse(event ?? {});
    const scheduledTime = parsed.success ? parsed.data.scheduledTime : undefined;
    const summary = await sweepAmazonGeneratedReports(deps, {
      ...(scheduledTime === undefined ? {} : { asOf: scheduledTime }),
      ...(context === undefined ? {} : { timeLeftMs: () => context.getRemainingTimeInMillis() }),
    }).catch((error: unknown) => {
      deps.logger.error('settlement sweep failed', errorAttributes(error));
      throw error;
    });
    const result = resultOf(summary);
    deps.logger.info('settlement sweep finished', {
      createdSince: result.createdSince,
      accounts: result.accounts,
      pages: result.pages,
      failures: summary.failures.length,
      ...result.reports,
    });
    for (const report of summary.reports.filter((r) => r.action === 'exhausted')) {
      deps.logger.warn('settlement retrieval attempts exhausted', { ...report });
    }
    for (const account of summary.deferredAccounts) {
      deps.logger.warn('settlement sweep ran out of time before an account', { ...account });
    }
    if (summary.failures.length === 0) return result;
    for (const { message, ...failure } of summary.failures) {
      // Under a name of its own: `message` is the logger's own key.
      deps.logger.error('settlement sweep of an account failed', {
        ...failure,
        reason: message,
      });
    }
    throw new SettlementSweepIncompleteError(
      summary.failures.map((f) => `${f.sellingPartnerId}@${f.region} (${f.errorName})`),
    );
  };
}

function resultOf(summary: SweepSummary): SweepSettlementsResult {
  const reports: Record<SweptReportAction, number> = {
    landed: 0,
    started: 0,
    running: 0,
    succeeded: 0,
    retried: 0,
    exhausted: 0,
    'no-document': 0,
    deferred: 0,
  };
  for (const report of summary.reports) reports[report.action] += 1;
  return {
    createdSince: summary.createdSince,
    accounts: summary.accounts,
    pages: summary.pages,
    reports,
  };
}
