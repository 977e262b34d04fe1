import { RESTRICTED_OPERATIONS } from '../server/access-rules';
import { unauthorized } from '../server/authenticate';
import type { CoreServices } from '../server/core-services';
import { type OperationHandlers, errorResponse } from '../server/operation';
import type { RouteMatch } from '../server/router';
import { ACCESS_TOKEN_LIFETIME_S } from '../lwa/token-store';

interface RestrictedDataTokenBody {
  readonly targetApplication?: string;
  readonly restrictedResources: { readonly method: string; readonly path: string }[];
}

const MAX_RESOURCES = 50;

/**
 * Tokens API 2021-03-01: createRestrictedDataToken. Only a selling partner's token may ask, and only
 * for specific paths of restricted operations (a generic `{reportDocumentId}` path is refused).
 */
export function createTokensHandlers(
  services: CoreServices,
  route: (method: string, pathname: string) => RouteMatch,
): OperationHandlers {
  return {
    createRestrictedDataToken: (request, ctx) => {
      if (request.caller.kind !== 'partner') return unauthorized('');
      const body = request.body as RestrictedDataTokenBody;
      if (
        body.restrictedResources.length === 0 ||
        body.restrictedResources.length > MAX_RESOURCES
      ) {
        return errorResponse(
          400,
          'InvalidInput',
          `restrictedResources must hold 1 to ${MAX_RESOURCES} resources`,
        );
      }
      for (const [i, resource] of body.restrictedResources.entries()) {
        if (/[{}]/.test(resource.path)) {
          return errorResponse(
            400,
            'InvalidInput',
            `restrictedResources[${i}].path must name a specific resource, not a path template`,
          );
        }
        const match = route(resource.method, resource.path);
        if (match.kind !== 'found' || !RESTRICTED_OPERATIONS.has(match.operation.operationId)) {
          return errorResponse(
            400,
            'InvalidInput',
            `restrictedResources[${i}].path is not a restricted resource`,
          );
        }
      }
      const token = services.tokens.issueRestrictedDataToken(
        {
          kind: 'restricted',
          clientId: request.caller.clientId,
          sellingPartnerId: request.caller.sellingPartnerId,
          resources: body.restrictedResources.map((r) => ({ method: r.method, path: r.path })),
        },
        ctx.clock.now(),
      );
      return {
        status: 200,
        body: { restrictedDataToken: token, expiresIn: ACCESS_TOKEN_LIFETIME_S },
      };
    },
  };
}
