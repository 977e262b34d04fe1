import type { SimulatedClock } from './simulated-clock';
import type { World } from '../world/world';
import type { NotificationBus } from '../notifications/notification-bus';

/**
 * Everything an operation handler may touch. Handlers keep their own state in `world`
 * (reports, destinations, subscriptions, listings...) so the control handle can read ground truth.
 */
export interface SimulatorContext {
  readonly clock: SimulatedClock;
  readonly world: World;
  /** Delivers notifications to the configured sink (in-process queue or HTTP hook), with fault options. */
  readonly notifications: NotificationBus;
  /** Base URL of this simulator (for document URLs and consent redirects). */
  readonly baseUrl: string;
  /** Deterministic random numbers derived from the seed. */
  readonly random: () => number;
  /** A new opaque identifier with the given prefix: reproducible for a seed and start time. */
  readonly newId: (prefix: string) => string;
}
