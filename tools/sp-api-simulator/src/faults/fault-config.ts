/** Faults of one operation (or of every operation when set at the top level). */
export interface OperationFaults {
  /** Share of calls answered 429 QuotaExceeded even though the bucket has tokens. */
  readonly ratio429?: number;
  /** Share of calls answered 500 InternalFailure. */
  readonly ratio500?: number;
  /** Share of calls answered 503 ServiceUnavailable. */
  readonly ratio503?: number;
  /** Wall-clock latency added before answering. */
  readonly latencyMs?: number;
  /**
   * A repeating cycle of answers used instead of the ratios: the n-th call of the operation gets
   * entry n modulo the length (`ok`: no fault). The faults then happen at the same calls whatever
   * the timing, evenly spread, for operations called too rarely for ratios to be sure to strike.
   */
  readonly cycle?: readonly ('ok' | 429 | 500 | 503)[];
}

/**
 * Everything that can go wrong, scriptable from tests via `handle.faults.set(...)`. Top-level
 * operation faults apply to every operation; `operations[operationId]` overrides them key by key.
 * Pseudo operations: `lwaToken` (token endpoint) and `downloadDocument` (document URLs).
 */
export interface FaultConfig extends OperationFaults {
  readonly operations?: Readonly<Record<string, OperationFaults>>;
  /** Share of document downloads whose connection is reset part-way through the body. */
  readonly resetMidDocumentRatio?: number;
  /** Every n-th document download (n, 2n, ...) is reset part-way: the deterministic variant. */
  readonly resetMidDocumentEvery?: number;
  /** Share of GZIP document downloads whose gzip stream is cut short (the response ends cleanly). */
  readonly truncatedGzipRatio?: number;
  /** Reports stay IN_PROGRESS while set: true for every report type, or the listed report types. */
  readonly stuckInProgress?: boolean | readonly string[];
  /** getReportDocument issues URLs that have already expired. */
  readonly expiredDocumentUrls?: boolean;
  /** Refresh tokens (or selling partner ids, meaning all their tokens) answered with invalid_grant. */
  readonly revokedRefreshTokens?: readonly string[];
  /**
   * Amazon invalidating access tokens before their hour is over: at every multiple of this many
   * simulated milliseconds, the access tokens issued before it are revoked (SP-API answers 403
   * "revoked, malformed or invalid") and clients must fetch new ones. RDTs are left alone.
   */
  readonly accessTokenRevocationIntervalMs?: number;
}

/** Pseudo operation id of the LWA token endpoint, for `operations` faults. */
export const LWA_TOKEN_OPERATION = 'lwaToken';
/** Pseudo operation id of report document downloads, for `operations` faults. */
export const DOWNLOAD_DOCUMENT_OPERATION = 'downloadDocument';
