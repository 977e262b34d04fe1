import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server saw it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query exactly as sent (not decoded). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A canned answer; `reset` destroys the socket without answering, `hang` never answers. */
export type CannedReply =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly json?: unknown }
  | { readonly status: number; readonly headers?: Record<string, string>; readonly text: string }
  | 'reset'
  | 'hang';

/** A real HTTP server on 127.0.0.1 that answers queued replies in order and records requests. */
export interface HttpTestServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  reply(...replies: CannedReply[]): void;
  close(): Promise<void>;
}

/** Starts an {@link HttpTestServer} on an ephemeral port. */
export async function startHttpTestServer(): Promise<HttpTestServer> {
  const requests: RecordedRequest[] = [];
  const queue: CannedReply[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = queue.shift() ?? { status: 599, text: 'no reply queued' };
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      if (reply === 'hang') return;
      const text =
        'text' in reply ? reply.text : reply.json === undefined ? '' : JSON.stringify(reply.json);
      res.writeHead(reply.status, {
        ...('json' in reply && reply.json !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...reply.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
