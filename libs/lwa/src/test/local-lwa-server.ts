import { createServer, type IncomingHttpHeaders } from 'node:http';

/** One request the test LWA server received, with its form body decoded. */
export interface RecordedLwaRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly form: Record<string, string>;
  readonly fieldNames: readonly string[];
}

/** What the test server does with a request: answer, drop the connection, or never answer. */
export type LwaReply =
  | { readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> }
  | 'destroy'
  | 'hang';

/** A node:http server on 127.0.0.1 with an ephemeral port that plays the LWA token endpoint. */
export interface LocalLwaServer {
  readonly baseUrl: string;
  readonly requests: RecordedLwaRequest[];
  close(): Promise<void>;
}

/** A successful token answer as LWA sends it. */
export function tokenReply(fields: Record<string, unknown> = {}): LwaReply {
  return {
    status: 200,
    body: { access_token: 'Atza|test-access', token_type: 'bearer', expires_in: 3600, ...fields },
  };
}

/** An LWA error answer `{"error","error_description"}`. */
export function errorReply(status: number, error: string, description = 'test'): LwaReply {
  return { status, body: { error, error_description: description } };
}

/** Starts the server; `respond` decides each reply (its index counts from 0). */
export async function startLocalLwaServer(
  respond: (request: RecordedLwaRequest, index: number) => LwaReply | Promise<LwaReply>,
): Promise<LocalLwaServer> {
  const requests: RecordedLwaRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const request: RecordedLwaRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        form: Object.fromEntries(params),
        fieldNames: [...params.keys()],
      };
      requests.push(request);
      void Promise.resolve(respond(request, requests.length - 1)).then((reply) => {
        if (reply === 'hang') return;
        if (reply === 'destroy') {
          req.socket.destroy();
          return;
        }
        const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
