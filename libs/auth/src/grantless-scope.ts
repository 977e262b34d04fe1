/** Scopes of grantless (`client_credentials`) tokens the broker vends (SPAPI.md 2.4). */
export const GrantlessScope = {
  Notifications: 'sellingpartnerapi::notifications',
  ClientCredentialRotation: 'sellingpartnerapi::client_credential:rotation',
} as const;

/** One grantless scope string. */
export type GrantlessScope = (typeof GrantlessScope)[keyof typeof GrantlessScope];

const SCOPES: readonly string[] = Object.values(GrantlessScope);

/** True when `scope` is a grantless scope the broker vends. */
export function isGrantlessScope(scope: string): scope is GrantlessScope {
  return SCOPES.includes(scope);
}
