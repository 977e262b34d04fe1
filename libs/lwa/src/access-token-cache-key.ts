import { createHash } from 'node:crypto';
import type { GrantlessScope } from './grantless-scope';

/** Whose token a cache entry is: a selling partner's refresh token, or a grantless scope. */
export type AccessTokenCacheKey =
  | { readonly clientId: string; readonly refreshToken: string }
  | { readonly clientId: string; readonly scope: GrantlessScope };

/** The map key of `key`; the refresh token enters only as its SHA-256, never raw. */
export function accessTokenCacheKeyId(key: AccessTokenCacheKey): string {
  const subject =
    'refreshToken' in key
      ? `partner:${createHash('sha256').update(key.refreshToken).digest('hex')}`
      : `grantless:${key.scope}`;
  return `${key.clientId}|${subject}`;
}
