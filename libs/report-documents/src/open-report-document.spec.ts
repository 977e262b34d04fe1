import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket, createServer as createNetServer } from 'node:net';
import { inspect } from 'node:util';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { isRetryable } from '@spapi-lake/core';
import { JAPAN_MARKETPLACE_ID, resolveCharset } from './charset';
import { type ReportDocumentEncoding, decodeReportDocument } from './decode-report-document';
import {
  ReportDocumentExpiredError,
  ReportDocumentRequestError,
  ReportDocumentTruncatedError,
  ReportDocumentUnavailableError,
  UnsupportedCharsetError,
} from './errors';
import { nodeDocumentHttpClient } from './document-http-client';
import {
  type OpenedReportDocument,
  type ReportDocumentLocation,
  openReportDocument,
} from './open-report-document';
import { splitLines } from '@spapi-lake/core';

type Route = (response: ServerResponse) => void;

interface RecordedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
}

// The signature and credential of a pre-signed URL: they must never show up in an error message.
const secretQuery =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLESECRET%2F20240101%2Feu-west-1%2Fs3' +
  '&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=0123456789abcdefsecretsignature';

const expiredBody =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>' +
  '<Message>Request has expired</Message><X-Amz-Expires>300</X-Amz-Expires>' +
  '<RequestId>7Q1M3E8Z</RequestId></Error>';

let routes: Map<string, Route>;
let requests: RecordedRequest[];
let origin: string;
const server = createServer((request, response) => {
  requests.push({ method: request.method, url: request.url, headers: request.headers });
  const route = routes.get(new URL(request.url ?? '/', 'http://localhost').pathname);
  if (route === undefined) {
    response.writeHead(404, { 'content-type': 'application/xml' }).end('<Code>NoSuchKey</Code>');
    return;
  }
  route(response);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  routes = new Map();
  requests = [];
});

function serve(path: string, body: Buffer | string, headers: Record<string, string>): void {
  const length = String(Buffer.byteLength(body));
  routes.set(path, (response) =>
    response.writeHead(200, { 'content-length': length, ...headers }).end(body),
  );
}

function serveExpired(path: string): void {
  routes.set(path, (response) =>
    response.writeHead(403, { 'content-type': 'application/xml' }).end(expiredBody),
  );
}

function location(path: string, compressionAlgorithm?: 'GZIP'): ReportDocumentLocation {
  return {
    reportDocumentId: 'amzn1.spdoc.1.4.eu.0001',
    url: `${origin}${path}?${secretQuery}`,
    ...(compressionAlgorithm ? { compressionAlgorithm } : {}),
  };
}

const noRefresh = (): Promise<ReportDocumentLocation> => {
  throw new Error('refreshDocument must not be called');
};

async function rawBytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function encodingOf(opened: OpenedReportDocument): ReportDocumentEncoding {
  if (opened.charset === undefined) throw new Error(`no decoder for ${opened.unsupportedCharset}`);
  return { compression: opened.compression, charset: opened.charset };
}

async function readLines(document: ReportDocumentLocation, marketplaceId?: string) {
  const opened = await openReportDocument({ document, refreshDocument: noRefresh, marketplaceId });
  const lines: string[] = [];
  for await (const line of splitLines(decodeReportDocument(opened.bytes, encodingOf(opened)))) {
    lines.push(line);
  }
  return { opened, lines };
}

function expectNoSecret(error: unknown): void {
  // inspect prints the message, the stack, own properties and the cause chain, as a logger would.
  const text = inspect(error, { depth: 10 });
  expect(text).not.toContain('X-Amz-Signature');
  expect(text).not.toContain('secretsignature');
  expect(text).not.toContain('AKIAEXAMPLESECRET');
}

/**
 * A server that answers with `head` (status line and headers) and `body`, then stalls, or does
 * `afterwards` with the socket.
 */
