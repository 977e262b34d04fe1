/** The application's LWA client id and secret. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The client credentials as stored: when the secret was issued (epoch ms) and, once known from a
 * rotation notification, when it and its predecessor expire.
 */
export interface StoredClientCredentials extends ClientCredentials {
  readonly issuedAt: number;
  readonly expiresAt?: number;
  readonly previousSecretExpiresAt?: number;
}

/** The current client credentials, with the secret store's id of their version. */
export interface CurrentClientCredentials extends StoredClientCredentials {
  readonly versionId: string;
}
