import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '@spapi-lake/core';

/** The simulator's clock as its control handle exposes it. */
export interface SimulatorClock {
  now(): number;
  advance(ms: number): void;
}

/**
 * The pipeline's Clock in a simulated run: `now` is the simulator's time and `sleep` moves it
 * forward instead of waiting, so rate-limit pauses and retry backoffs cost no wall time while the
 * simulator's token buckets and report lifecycles see the time pass.
 */
export function simulatedClock(clock: SimulatorClock): Clock {
  return {
    now: () => clock.now(),
    sleep: async (ms) => {
      if (ms > 0) clock.advance(ms);
      await nextTurn();
    },
  };
}

/**
 * A clock that runs at `rate` times the speed of `base` from the moment it is made. The chaos
 * profile gives it to the token broker (rate 0.5): its cache then hands out access tokens the
 * simulator has already expired, and calls meet 403 "access token expired" as they do in
 * production after clock skew or a cache bug, which the SP-API client must survive by refreshing.
 */
export function slowedClock(base: Clock, rate: number): Clock {
  const origin = base.now();
  return {
    now: () => origin + Math.floor((base.now() - origin) * rate),
    sleep: (ms) => base.sleep(ms),
  };
}
