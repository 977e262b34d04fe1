/** Scopes of the `client_credentials` grant, for SP-API operations that need no seller authorisation. */
export const GrantlessScope = {
  Notifications: 'sellingpartnerapi::notifications',
  ClientCredentialRotation: 'sellingpartnerapi::client_credential:rotation',
} as const;

/** One grantless scope string. */
export type GrantlessScope = (typeof GrantlessScope)[keyof typeof GrantlessScope];
