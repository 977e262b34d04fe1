import type { FaultInjector } from '../faults/fault-injector';
import type { TokenStore } from '../lwa/token-store';
import { GRANTLESS_OPERATIONS } from './access-rules';
import { type Caller, type OperationResponse, errorResponse } from './operation';

const DENIED = 'Access to requested resource is denied.';

/** A 403 `Unauthorized` answer with SP-API's wording. */
export function unauthorized(details: string): OperationResponse {
  return errorResponse(403, 'Unauthorized', DENIED, details);
}

/**
 * Resolves `x-amz-access-token` to a caller and checks it may call `operationId` on `method path`:
 * grantless operations need a grantless token of their scope, the others a partner token or an RDT
 * naming this exact path. With `faults`, access tokens the revocation fault revoked are refused,
 * and every refusal of an expired or revoked token is counted there.
 */
export function authenticate(input: {
  readonly token: string | undefined;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly now: number;
  readonly store: TokenStore;
  readonly faults?: Pick<FaultInjector, 'isAccessTokenRevoked' | 'record'>;
}): Caller | OperationResponse {
  if (input.token === undefined || input.token === '') {
    return unauthorized('Access token is missing in the request header.');
  }
  const issued = input.store.lookup(input.token);
  if (issued === undefined) {
    return unauthorized('The access token you provided is revoked, malformed or invalid.');
  }
  if (input.now >= issued.expiresAt) {
    input.faults?.record({ kind: 'expiredAccessToken' });
    return unauthorized('The access token you provided has expired.');
  }
  if (issued.kind === 'access' && input.faults?.isAccessTokenRevoked(issued.issuedAt, input.now)) {
    input.faults.record({ kind: 'revokedAccessToken' });
    return unauthorized('The access token you provided is revoked, malformed or invalid.');
  }
  const caller = issued.caller;
  const scope = GRANTLESS_OPERATIONS[input.operationId];
  if (scope !== undefined) {
    return caller.kind === 'grantless' && caller.scope === scope ? caller : unauthorized('');
  }
  switch (caller.kind) {
    case 'partner':
      return caller;
    case 'grantless':
      return unauthorized('');
    default:
      return caller.resources.some(
        (r) => r.method.toUpperCase() === input.method.toUpperCase() && r.path === input.path,
      )
        ? caller
        : unauthorized('');
  }
}

/** Rate-limit bucket owner: the selling partner, or the application for grantless calls. */
export function bucketOwner(caller: Caller): string {
  return caller.kind === 'grantless' ? `application:${caller.clientId}` : caller.sellingPartnerId;
}
