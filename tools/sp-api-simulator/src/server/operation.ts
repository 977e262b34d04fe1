import type { SimulatorContext } from './context';

/** One SP-API request after routing (by the official models), authentication and validation. */
export interface OperationRequest {
  /** operationId from the model, e.g. `createReport`. */
  readonly operationId: string;
  readonly pathParams: Readonly<Record<string, string>>;
  /** Query parameters as sent (CSV arrays still joined). */
  readonly query: URLSearchParams;
  /** Parsed JSON body, or undefined. */
  readonly body: unknown;
  /** Caller identity from the access token. */
  readonly caller: Caller;
}

/** Who is calling: a selling partner's token, a grantless token for a scope, or an RDT. */
export type Caller =
  | { readonly kind: 'partner'; readonly clientId: string; readonly sellingPartnerId: string }
  | { readonly kind: 'grantless'; readonly clientId: string; readonly scope: string }
  | {
      readonly kind: 'restricted';
      readonly clientId: string;
      readonly sellingPartnerId: string;
      /** `METHOD path` pairs the RDT was issued for. */
      readonly resources: readonly { readonly method: string; readonly path: string }[];
    };

/** What a handler answers; the server adds x-amzn-RequestId and x-amzn-RateLimit-Limit. */
export interface OperationResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type OperationHandler = (
  request: OperationRequest,
  context: SimulatorContext,
) => OperationResponse | Promise<OperationResponse>;

/** Handlers keyed by operationId. Each API module exports one of these. */
export type OperationHandlers = Readonly<Record<string, OperationHandler>>;

/** SP-API error body (bare ErrorList shape); Notifications/Sellers use the same key. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  details?: string,
): OperationResponse {
  return {
    status,
    body: { errors: [{ code, message, ...(details === undefined ? {} : { details }) }] },
  };
}
