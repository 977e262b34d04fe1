import type { IncomingMessage, ServerResponse } from 'node:http';
import { LWA_TOKEN_OPERATION } from '../faults/fault-config';
import { readBody, sendJson } from '../server/http-io';
import { consent } from './consent';
import { lwaError } from './lwa-error';
import { type TokenEndpointDeps, exchangeToken } from './token-endpoint';

/** Path prefix of the LWA token endpoint (`<lwaBaseUrl>/auth/o2/token`). */
export const LWA_PREFIX = '/lwa';
/** Paths of the consent pages (Seller Central and Vendor Central). */
export const CONSENT_PATHS = [
  '/sellercentral/apps/authorize/consent',
  '/vendorcentral/apps/authorize/consent',
];

/** Answers the token endpoint; the body is form-encoded (some clients also send the query). */
export async function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: TokenEndpointDeps & { readonly requestId: string },
): Promise<void> {
  const headers = { 'x-amzn-RequestId': deps.requestId, 'Cache-Control': 'no-store' };
  if (req.method !== 'POST') {
    sendJson(
      res,
      405,
      lwaError('invalid_request', 'The token endpoint accepts POST only').body,
      headers,
    );
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  for (const [key, value] of url.searchParams) if (!form.has(key)) form.set(key, value);
  const fault = deps.faults.forCall(LWA_TOKEN_OPERATION);
  if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  if (fault.status !== undefined) {
    deps.faults.record({ kind: 'status', operationId: LWA_TOKEN_OPERATION, status: fault.status });
  }
  if (fault.status === 500) {
    sendJson(res, 500, lwaError('server_error', 'Internal server error').body, headers);
    return;
  }
  if (fault.status !== undefined) {
    sendJson(
      res,
      fault.status,
      lwaError('temporarily_unavailable', 'Service temporarily unavailable').body,
      headers,
    );
    return;
  }
  const answer = exchangeToken(form, deps);
  sendJson(res, answer.status, answer.body, headers);
}

/** Answers the consent page with a redirect to the application (or a plain-text error). */
export function handleConsentRequest(
  res: ServerResponse,
  url: URL,
  deps: Parameters<typeof consent>[1],
): void {
  const answer = consent(url.searchParams, deps);
  if (answer.status === 302) {
    res.writeHead(302, { Location: answer.location, 'Referrer-Policy': 'no-referrer' });
    res.end();
    return;
  }
  res.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=UTF-8' });
  res.end(answer.message);
}
