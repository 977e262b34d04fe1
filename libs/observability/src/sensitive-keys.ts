/** Keys whose values are credentials, compared lowercase with `-`, `_` and `.` removed. */
const SENSITIVE_KEYS = new Set([
  'accesstoken',
  'refreshtoken',
  'clientsecret',
  'newclientsecret',
  'oldclientsecret',
  'xamzaccesstoken',
  'xamzsecuritytoken',
  'xamzsignature',
  'authorization',
  'proxyauthorization',
  'restricteddatatoken',
  'spapioauthcode',
  'oauthcode',
  'authcode',
  'authorizationcode',
  'mwsauthtoken',
  'password',
  'passwd',
  'secret',
  'token',
  'cookie',
  'setcookie',
  'apikey',
  'xapikey',
  'privatekey',
  'secretaccesskey',
  'sessiontoken',
]);

const SENSITIVE_SUFFIXES = ['token', 'secret', 'password', 'signature'];

// Pagination cursors end in "token" but grant nothing, and paging bugs need them in the logs.
const PAGINATION_CURSORS = new Set([
  'nexttoken',
  'pagetoken',
  'paginationtoken',
  'continuationtoken',
  'nextcontinuationtoken',
]);

/** Where a key was found: `code` is an OAuth authorisation code only next to grant_type/redirect_uri. */
export interface KeyContext {
  readonly authCodeContext?: boolean;
}

/** `access_token`, `X-Amz-Access-Token` and `accessToken` all become `accesstoken`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_.\s]/g, '');
}

/** True when the value under `key` must never be logged. */
export function isSensitiveKey(key: string, context: KeyContext = {}): boolean {
  const normalized = normalizeKey(key);
  if (PAGINATION_CURSORS.has(normalized)) return false;
  if (SENSITIVE_KEYS.has(normalized)) return true;
  if (SENSITIVE_SUFFIXES.some((suffix) => normalized.endsWith(suffix))) return true;
  // A bare `code` is usually an error code (SP-API `{code, message}`): only redact the OAuth one.
  return normalized === 'code' && context.authCodeContext === true;
}

/** True when an object's keys show an OAuth token request or callback, whose `code` is a grant. */
export function hasAuthCodeContext(keys: Iterable<string>): boolean {
  for (const key of keys) {
    const normalized = normalizeKey(key);
    if (normalized === 'granttype' || normalized === 'redirecturi') return true;
  }
  return false;
}
