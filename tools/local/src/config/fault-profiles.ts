import type { FaultConfig, NotificationFaults } from '@spapi-lake/sp-api-simulator';

/** `--faults` values. */
export const FaultProfileName = { None: 'none', Chaos: 'chaos' } as const;
export type FaultProfileName = (typeof FaultProfileName)[keyof typeof FaultProfileName];

/** What a profile changes in the simulator and in the runner. */
export interface FaultProfile {
  readonly name: FaultProfileName;
  readonly simulator: FaultConfig;
  readonly notifications: NotificationFaults;
  /**
   * Speed of the token broker's clock relative to simulated time (1 = in step). Below 1 its
   * cache keeps access tokens the simulator has expired: calls then meet 403 "expired token".
   */
  readonly brokerClockRate: number;
  /** Simulated time jumped after the first tokens are cached (past their one hour lifetime). */
  readonly tokenExpiryJumpMs: number;
}

/** Every profile by name. */
export const FAULT_PROFILES: Readonly<Record<FaultProfileName, FaultProfile>> = {
  none: {
    name: 'none',
    simulator: {},
    notifications: {},
    brokerClockRate: 1,
    tokenExpiryJumpMs: 0,
  },
  // 30 % 429s on every call, 5xx, connection resets part-way through documents, duplicate and
  // reordered notifications, access tokens the broker still serves after their hour and tokens
  // Amazon revokes early, and the LWA token endpoint throttled and failing.
  chaos: {
    name: 'chaos',
    simulator: {
      ratio429: 0.3,
      ratio500: 0.03,
      ratio503: 0.03,
      // Downloads and token calls are too few per run for ratios to be sure to strike: they
      // fail on a fixed schedule instead (every 8th download reset; a third of token calls).
      resetMidDocumentEvery: 8,
      accessTokenRevocationIntervalMs: 20 * 60_000,
      operations: {
        // The broker's LWA client tries three times; what still fails reaches the workflows as
        // TokenBrokerUnavailableError, which their Retry names.
        lwaToken: { cycle: ['ok', 'ok', 429, 'ok', 'ok', 503, 'ok', 'ok', 429, 'ok', 'ok', 500] },
        // The pre-signed document URL is S3, not SP-API: its 429 share would be 30 % of
        // `503 SlowDown` on every download. It keeps the 5xx and the resets.
        downloadDocument: { ratio429: 0 },
      },
    },
    notifications: { duplicateRatio: 0.3, reorder: true, reorderWindow: 3, reorderHoldMs: 5_000 },
    brokerClockRate: 0.5,
    tokenExpiryJumpMs: 61 * 60_000,
  },
};

/** The profile named `name`; throws listing the known ones. */
export function faultProfile(name: string): FaultProfile {
  const profile = Object.values(FAULT_PROFILES).find((candidate) => candidate.name === name);
  if (profile === undefined) {
    throw new Error(
      `unknown fault profile "${name}": use ${Object.keys(FAULT_PROFILES).join(' or ')}`,
    );
  }
  return profile;
}
