import type { SpApiErrorDetail } from './errors';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The error list of an SP-API error body, for both flavours: the bare `{"errors": [...]}` of
 * Reports/Catalog/Listings/Tokens/App Management and the `{"payload"?, "errors"?}` wrapper of
 * Notifications/Sellers. Tolerant: anything else (an HTML gateway page, no body) gives `[]`.
 */
export function parseSpApiErrors(body: unknown): SpApiErrorDetail[] {
  if (!isRecord(body) || !Array.isArray(body['errors'])) return [];
  return body['errors'].filter(isRecord).map((entry) => {
    const code = typeof entry['code'] === 'string' ? entry['code'] : 'Unknown';
    const message = typeof entry['message'] === 'string' ? entry['message'] : '';
    const details = entry['details'];
    return typeof details === 'string' && details !== ''
      ? { code, message, details }
      : { code, message };
  });
}

/**
 * True when a 401/403 error list says the access token expired or is invalid (code `Unauthorized`,
 * details like "The access token you provided has expired."), as opposed to a missing role.
 */
export function isExpiredTokenFailure(
  status: number,
  errors: readonly SpApiErrorDetail[],
): boolean {
  if (status !== 401 && status !== 403) return false;
  return errors.some((error) => {
    const text = `${error.message} ${error.details ?? ''}`;
    return /token/i.test(text) && /(expired|invalid)/i.test(text);
  });
}
