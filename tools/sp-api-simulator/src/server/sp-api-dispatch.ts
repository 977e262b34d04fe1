import type { FaultInjector } from '../faults/fault-injector';
import type { TokenStore } from '../lwa/token-store';
import { authenticate, bucketOwner } from './authenticate';
import type { SimulatorContext } from './context';
import type { ModelOperation } from './model-registry';
import { type OperationHandlers, type OperationResponse, errorResponse } from './operation';
import { validateParameters } from './parameter-validator';
import { type RateLimiter, formatRate } from './rate-limiter';
import type { RouteMatch } from './router';
import type { SchemaValidators } from './swagger-schema';

/** One SP-API call as the log records it (ground truth of what the client did). */
export interface RequestLogEntry {
  readonly time: number;
  readonly method: string;
  readonly path: string;
  readonly operationId?: string;
  readonly sellingPartnerId?: string;
  readonly status: number;
}

/** What dispatching an SP-API request needs. */
export interface DispatchDeps {
  readonly context: SimulatorContext;
  readonly route: (method: string, pathname: string) => RouteMatch;
  readonly validators: SchemaValidators;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly tokens: TokenStore;
  readonly handlers: OperationHandlers;
  /** Advances report lifecycles to the current simulated time. */
  readonly tick: () => void;
  readonly log: (entry: RequestLogEntry) => void;
  readonly onHandlerError: (error: unknown) => void;
}

/** An SP-API request as read from the wire. */
export interface SpApiRequest {
  readonly method: string;
  readonly url: URL;
  readonly accessToken: string | undefined;
  readonly bodyText: string;
}

// The models declare x-amzn-RateLimit-Limit on these statuses only.
const RATE_HEADER_STATUSES = new Set([200, 201, 202, 204, 400, 404]);

/** Routes, authenticates, throttles, validates and runs one SP-API request. */
export async function dispatchSpApi(
  deps: DispatchDeps,
  request: SpApiRequest,
): Promise<OperationResponse> {
  const match = deps.route(request.method, request.url.pathname);
  if (match.kind !== 'found') {
    const response =
      match.kind === 'not-found'
        ? errorResponse(404, 'NotFound', 'Resource not found')
        : errorResponse(
            405,
            'MethodNotAllowed',
            `${request.method} is not allowed on this resource`,
          );
    deps.log({
      time: deps.context.clock.now(),
      method: request.method,
      path: request.url.pathname,
      status: response.status,
    });
    return response;
  }
  const { operation } = match;
  const fault = deps.faults.forCall(operation.operationId);
  if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  deps.tick();
  const now = deps.context.clock.now();
  const caller = authenticate({
    token: request.accessToken,
    operationId: operation.operationId,
    method: request.method,
    path: request.url.pathname,
    now,
    store: deps.tokens,
    faults: deps.faults,
  });
  const finish = (response: OperationResponse): OperationResponse => {
    deps.log({
      time: now,
      method: request.method,
      path: request.url.pathname,
      operationId: operation.operationId,
      ...('kind' in caller && caller.kind !== 'grantless'
        ? { sellingPartnerId: caller.sellingPartnerId }
        : {}),
      status: response.status,
    });
    return withRateHeader(response, operation, deps.limiter);
  };
  if (!('kind' in caller)) return finish(caller);
  if (!deps.limiter.tryAcquire(`${bucketOwner(caller)}|${operation.operationId}`, operation)) {
    return finish(quotaExceeded());
  }
  if (fault.status !== undefined) {
    deps.faults.record({
      kind: 'status',
      operationId: operation.operationId,
      status: fault.status,
    });
  }
  if (fault.status === 429) return finish(quotaExceeded());
  if (fault.status === 500) {
    return finish(
      errorResponse(
        500,
        'InternalFailure',
        'We encountered an internal error. Please try again.',
        '',
      ),
    );
  }
  if (fault.status === 503) {
    return finish(
      errorResponse(
        503,
        'ServiceUnavailable',
        'Service temporarily unavailable. Please try again.',
        '',
      ),
    );
  }
  let body: unknown;
  if (request.bodyText.trim() !== '') {
    try {
      body = JSON.parse(request.bodyText);
    } catch {
      return finish(errorResponse(400, 'InvalidInput', 'body is not valid JSON'));
    }
  }
  const problem = validateParameters(
    operation,
    { pathParams: match.pathParams, query: request.url.searchParams, body },
    deps.validators,
  );
  if (problem !== undefined) return finish(errorResponse(400, 'InvalidInput', problem));
  const handler = deps.handlers[operation.operationId];
  if (handler === undefined) {
    return finish(
      errorResponse(501, 'NotImplemented', `${operation.operationId} is not simulated`),
    );
  }
  try {
    return finish(
      await handler(
        {
          operationId: operation.operationId,
          pathParams: match.pathParams,
          query: request.url.searchParams,
          body,
          caller,
        },
        deps.context,
      ),
    );
  } catch (error) {
    deps.onHandlerError(error);
    return finish(
      errorResponse(
        500,
        'InternalFailure',
        'We encountered an internal error. Please try again.',
        '',
      ),
    );
  }
}

function quotaExceeded(): OperationResponse {
  return errorResponse(
    429,
    'QuotaExceeded',
    'You exceeded your quota for the requested resource.',
    '',
  );
}

function withRateHeader(
  response: OperationResponse,
  operation: ModelOperation,
  limiter: RateLimiter,
): OperationResponse {
  if (!RATE_HEADER_STATUSES.has(response.status)) return response;
  return {
    ...response,
    headers: {
      ...response.headers,
      'x-amzn-RateLimit-Limit': formatRate(limiter.effectivePlan(operation).rate),
    },
  };
}
