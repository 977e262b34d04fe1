import type { Rng } from '../random';
import { round4 } from './analytics-window';

/** Search events (impressions, clicks, cart adds, purchases) shown with each delivery promise. */
export interface ShippingCounts {
  readonly sameDay: number;
  readonly oneDay: number;
  readonly twoDay: number;
}

/** Shares of search events with same-day, one-day and two-day delivery messages (sum < 0.9). */
export function shippingShares(rng: Rng): ShippingCounts {
  return {
    sameDay: 0.12 * rng.next(),
    oneDay: 0.1 + 0.25 * rng.next(),
    twoDay: 0.15 + 0.25 * rng.next(),
  };
}

/**
 * The delivery-message split of `count` events: about `shares` of them (never more in total than
 * `count`), and no more in any class than the earlier funnel stage `cap` had (a click needs an
 * impression).
 */
export function shippingCounts(
  rng: Rng,
  count: number,
  shares: ShippingCounts,
  cap?: ShippingCounts,
): ShippingCounts {
  const part = (share: number, limit: number | undefined): number => {
    const value = Math.floor(count * share * (0.9 + 0.2 * rng.next()));
    return limit === undefined ? value : Math.min(value, limit);
  };
  return {
    sameDay: part(shares.sameDay, cap?.sameDay),
    oneDay: part(shares.oneDay, cap?.oneDay),
    twoDay: part(shares.twoDay, cap?.twoDay),
  };
}

/** `part / whole` rounded to four decimals; 0 when there is no whole. */
export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : round4(part / whole);
}
