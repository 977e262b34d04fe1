import type { FaultConfig, OperationFaults } from './fault-config';

/** An error status the injector can answer a call with. */
export type InjectedStatus = 429 | 500 | 503;

/** What the injector decided for one call. */
export interface CallFault {
  readonly latencyMs: number;
  readonly status?: InjectedStatus;
}

/** Every fault that reached a client so far (counted as answered, not as drawn). */
export interface InjectedFaults {
  /** Injected error statuses by operation id, `lwaToken` and `downloadDocument` included. */
  readonly statuses: Readonly<Record<string, Readonly<Partial<Record<InjectedStatus, number>>>>>;
  /** Document downloads whose connection was reset part-way through the body. */
  readonly connectionResets: number;
  /** GZIP document downloads cut short. */
  readonly truncatedDocuments: number;
  /** SP-API calls refused because the revocation fault had revoked their access token. */
  readonly revokedAccessTokens: number;
  /** SP-API calls refused because their access token's hour was over (no fault needed). */
  readonly expiredAccessTokens: number;
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
  /** What was injected so far (kept across `set` and `clear`). */
  injected(): InjectedFaults;
}

/** Decides faults deterministically from a seeded random stream. */
export interface FaultInjector extends FaultControls {
  forCall(operationId: string): CallFault;
  /** For a document download: reset the connection, truncate the gzip stream, or nothing. */
  forDocument(gzip: boolean): 'reset' | 'truncate' | undefined;
  isStuck(reportType: string): boolean;
  urlsExpired(): boolean;
  isRevoked(refreshToken: string, sellingPartnerId: string): boolean;
  /** Whether the revocation fault has revoked an access token issued at `issuedAt` by `now`. */
  isAccessTokenRevoked(issuedAt: number, now: number): boolean;
  /** Counts a fault as it is answered. */
  record(fault: AnsweredFault): void;
}

/** A fault as it reaches the client. */
export type AnsweredFault =
  | { readonly kind: 'status'; readonly operationId: string; readonly status: InjectedStatus }
  | {
      readonly kind:
        'connectionReset' | 'truncatedDocument' | 'revokedAccessToken' | 'expiredAccessToken';
    };

/** Creates the injector; `random` must be seeded so runs repeat. */
export function createFaultInjector(
  random: () => number,
  initial: FaultConfig = {},
): FaultInjector {
  let config: FaultConfig = initial;
  const statuses: Record<string, Partial<Record<InjectedStatus, number>>> = {};
  // Calls per operation and document bodies served, for `cycle` and `resetMidDocumentEvery`.
  const calls = new Map<string, number>();
  let documents = 0;
  const tallies = {
    connectionResets: 0,
    truncatedDocuments: 0,
    revokedAccessTokens: 0,
    expiredAccessTokens: 0,
  };
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
    injected: () => ({
      statuses: Object.fromEntries(
        Object.entries(statuses).map(([operationId, counts]) => [operationId, { ...counts }]),
      ),
      ...tallies,
    }),
    record(fault) {
      if (fault.kind === 'status') {
        const counts = (statuses[fault.operationId] ??= {});
        counts[fault.status] = (counts[fault.status] ?? 0) + 1;
        return;
      }
      tallies[`${fault.kind}s`] += 1;
    },
    forCall(operationId) {
      const faults: OperationFaults = { ...config, ...config.operations?.[operationId] };
      const latencyMs = faults.latencyMs ?? 0;
      if (faults.cycle !== undefined && faults.cycle.length > 0) {
        const call = calls.get(operationId) ?? 0;
        calls.set(operationId, call + 1);
        const answer = faults.cycle[call % faults.cycle.length];
        return answer === undefined || answer === 'ok'
          ? { latencyMs }
          : { latencyMs, status: answer };
      }
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
      documents += 1;
      const every = config.resetMidDocumentEvery;
      if (every !== undefined && every > 0 && documents % every === 0) return 'reset';
      if (hit(config.resetMidDocumentRatio)) return 'reset';
      if (gzip && hit(config.truncatedGzipRatio)) return 'truncate';
      return undefined;
    },
    isStuck(reportType) {
      const stuck = config.stuckInProgress;
      return stuck === true || (Array.isArray(stuck) && stuck.includes(reportType));
    },
    urlsExpired: () => config.expiredDocumentUrls === true,
    isAccessTokenRevoked(issuedAt, now) {
      const interval = config.accessTokenRevocationIntervalMs;
      if (interval === undefined || interval <= 0) return false;
      return issuedAt < Math.floor(now / interval) * interval;
    },
    isRevoked: (refreshToken, sellingPartnerId) =>
      (config.revokedRefreshTokens ?? []).some(
        (entry) => entry === refreshToken || entry === sellingPartnerId,
      ),
  };
}
