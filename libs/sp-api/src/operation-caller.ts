import type { Clock } from '@spapi-lake/core';
import { formatAmzDate } from './amz-date';
import { isExpiredTokenFailure, parseSpApiErrors } from './error-body';
import {
  SpApiConfigurationError,
  SpApiNetworkError,
  SpApiQuotaExceededError,
  spApiErrorFromResponse,
} from './errors';
import { type SpApiOperationId, operationSpecs } from './operation-specs';
import { APPLICATION_WIDE, type RateLimiterRegistry } from './rate-limiter-registry';
import { type QueryValue, buildRequestUrl } from './request-url';
import { type RetryPolicy, isTransientNetworkFailure } from './retry-policy';
import type { TokenGrant, TokenProvider } from './token-provider';

// Forced token refreshes per call: a second one covers a token revoked again while the call waited
// (Amazon invalidates access tokens early, not only at expiry); past it the 403 is the answer.
const MAX_TOKEN_REFRESHES = 2;

/** Inputs of one operation call, as the model names them. */
export interface OperationRequest {
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** JSON request body. */
  readonly body?: unknown;
  /** Token to send instead of the provider's, e.g. a restricted data token. Never refreshed. */
  readonly accessToken?: string;
}

/** A 2xx answer: the parsed JSON body (undefined when empty) and the request id. */
export interface OperationResponse {
  readonly operationId: SpApiOperationId;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly body: unknown;
}

/** Performs one SP-API operation: rate limiting, token, retries; throws typed errors. */
export type OperationCaller = (
  operationId: SpApiOperationId,
  request?: OperationRequest,
) => Promise<OperationResponse>;

/** Everything {@link createOperationCaller} needs; built by `createSpApiClient`. */
export interface OperationCallerOptions {
  readonly baseUrl: string;
  readonly applicationId: string;
  readonly sellingPartnerId: string | undefined;
  readonly tokenProvider: TokenProvider;
  readonly limiters: RateLimiterRegistry;
  readonly retryPolicy: RetryPolicy;
  readonly clock: Clock;
  readonly fetch: typeof fetch;
  readonly userAgent: string;
  readonly requestTimeoutMs: number | undefined;
}

interface RawResponse {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly rateLimit: string | null;
  readonly text: string;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The call loop: take a token from the (application, partner, endpoint, operation) bucket, send,
 * adopt the `x-amzn-RateLimit-Limit` rate, map errors; refresh an expired token once; retry per
 * the policy.
 */
export function createOperationCaller(options: OperationCallerOptions): OperationCaller {
  const { tokenProvider, limiters, retryPolicy, clock } = options;

  async function send(
    url: string,
    method: string,
    token: string,
    body: string | undefined,
  ): Promise<RawResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': options.userAgent,
      'x-amz-access-token': token,
      'x-amz-date': formatAmzDate(clock.now()),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await options.fetch(url, {
      method,
      headers,
      body,
      signal:
        options.requestTimeoutMs === undefined
          ? undefined
          : AbortSignal.timeout(options.requestTimeoutMs),
    });
    return {
      status: response.status,
      requestId: response.headers.get('x-amzn-requestid') ?? undefined,
      rateLimit: response.headers.get('x-amzn-ratelimit-limit'),
      text: await response.text(),
    };
  }

  return async (operationId, request = {}) => {
    const spec = operationSpecs[operationId];
    const grant: TokenGrant =
      spec.grantlessScope === null
        ? { kind: 'partner' }
        : { kind: 'grantless', scope: spec.grantlessScope };
    if (grant.kind === 'partner' && options.sellingPartnerId === undefined) {
      throw new SpApiConfigurationError(`${operationId} needs a client with a sellingPartnerId`);
    }
    const limiter = limiters.limiterFor({
      applicationId: options.applicationId,
      sellingPartnerId:
        grant.kind === 'grantless' ? APPLICATION_WIDE : (options.sellingPartnerId ?? ''),
      baseUrl: options.baseUrl,
      operationId,
    });
    const url = buildRequestUrl(options.baseUrl, spec.path, request.pathParams, request.query);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);

    let attempt = 0;
    let rejectedToken: string | undefined;
    let refreshes = 0;
    for (;;) {
      // The token stays in flight until the answer is in (see TokenBucketRateLimiter).
      const lease = await limiter.acquireLease();
      let token: string;
      try {
        token =
          request.accessToken ??
          (await tokenProvider.getToken(
            grant,
            rejectedToken === undefined ? undefined : { forceRefresh: true, rejectedToken },
          ));
      } catch (error) {
        lease.release();
        throw error;
      }
      rejectedToken = undefined;
      attempt += 1;

      let failure: Error;
      try {
        const raw = await send(url, spec.method, token, body).finally(lease.release);
        limiter.updateRate(raw.rateLimit);
        const parsed = parseJson(raw.text);
        if (raw.status >= 200 && raw.status <= 299) {
          return { operationId, status: raw.status, requestId: raw.requestId, body: parsed };
        }
        const errors = parseSpApiErrors(parsed);
        if (
          refreshes < MAX_TOKEN_REFRESHES &&
          request.accessToken === undefined &&
          isExpiredTokenFailure(raw.status, errors)
        ) {
          // A forced refresh, not counted as a retry: the cached token aged out or was revoked.
          refreshes += 1;
          rejectedToken = token;
          attempt -= 1;
          continue;
        }
        failure = spApiErrorFromResponse({
          operationId,
          status: raw.status,
          requestId: raw.requestId,
          errors,
        });
      } catch (error) {
        failure = new SpApiNetworkError(operationId, {
          cause: error,
          retryable: isTransientNetworkFailure(error),
        });
      }

      // Amazon's bucket is empty whatever ours says (another process may share the plan).
      if (failure instanceof SpApiQuotaExceededError) limiter.drain();
      const delayMs = retryPolicy.nextDelayMs({
        attempt,
        error: failure,
        rate: limiter.rate,
        idempotent: isIdempotent(operationId, spec.method),
      });
      if (delayMs === null) throw failure;
      await clock.sleep(delayMs);
    }
  };
}

// POSTs whose repeat does no harm: a token is only issued; a second create of the same destination
// or subscription answers 409, which setup takes as "already there".
const REPEATABLE_POSTS: ReadonlySet<string> = new Set([
  'createRestrictedDataToken',
  'createDestination',
  'createSubscription',
]);

function isIdempotent(operationId: string, method: string): boolean {
  if (method === 'PATCH') return false;
  return method !== 'POST' || REPEATABLE_POSTS.has(operationId);
}
