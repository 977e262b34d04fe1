import type { FaultConfig, OperationFaults } from './fault-config';

/** What the injector decided for one call. */
export interface CallFault {
  readonly latencyMs: number;
  readonly status?: 429 | 500 | 503;
}

/** The scripting surface exposed on the control handle as `handle.faults`. */
export interface FaultControls {
  /** Replaces the whole fault configuration. */
  set(config: FaultConfig): void;
  /** Merges into the current configuration (operation entries are merged per operation). */
  update(config: FaultConfig): void;
  /** Removes every fault. */
  clear(): void;
  /** The configuration in force. */
  get(): FaultConfig;
}

/** Decides faults deterministically from a seeded random stream. */
export interface FaultInjector extends FaultControls {
  forCall(operationId: string): CallFault;
  /** For a document download: reset the connection, truncate the gzip stream, or nothing. */
  forDocument(gzip: boolean): 'reset' | 'truncate' | undefined;
  isStuck(reportType: string): boolean;
  urlsExpired(): boolean;
  isRevoked(refreshToken: string, sellingPartnerId: string): boolean;
}

/** Creates the injector; `random` must be seeded so runs repeat. */
export function createFaultInjector(
  random: () => number,
  initial: FaultConfig = {},
): FaultInjector {
  let config: FaultConfig = initial;
  const hit = (ratio: number | undefined): boolean =>
    ratio !== undefined && ratio > 0 && random() < ratio;
  return {
    set: (next) => {
      config = next;
    },
    update: (next) => {
      const operations = { ...config.operations };
      for (const [id, faults] of Object.entries(next.operations ?? {})) {
        operations[id] = { ...operations[id], ...faults };
      }
      config = { ...config, ...next, operations };
    },
    clear: () => {
      config = {};
    },
    get: () => config,
    forCall(operationId) {
      const faults: OperationFaults = { ...config, ...config.operations?.[operationId] };
      const latencyMs = faults.latencyMs ?? 0;
      const r429 = faults.ratio429 ?? 0;
      const r500 = faults.ratio500 ?? 0;
      const r503 = faults.ratio503 ?? 0;
      if (r429 + r500 + r503 <= 0) return { latencyMs };
      // One draw per call keeps the sequence of decisions stable for a given seed.
      const draw = random();
      if (draw < r429) return { latencyMs, status: 429 };
      if (draw < r429 + r500) return { latencyMs, status: 500 };
      if (draw < r429 + r500 + r503) return { latencyMs, status: 503 };
      return { latencyMs };
    },
    forDocument(gzip) {
      if (hit(config.resetMidDocumentRatio)) return 'reset';
      if (gzip && hit(config.truncatedGzipRatio)) return 'truncate';
      return undefined;
    },
    isStuck(reportType) {
      const stuck = config.stuckInProgress;
      return stuck === true || (Array.isArray(stuck) && stuck.includes(reportType));
    },
    urlsExpired: () => config.expiredDocumentUrls === true,
    isRevoked: (refreshToken, sellingPartnerId) =>
      (config.revokedRefreshTokens ?? []).some(
        (entry) => entry === refreshToken || entry === sellingPartnerId,
      ),
  };
}
