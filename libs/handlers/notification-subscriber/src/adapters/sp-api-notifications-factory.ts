import type { Clock } from '@spapi-lake/core';
import type { Region } from '@spapi-lake/config';
import {
  type NotificationsApi,
  type RateLimiterRegistry,
  type TokenProvider,
  type UserAgentOptions,
  createSpApiClientCache,
} from '@spapi-lake/sp-api';
import type { NotificationsApiTarget } from '../use-cases/ensure-subscriptions';

/** Options of {@link spApiNotificationsFactory}. */
export interface SpApiNotificationsFactoryOptions {
  /** SP-API base URL of a region (Amazon's, or the simulator's / sandbox overrides). */
  readonly baseUrlFor: (region: Region) => string;
  /** Token provider of a target: grantless-capable for `{ region }`, the partner's otherwise. */
  readonly tokenProviderFor: (target: NotificationsApiTarget) => TokenProvider;
  /** The process-wide registry, so every client paces together. */
  readonly limiters: RateLimiterRegistry;
  readonly userAgent: UserAgentOptions;
  /** Rate-limit key of the application (e.g. the LWA client id). */
  readonly applicationId?: string;
  readonly clock?: Clock;
}

/** Notifications API clients per (region, partner), built once and reused. */
export function spApiNotificationsFactory(
  options: SpApiNotificationsFactoryOptions,
): (target: NotificationsApiTarget) => NotificationsApi {
  const { baseUrlFor, ...settings } = options;
  const clients = createSpApiClientCache(settings);
  return (target) => clients(target, baseUrlFor(target.region)).notifications;
}
