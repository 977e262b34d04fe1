import type { Caller, OperationRequest } from '../server/operation';
import { GRANTLESS_SCOPES, type World } from '../world/world';

/** An OperationRequest as the server would hand it to a handler (for direct handler calls). */
export function operationRequest(
  operationId: string,
  caller: Caller,
  parts: {
    pathParams?: Record<string, string>;
    query?: Record<string, string | number | readonly string[]>;
    body?: unknown;
  } = {},
): OperationRequest {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parts.query ?? {})) {
    query.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return { operationId, caller, pathParams: parts.pathParams ?? {}, query, body: parts.body };
}

function firstClientId(world: World): string {
  const [clientId] = world.clients.keys();
  if (clientId === undefined) throw new RangeError('the world has no LWA client');
  return clientId;
}

/** The caller of a selling partner's access token (first LWA client of the world). */
export function partnerCaller(world: World, sellingPartnerId: string): Caller {
  return { kind: 'partner', clientId: firstClientId(world), sellingPartnerId };
}

/** The caller of a grantless token (notifications scope unless told otherwise). */
export function grantlessCaller(
  world: World,
  scope: string = GRANTLESS_SCOPES.notifications,
): Caller {
  return { kind: 'grantless', clientId: firstClientId(world), scope };
}
