/** The OAuth 2.0 grants the LWA token endpoint accepts for SP-API. */
export const LwaGrantType = {
  RefreshToken: 'refresh_token',
  AuthorizationCode: 'authorization_code',
  ClientCredentials: 'client_credentials',
} as const;

/** One LWA `grant_type` value. */
export type LwaGrantType = (typeof LwaGrantType)[keyof typeof LwaGrantType];