async function stallingServer(head: string, body: string, afterwards?: (socket: Socket) => void) {
  const sockets = new Set<Socket>();
  const raw = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write(`${head}\r\n\r\n${body}`);
      if (afterwards) setTimeout(() => afterwards(socket), 30);
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}/doc.txt?${secretQuery}`,
    closed: () => [...sockets].every((socket) => socket.destroyed),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => raw.close(resolve));
    },
  };
}

describe('openReportDocument', () => {
  it('streams a Cp1252 flat file whose é ü ß € (0xE9 0xFC 0xDF 0x80) decode correctly', async () => {
    const cp1252 = Buffer.from(
      'item-name\tprice\r\nCaf\xe9 M\xfcller\t12,50 \x80\r\nStra\xdfe\t3,00 \x80\r\n',
      'latin1',
    );
    serve('/cp1252.txt', cp1252, { 'content-type': 'text/plain; charset=Cp1252' });

    const { opened, lines } = await readLines(location('/cp1252.txt'));

    expect(lines).toEqual(['item-name\tprice', 'Café Müller\t12,50 €', 'Straße\t3,00 €']);
    expect(opened).toMatchObject({
      compression: 'NONE',
      charset: 'windows-1252',
      contentType: 'text/plain; charset=Cp1252',
      contentLength: cp1252.length,
    });
  });

  it('hands out GZIP documents still compressed, byte for byte, and decodes them', async () => {
    const gzipped = gzipSync(Buffer.from('sku\tqty\nA-1\t3\nB-2\t5\n'));
    serve('/report.gz', gzipped, { 'content-type': 'text/plain; charset=UTF-8' });

    const opened = await openReportDocument({
      document: location('/report.gz', 'GZIP'),
      refreshDocument: noRefresh,
    });
    expect(opened.compression).toBe('GZIP');
    expect((await rawBytes(opened.bytes)).equals(gzipped)).toBe(true);

    const { lines } = await readLines(location('/report.gz', 'GZIP'));
    expect(lines).toEqual(['sku\tqty', 'A-1\t3', 'B-2\t5']);
  });

  it('keeps a Content-Encoding: gzip response as the stored gzip bytes (GZIP)', async () => {
    const gzipped = gzipSync(Buffer.from('a\nb\n'));
    serve('/encoded.gz', gzipped, {
      'content-type': 'text/plain; charset=UTF-8',
      'content-encoding': 'gzip',
    });

    const opened = await openReportDocument({
      document: location('/encoded.gz', 'GZIP'),
      refreshDocument: noRefresh,
    });
    expect(opened.compression).toBe('GZIP');
    expect(opened.contentLength).toBe(gzipped.length);
    expect((await rawBytes(opened.bytes)).equals(gzipped)).toBe(true);

    const { lines } = await readLines(location('/encoded.gz', 'GZIP'));
    expect(lines).toEqual(['a', 'b']);
  });

  it('reports NONE when an injected fetch already inflated a Content-Encoding: gzip response', async () => {
    serve('/encoded.gz', gzipSync(Buffer.from('a\nb\n')), {
      'content-type': 'text/plain; charset=UTF-8',
      'content-encoding': 'gzip',
    });

    const opened = await openReportDocument({
      document: location('/encoded.gz', 'GZIP'),
      refreshDocument: noRefresh,
      fetch: globalThis.fetch,
    });

    expect(opened.compression).toBe('NONE');
    expect(opened.contentLength).toBeUndefined();
    expect((await rawBytes(opened.bytes)).toString()).toBe('a\nb\n');
  });

  it('follows a redirect to the document, and refuses a redirect loop', async () => {
    routes.set('/moved.txt', (response) =>
      response.writeHead(307, { location: `/plain.txt?${secretQuery}` }).end(),
    );
    serve('/plain.txt', 'moved\n', { 'content-type': 'text/plain; charset=UTF-8' });
    routes.set('/loop.txt', (response) => response.writeHead(302, { location: '/loop.txt' }).end());

    const opened = await openReportDocument({
      document: location('/moved.txt'),
      refreshDocument: noRefresh,
    });
    const loop = await openReportDocument({
      document: location('/loop.txt'),
      refreshDocument: noRefresh,
    }).catch((e) => e);

    expect((await rawBytes(opened.bytes)).toString()).toBe('moved\n');
    expect(loop).toBeInstanceOf(ReportDocumentUnavailableError);
    expect(loop.message).toContain('ERR_TOO_MANY_REDIRECTS');
    expectNoSecret(loop);
  });

  it('gives up on a connection that stays silent, before or during the body', async () => {
    routes.set('/silent.txt', () => undefined);
    routes.set('/stalled.txt', (response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      response.write('first bytes');
    });
    const httpClient = nodeDocumentHttpClient({ idleTimeoutMs: 100 });

    const silent = await openReportDocument({
      document: location('/silent.txt'),
      refreshDocument: noRefresh,
      httpClient,
    }).catch((e) => e);
    const stalled = await openReportDocument({
      document: location('/stalled.txt'),
      refreshDocument: noRefresh,
      httpClient,
    });
    const broken = await rawBytes(stalled.bytes).catch((e) => e);

    expect(silent).toBeInstanceOf(ReportDocumentUnavailableError);
    expect(silent.message).toContain('ETIMEDOUT');
    expect(broken).toBeInstanceOf(ReportDocumentTruncatedError);
    expect(broken.message).toMatch(/broke off after 11 bytes/);
    expectNoSecret(silent);
    expectNoSecret(broken);
  });

  it('stops when its signal is aborted', async () => {
    routes.set('/slow.txt', () => undefined);
    const controller = new AbortController();
    const opening = openReportDocument({
      document: location('/slow.txt'),
      refreshDocument: noRefresh,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);

    await expect(opening).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('decodes Shift_JIS named by the header', async () => {
    serve('/jp.txt', Buffer.from('93fa967b8cea0a', 'hex'), {
      'content-type': 'text/plain; charset=Shift_JIS',
    });

    const { opened, lines } = await readLines(location('/jp.txt'));

    expect(opened.charset).toBe('cp932');
    expect(lines).toEqual(['日本語']);
  });

  it('falls back to Shift_JIS/cp932 for Japan when the header names no charset', async () => {
    serve('/jp-plain.txt', iconv.encode('商品名\t価格\n日本語\t1000\n', 'shift_jis'), {
      'content-type': 'text/plain',
    });

    const { opened, lines } = await readLines(location('/jp-plain.txt'), JAPAN_MARKETPLACE_ID);

    expect(opened.charset).toBe('cp932');
    expect(lines).toEqual(['商品名\t価格', '日本語\t1000']);
  });

  it.each([
    ['binary/octet-stream', { 'content-type': 'binary/octet-stream' }],
    ['application/x-gzip', { 'content-type': 'application/x-gzip' }],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no Content-Type', {}],
  ])('reads a Japanese JSON report (%s) as UTF-8, BOM dropped', async (_, headers) => {
    const json = '\uFEFF{"dataByDepartmentAndSearchTerm":[{"searchTerm":"水筒"}]}';
    const gzipped = gzipSync(Buffer.from(json, 'utf8'));
    const fetchJp: typeof fetch = async () => new Response(gzipped, { headers });

    const opened = await openReportDocument({
      document: location('/jp.json.gz', 'GZIP'),
      refreshDocument: noRefresh,
      marketplaceId: JAPAN_MARKETPLACE_ID,
      format: 'json',
      fetch: fetchJp,
    });
    let text = '';
    for await (const chunk of decodeReportDocument(opened.bytes, encodingOf(opened))) text += chunk;

    expect(opened.charset).toBe('utf-8');
    expect(JSON.parse(text)).toEqual({ dataByDepartmentAndSearchTerm: [{ searchTerm: '水筒' }] });
  });

  it('still falls back to cp932 for a Japanese flat file when the format is given', async () => {
    serve('/jp-flat.txt', iconv.encode('商品名\n', 'shift_jis'), {
      'content-type': 'binary/octet-stream',
    });

    const opened = await openReportDocument({
      document: location('/jp-flat.txt'),
      refreshDocument: noRefresh,
      marketplaceId: JAPAN_MARKETPLACE_ID,
      format: 'tsv',
    });

    expect(opened.charset).toBe('cp932');
    expect((await rawBytes(opened.bytes)).equals(iconv.encode('商品名\n', 'shift_jis'))).toBe(true);
  });

  it('hands out the bytes of a charset it cannot decode, naming it; decoding them fails', async () => {
    serve('/odd.txt', 'x', { 'content-type': 'text/plain; charset=x-mac-klingon' });

    const opened = await openReportDocument({
      document: location('/odd.txt'),
      refreshDocument: noRefresh,
    });

    expect(opened.charset).toBeUndefined();
    expect(opened.unsupportedCharset).toBe('x-mac-klingon');
    expect((await rawBytes(opened.bytes)).toString()).toBe('x');
    expect(() => resolveCharset(`text/plain; charset=${opened.unsupportedCharset}`)).toThrow(
      UnsupportedCharsetError,
    );
  });

  it('sends a plain GET with the signed query and no SP-API headers', async () => {
    serve('/plain.txt', 'a\n', { 'content-type': 'text/plain; charset=UTF-8' });

    await readLines(location('/plain.txt'));

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`/plain.txt?${secretQuery}`);
    const headerNames = Object.keys(request?.headers ?? {});
    expect(headerNames).not.toContain('x-amz-access-token');
    expect(headerNames).not.toContain('authorization');
    expect(headerNames.filter((name) => name.startsWith('x-amz'))).toEqual([]);
  });

  it('refreshes an expired URL once and reads the fresh one', async () => {
    serveExpired('/old.txt');
    serve('/new.txt', 'fresh\n', { 'content-type': 'text/plain; charset=UTF-8' });
    const refreshDocument = jest.fn(async () => location('/new.txt'));

    const opened = await openReportDocument({ document: location('/old.txt'), refreshDocument });

    expect(refreshDocument).toHaveBeenCalledTimes(1);
    expect((await rawBytes(opened.bytes)).toString()).toBe('fresh\n');
    expect(requests.map((request) => request.url?.split('?')[0])).toEqual(['/old.txt', '/new.txt']);
  });

  it('throws ReportDocumentExpiredError when the refreshed URL is refused too', async () => {
    serveExpired('/old.txt');
    serveExpired('/still-old.txt');
    const refreshDocument = jest.fn(async () => location('/still-old.txt'));

    const error = await openReportDocument({
      document: location('/old.txt'),
      refreshDocument,
    }).catch((e) => e);

    expect(error).toBeInstanceOf(ReportDocumentExpiredError);
    expect(error.message).toContain('AccessDenied');
    expect(error.message).toContain(`${origin}/still-old.txt`);
    expect(refreshDocument).toHaveBeenCalledTimes(1);
    expectNoSecret(error);
  });

  it('maps 5xx to a retryable error and 404 to a final one, without the query string', async () => {
    routes.set('/busy.txt', (response) => response.writeHead(503).end('<Code>SlowDown</Code>'));

    const busy = await openReportDocument({
      document: location('/busy.txt'),
      refreshDocument: noRefresh,
    }).catch((e) => e);
    const missing = await openReportDocument({
      document: location('/missing.txt'),
      refreshDocument: noRefresh,
    }).catch((e) => e);

    expect(busy).toBeInstanceOf(ReportDocumentUnavailableError);
    expect(busy.message).toContain('HTTP 503 (SlowDown)');
    expect(isRetryable(busy)).toBe(true);
    expect(missing).toBeInstanceOf(ReportDocumentRequestError);
    expect(missing.message).toContain('HTTP 404 (NoSuchKey)');
    expect(isRetryable(missing)).toBe(false);
    expectNoSecret(busy);
    expectNoSecret(missing);
  });

  it('maps an unreachable host to a retryable error without the query string', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const error = await openReportDocument({
      document: { reportDocumentId: 'doc', url: `http://127.0.0.1:${port}/x.txt?${secretQuery}` },
      refreshDocument: noRefresh,
    }).catch((e) => e);

    expect(error).toBeInstanceOf(ReportDocumentUnavailableError);
    expect(error.message).toContain('ECONNREFUSED');
    expectNoSecret(error);
  });

  it('rejects a malformed URL without quoting it', async () => {
    const error = await openReportDocument({
      document: { reportDocumentId: 'doc', url: `not a url?${secretQuery}` },
      refreshDocument: noRefresh,
    }).catch((e) => e);

    expect(error).toBeInstanceOf(ReportDocumentRequestError);
    expectNoSecret(error);
  });

  it('reports a gzip document cut short as a retryable truncation', async () => {
    const gzipped = gzipSync(Buffer.from('row\t1\n'.repeat(50_000)));
    serve('/cut.gz', gzipped.subarray(0, gzipped.length - 100), {
      'content-type': 'text/plain; charset=UTF-8',
    });

    const error = await readLines(location('/cut.gz', 'GZIP')).catch((e) => e);

    expect(error).toBeInstanceOf(ReportDocumentTruncatedError);
    expect(isRetryable(error)).toBe(true);
  });

  it.each([
    ['with Content-Length', { 'content-length': '100000' }],
    ['chunked', {}],
  ])('reports a connection reset mid-body (%s) as a retryable truncation', async (_, length) => {
    const plain = Buffer.from('row\t1\n'.repeat(5000));
    const gzipped = gzipSync(plain, { level: 0 });
    for (const compression of [undefined, 'GZIP'] as const) {
      const body = compression === 'GZIP' ? gzipped : plain;
      routes.set('/reset.txt', (response) => {
        response.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8', ...length });
        response.write(body.subarray(0, 10_000));
        setTimeout(() => response.socket?.destroy(), 20);
      });

      const error = await readLines(location('/reset.txt', compression)).catch((e) => e);

      expect(error).toBeInstanceOf(ReportDocumentTruncatedError);
      expect(isRetryable(error)).toBe(true);
      expect(error.message).toMatch(/broke off after \d+ bytes/);
      expectNoSecret(error);
    }
  });

  it('reports a body shorter than its Content-Length as a truncation, whatever fetch allows', async () => {
    const shortFetch: typeof fetch = async () =>
      new Response('abc', { headers: { 'content-type': 'text/plain', 'content-length': '10' } });

    const opened = await openReportDocument({
      document: location('/short.txt'),
      refreshDocument: noRefresh,
      fetch: shortFetch,
    });
    const error = await rawBytes(opened.bytes).catch((e) => e);

    expect(error).toBeInstanceOf(ReportDocumentTruncatedError);
    expect(error.message).toContain('ended after 3 of 10 bytes');
  });
  it('fails a body that ends with the connection when the server goes silent or the reader aborts', async () => {
    // No Content-Length, not chunked: only the connection's end ends the body.
    const server = await stallingServer(
      'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close',
      'first bytes',
    );
    try {
      const document = { reportDocumentId: 'doc', url: server.url };
      const silent = await openReportDocument({
        document,
        refreshDocument: noRefresh,
        httpClient: nodeDocumentHttpClient({ idleTimeoutMs: 100 }),
      });
      const timedOut = await rawBytes(silent.bytes).catch((e) => e);
      const controller = new AbortController();
      const aborted = await openReportDocument({
        document,
        refreshDocument: noRefresh,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 50);
      const abortedError = await rawBytes(aborted.bytes).catch((e) => e);

      expect(timedOut).toBeInstanceOf(ReportDocumentTruncatedError);
      expect(timedOut.message).toContain('broke off after 11 bytes (ETIMEDOUT)');
      expect(abortedError).toBeInstanceOf(ReportDocumentTruncatedError);
      expectNoSecret(timedOut);
    } finally {
      await server.stop();
    }
  });

  it('does not count time the reader spends elsewhere as silence', async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 'x');
    serve('/large.txt', body, { 'content-type': 'text/plain' });

    const opened = await openReportDocument({
      document: location('/large.txt'),
      refreshDocument: noRefresh,
      httpClient: nodeDocumentHttpClient({ idleTimeoutMs: 100 }),
    });
    let received = 0;
    for await (const chunk of opened.bytes) {
      // The first chunk takes longer than the idle timeout to handle: the socket is paused meanwhile.
      if (received === 0) await new Promise((resolve) => setTimeout(resolve, 300));
      received += (chunk as Buffer).length;
    }

    expect(received).toBe(body.length);
  });

  it.each([
    ['before they were read', false],
    ['while a read waits on a silent server', true],
  ])('releases the connection at once when its bytes are destroyed %s', async (_, reading) => {
    const server = await stallingServer(
      'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100',
      'first bytes',
    );
    try {
      const opened = await openReportDocument({
        document: { reportDocumentId: 'doc', url: server.url },
        refreshDocument: noRefresh,
      });
      if (reading) {
        opened.bytes.on('error', () => undefined);
        opened.bytes.resume();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      opened.bytes.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));

      expect(server.closed()).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('refuses a redirect to a malformed location without quoting the URL', async () => {
    routes.set('/bad-redirect.txt', (response) =>
      response.writeHead(302, { location: 'http://[::1' }).end(),
    );

    const error = await openReportDocument({
      document: location('/bad-redirect.txt'),
      refreshDocument: noRefresh,
    }).catch((e) => e);

    expect(error).toBeInstanceOf(ReportDocumentUnavailableError);
    expect(error.message).toContain('ERR_INVALID_REDIRECT');
    expectNoSecret(error);
  });

  it('reads x-gzip as gzip and refuses a Content-Encoding it does not decode', async () => {
    const gzipped = gzipSync(Buffer.from('a\n'));
    serve('/x-gzip.txt', gzipped, { 'content-type': 'text/plain', 'content-encoding': 'x-gzip' });
    serve('/brotli.txt', 'not really brotli', {
      'content-type': 'text/plain',
      'content-encoding': 'br',
    });

    const xGzip = await openReportDocument({
      document: location('/x-gzip.txt'),
      refreshDocument: noRefresh,
    });
    const brotli = await openReportDocument({
      document: location('/brotli.txt'),
      refreshDocument: noRefresh,
    }).catch((e) => e);

    expect(xGzip.compression).toBe('GZIP');
    expect((await rawBytes(xGzip.bytes)).equals(gzipped)).toBe(true);
    expect(brotli).toBeInstanceOf(ReportDocumentRequestError);
    expect(brotli.message).toContain('Content-Encoding br');
    expectNoSecret(brotli);
  });
  it('fails a body that ends with the connection when the connection is reset, or aborted unread', async () => {
    const closeDelimited = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close';
    const reset = await stallingServer(closeDelimited, 'first bytes', (socket) =>
      socket.resetAndDestroy(),
    );
    const stalled = await stallingServer(closeDelimited, 'first bytes');
    try {
      const wasReset = await openReportDocument({
        document: { reportDocumentId: 'doc', url: reset.url },
        refreshDocument: noRefresh,
      });
      const resetError = await rawBytes(wasReset.bytes).catch((e) => e);
      const controller = new AbortController();
      const abortedUnread = await openReportDocument({
        document: { reportDocumentId: 'doc', url: stalled.url },
        refreshDocument: noRefresh,
        signal: controller.signal,
      });
      controller.abort();
      const abortError = await rawBytes(abortedUnread.bytes).catch((e) => e);

      expect(resetError).toBeInstanceOf(ReportDocumentTruncatedError);
      expect(abortError).toBeInstanceOf(ReportDocumentTruncatedError);
    } finally {
      await reset.stop();
      await stalled.stop();
    }
  });

  it('refuses a Content-Encoding an injected fetch handed out undecoded', async () => {
    const undecoded: typeof fetch = async () =>
      new Response('zstd bytes', {
        headers: { 'content-type': 'text/plain', 'content-encoding': 'zstd' },
      });

    const error = await openReportDocument({
      document: location('/zstd.txt'),
      refreshDocument: noRefresh,
      fetch: undecoded,
    }).catch((e) => e);

    expect(error).toBeInstanceOf(ReportDocumentRequestError);
    expect(error.message).toContain('Content-Encoding zstd');
  });

  it("takes an idle timeout only within a timer's range", () => {
    expect(() => nodeDocumentHttpClient({ idleTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => nodeDocumentHttpClient({ idleTimeoutMs: 2 ** 31 })).toThrow(RangeError);
  });
});
