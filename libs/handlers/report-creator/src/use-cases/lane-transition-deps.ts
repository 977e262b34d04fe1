import type { Clock } from '@spapi-lake/core';
import type { LaneStateStore } from '../lane-state-store';

/** What the lane Lambdas (claim, complete, record failure) run on. */
export interface LaneTransitionDeps {
  readonly lanes: LaneStateStore;
  readonly clock: Clock;
  /** How long a claim blocks other runs; default the workflows' DEFAULT_CLAIM_TTL_MS. */
  readonly claimTtlMs?: number;
}
