import { z } from 'zod';
import {
  LwaInvalidClientError,
  LwaInvalidGrantError,
  LwaInvalidScopeError,
  type LwaError,
  LwaRequestError,
  LwaUnavailableError,
} from './errors';
import type { LwaGrantType } from './lwa-grant-type';
import { parseJsonQuietly } from './parse-json-quietly';
import { redactSecrets } from './redact-secrets';

const MAX_DESCRIPTION_LENGTH = 300;

const lwaErrorBodySchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional(),
});

/** A non-2xx answer of the token endpoint, with the credentials that were sent (to redact them). */
export interface LwaErrorResponse {
  readonly grantType: LwaGrantType;
  readonly status: number;
  readonly body: string;
  readonly secrets: readonly string[];
}

/**
 * Maps a failed token request to a typed error. Branches on the `error` code of the body first
 * (SP-API documents no status codes for LWA), and on the status only when there is no known code.
 */
export function lwaErrorFromResponse(response: LwaErrorResponse): LwaError {
  const { grantType, status } = response;
  const body = lwaErrorBodySchema.safeParse(parseJsonQuietly(response.body));
  const code = body.success ? body.data.error : undefined;
  const rawDescription = body.success ? body.data.error_description : undefined;
  const description =
    rawDescription === undefined
      ? undefined
      : redactSecrets(rawDescription, response.secrets).slice(0, MAX_DESCRIPTION_LENGTH);
  const details = { grantType, status, code, description };
  const message = (explanation: string) =>
    `LWA ${grantType} grant failed (${code ?? 'no error code'}, HTTP ${status}): ${explanation}` +
    (description === undefined ? '' : `. LWA says: ${description}`);

  switch (code) {
    case 'invalid_grant':
      return new LwaInvalidGrantError(
        message(
          'the refresh token or authorization code is revoked, expired, already used or issued to another client; the selling partner must re-authorize',
        ),
        details,
      );
    case 'invalid_client':
      return new LwaInvalidClientError(
        message('client authentication failed; the client secret may have expired or been rotated'),
        details,
      );
    case 'invalid_scope':
      return new LwaInvalidScopeError(message('the application may not use this scope'), details);
    case 'server_error':
    case 'temporarily_unavailable':
      return new LwaUnavailableError(message('LWA is unavailable, try again later'), details);
  }
  if (status >= 500 || status === 429) {
    return new LwaUnavailableError(message('LWA is unavailable, try again later'), details);
  }
  return new LwaRequestError(message('LWA refused the request'), details);
}
