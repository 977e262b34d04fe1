import { SubscriptionSetupIncompleteError } from '../errors';
import type { HandlerLogger } from '../handler-logger';
import { errorAttributes } from './error-attributes';
import {
  type EnsureSubscriptionsDeps,
  type SetupSummary,
  ensureSubscriptions,
} from '../use-cases/ensure-subscriptions';

/** Dependencies of the setup handler. */
export interface SetupSubscriptionsDeps extends EnsureSubscriptionsDeps {
  readonly logger: HandlerLogger;
}

/** Invoked on deploy and on a schedule; the event is ignored. */
export type SetupSubscriptionsHandler = (event?: unknown) => Promise<SetupSummary>;

/**
 * Ensures destinations and subscriptions (idempotent) and returns the summary. Any failed step is
 * logged and the invocation fails with SubscriptionSetupIncompleteError after every other step
 * ran, so a deploy or schedule never half-configures silently.
 */
export function createSetupSubscriptionsHandler(
  deps: SetupSubscriptionsDeps,
): SetupSubscriptionsHandler {
  return async () => {
    const summary = await ensureSubscriptions(deps).catch((error: unknown) => {
      deps.logger.error('subscription setup failed', errorAttributes(error));
      throw error;
    });
    const count = (action: string) =>
      [...summary.destinations, ...summary.subscriptions].filter((s) => s.action === action).length;
    deps.logger.info('subscription setup finished', {
      destinations: summary.destinations.length,
      subscriptions: summary.subscriptions.length,
      created: count('created'),
      replaced: count('replaced'),
      failures: summary.failures.length,
    });
    if (summary.failures.length === 0) return summary;
    for (const { message, ...failure } of summary.failures) {
      // Under a name of its own: `message` is the logger's own key.
      deps.logger.error('subscription setup step failed', { ...failure, reason: message });
    }
    throw new SubscriptionSetupIncompleteError(
      summary.failures.map((f) => `${f.sellingPartnerId ?? f.region} ${f.step} (${f.errorName})`),
    );
  };
}
