import type { ServerResponse } from 'node:http';
import { DOWNLOAD_DOCUMENT_OPERATION } from '../faults/fault-config';
import type { FaultInjector } from '../faults/fault-injector';
import { reportState } from '../world/reports/report-state';
import type { World } from '../world/world';
import { DOCUMENT_URL_LIFETIME_S, type DocumentUrlSigner } from './document-url';
import { documentBytes, writeBody } from './document-stream';

/** What serving documents needs. */
export interface DocumentDownloadDeps {
  readonly world: World;
  readonly now: () => number;
  readonly signer: DocumentUrlSigner;
  readonly faults: FaultInjector;
  readonly requestId: () => string;
}

/**
 * Serves a document URL like a pre-signed S3 GET: XML errors (expired, bad signature, missing key),
 * `Content-Type: text/plain; charset=<label>`, the body streamed from the generator's lazy text.
 */
export async function serveDocument(
  method: string,
  url: URL,
  res: ServerResponse,
  deps: DocumentDownloadDeps,
): Promise<void> {
  const requestId = deps.requestId();
  if (method !== 'GET')
    return s3Error(
      res,
      405,
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      requestId,
    );
  const check = deps.signer.verify(url, deps.now());
  if (check.kind === 'bad-signature') {
    return s3Error(
      res,
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
      requestId,
    );
  }
  if (check.kind === 'expired') {
    return s3Error(res, 403, 'AccessDenied', 'Request has expired', requestId, {
      'X-Amz-Expires': String(DOCUMENT_URL_LIFETIME_S),
      Expires: isoSeconds(check.expires),
      ServerTime: isoSeconds(deps.now()),
    });
  }
  const document = reportState(deps.world).documents.get(check.reportDocumentId);
  if (document === undefined)
    return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', requestId);
  const fault = deps.faults.forCall(DOWNLOAD_DOCUMENT_OPERATION);
  if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  if (fault.status !== undefined) {
    deps.faults.record({
      kind: 'status',
      operationId: DOWNLOAD_DOCUMENT_OPERATION,
      status: fault.status === 500 ? 500 : 503,
    });
  }
  if (fault.status === 500)
    return s3Error(
      res,
      500,
      'InternalError',
      'We encountered an internal error. Please try again.',
      requestId,
    );
  if (fault.status !== undefined)
    return s3Error(res, 503, 'SlowDown', 'Please reduce your request rate.', requestId);
  const cut = deps.faults.forDocument(document.gzip);
  if (cut !== undefined) {
    deps.faults.record({ kind: cut === 'reset' ? 'connectionReset' : 'truncatedDocument' });
  }
  res.writeHead(200, {
    'Content-Type': `text/plain; charset=${document.charset}`,
    ...(document.gzip
      ? { 'Content-Encoding': check.contentEncodingGzip ? 'gzip' : 'identity' }
      : {}),
    'x-amz-request-id': requestId,
  });
  await writeBody(res, documentBytes(document.text, document.charset, document.gzip), cut);
}

function s3Error(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  requestId: string,
  extra: Record<string, string> = {},
): void {
  const fields = Object.entries(extra)
    .map(([key, value]) => `<${key}>${value}</${key}>`)
    .join('');
  res.writeHead(status, { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${fields}<RequestId>${requestId}</RequestId><HostId>simulator</HostId></Error>`,
  );
}

function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
