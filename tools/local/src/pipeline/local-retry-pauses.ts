import { setTimeout as realPause } from 'node:timers/promises';
import type { Clock } from '@spapi-lake/core';
import { type Retrier, TransientErrorName } from '@spapi-lake/workflows';
import {
  type DefinitionShape,
  type StateShape,
  type TaskHandler,
  allStates,
} from '../engine/local-state-machine';

/** Real time a retry waits locally when another retrieval of the report holds its lease. */
export const LOCAL_LEASE_RETRY_PAUSE_MS = 2_000;

export interface LocalRetryPauseOptions {
  readonly clock: Clock;
  readonly simulatedTime: boolean;
  /** The real pause before a lease retry (default {@link LOCAL_LEASE_RETRY_PAUSE_MS}). */
  readonly pauseForLease?: () => Promise<void>;
}

/**
 * Retry pauses take no wall time locally (retryIntervalOverrides 0). In a simulated run the
 * matching retrier's first interval passes in simulated time before the error reaches the
 * interpreter, so quotas refill and outages end as they would between two real attempts. A report
 * whose lease another retrieval holds is the exception: that retrieval runs in this very process,
 * and the lease counts real time, so the retry waits for real, or its few tries would all be spent
 * in a moment while the holder is still at work. Eight retries, each after 2 s, give the holder
 * 16 s, ample for the simulator's documents (the last failure pauses too: the wrapper does not
 * count tries); one that takes longer (`--real`, a big document) fails the window,
 * which the lane tries again on its next run.
 */
export function withLocalRetryPauses(
  definition: DefinitionShape,
  handlers: Record<string, TaskHandler>,
  options: LocalRetryPauseOptions,
): Record<string, TaskHandler> {
  const states = new Map<string, StateShape>(allStates(definition));
  const pauseForLease =
    options.pauseForLease ?? (() => realPause(LOCAL_LEASE_RETRY_PAUSE_MS).then(() => undefined));
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      async (input: unknown) => {
        try {
          return await handler(input);
        } catch (error) {
          const retrier = matchingRetrier(states.get(name)?.Retry ?? [], error);
          if (retrier !== undefined && options.simulatedTime) {
            await options.clock.sleep((retrier.IntervalSeconds ?? 1) * 1000);
          }
          if (retrier?.ErrorEquals.includes(TransientErrorName.ReportRetrievalInProgress)) {
            await pauseForLease();
          }
          throw error;
        }
      },
    ]),
  );
}

function matchingRetrier(retriers: readonly Retrier[], error: unknown): Retrier | undefined {
  const name = error instanceof Error ? error.name : '';
  return retriers.find(
    (retrier) => retrier.ErrorEquals.includes(name) || retrier.ErrorEquals.includes('States.ALL'),
  );
}
