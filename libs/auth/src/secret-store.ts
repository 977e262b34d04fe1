import type { ClientCredentials, CurrentClientCredentials } from './client-credentials';
import type { PartnerKey } from './partner-key';

/** A partner's refresh token and when the partner authorized the application (epoch ms). */
export interface StoredRefreshToken {
  readonly refreshToken: string;
  readonly authorizedAt: number;
}

/** A new client secret to stage, with the expiry times its notification announced. */
export interface PendingClientSecret extends ClientCredentials {
  readonly issuedAt: number;
  readonly expiresAt?: number;
  readonly previousSecretExpiresAt?: number;
}

/**
 * Port: the secrets only the broker may read. Refresh tokens are kept per (partner, region); the
 * client credentials are versioned: a new secret is staged, proven, then promoted to current while
 * the previous version is kept.
 */
export interface SecretStore {
  /** The partner's refresh token, or undefined when none is stored. */
  getRefreshToken(partner: PartnerKey): Promise<StoredRefreshToken | undefined>;
  /** Stores (or replaces) the partner's refresh token; returns the reference to put in the account list. */
  putRefreshToken(partner: PartnerKey, token: StoredRefreshToken): Promise<string>;
  /** The current client credentials and their version. */
  getClientCredentials(): Promise<CurrentClientCredentials>;
  /**
   * Stores `secret` as a new, not yet current version; `idempotencyKey` makes a repeated call with
   * the same key and secret a no-op. Returns the version id.
   */
  stageClientSecret(secret: PendingClientSecret, idempotencyKey: string): Promise<string>;
  /**
   * Makes the staged version current, only while `replacing` is still the current version (else
   * ClientSecretPromotionConflictError, and nothing changes); the version it replaces stays as the
   * previous one. A version already current is left as it is.
   */
  promoteClientSecret(versionId: string, replacing: string): Promise<void>;
  /** The key that signs authorization states (at least 32 characters). */
  getStateSigningKey(): Promise<string>;
}
