import { isRetryable } from '@spapi-lake/core';
import {
  LwaError,
  LwaInvalidClientError,
  LwaInvalidGrantError,
  LwaInvalidResponseError,
  LwaInvalidScopeError,
  LwaRequestError,
  LwaUnavailableError,
} from './errors';
import { GrantlessScope } from './grantless-scope';
import { LwaClient, type LwaClientOptions } from './lwa-client';
import {
  errorReply,
  type LocalLwaServer,
  type LwaReply,
  type RecordedLwaRequest,
  startLocalLwaServer,
  tokenReply,
} from './test/local-lwa-server';
import { ManualClock } from './test/manual-clock';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=UTF-8';
const credentials = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'test-secret' };

describe('LwaClient', () => {
  const servers: LocalLwaServer[] = [];
  let clock: ManualClock;

  beforeEach(() => {
    clock = new ManualClock();
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function serve(
    respond: (request: RecordedLwaRequest, index: number) => LwaReply | Promise<LwaReply>,
  ): Promise<LocalLwaServer> {
    const server = await startLocalLwaServer(respond);
    servers.push(server);
    return server;
  }

  function clientFor(server: { baseUrl: string }, options: LwaClientOptions = {}): LwaClient {
    return new LwaClient({ baseUrl: server.baseUrl, clock, random: () => 0.5, ...options });
  }

  function onlyRequest(server: LocalLwaServer): RecordedLwaRequest {
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    if (request === undefined) throw new Error('no request');
    return request;
  }

  describe('grants', () => {
    it('sends the refresh_token grant as a form POST without a scope', async () => {
      const server = await serve(() => tokenReply({ refresh_token: 'Atzr|partner' }));

      const token = await clientFor(server).refreshAccessToken({
        ...credentials,
        refreshToken: 'Atzr|partner',
      });

      const request = onlyRequest(server);
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/auth/o2/token');
      expect(request.headers['content-type']).toBe(FORM_CONTENT_TYPE);
      expect(request.form).toEqual({
        grant_type: 'refresh_token',
        refresh_token: 'Atzr|partner',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      });
      expect(request.fieldNames).not.toContain('scope');
      expect(token).toEqual({
        accessToken: 'Atza|test-access',
        expiresAt: clock.now() + 3_600_000,
        refreshToken: 'Atzr|partner',
      });
    });

    it('sends the authorization_code grant and returns the new refresh token', async () => {
      const server = await serve(() => tokenReply({ refresh_token: 'Atzr|new' }));

      const token = await clientFor(server).exchangeAuthorizationCode({
        ...credentials,
        code: 'ANaRxNfHdwVIaRmQRtRl',
        redirectUri: 'https://broker.example.com/callback',
      });

      const request = onlyRequest(server);
      expect(request.headers['content-type']).toBe(FORM_CONTENT_TYPE);
      expect(request.form).toEqual({
        grant_type: 'authorization_code',
        code: 'ANaRxNfHdwVIaRmQRtRl',
        redirect_uri: 'https://broker.example.com/callback',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      });
      expect(token.refreshToken).toBe('Atzr|new');
      expect(token.accessToken).toBe('Atza|test-access');
    });

    it('fails the authorization_code grant when LWA returns no refresh token', async () => {
      const server = await serve(() => tokenReply());

      await expect(
        clientFor(server).exchangeAuthorizationCode({
          ...credentials,
          code: 'c',
          redirectUri: 'https://x',
        }),
      ).rejects.toBeInstanceOf(LwaInvalidResponseError);
    });

    it.each(Object.values(GrantlessScope))(
      'sends the client_credentials grant for %s without a refresh token',
      async (scope) => {
        const server = await serve(() => tokenReply());

        const token = await clientFor(server).requestGrantlessToken({ ...credentials, scope });

        const request = onlyRequest(server);
        expect(request.headers['content-type']).toBe(FORM_CONTENT_TYPE);
        expect(request.form).toEqual({
          grant_type: 'client_credentials',
          scope,
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
        });
        expect(request.fieldNames).not.toContain('refresh_token');
        expect(token).toEqual({
          accessToken: 'Atza|test-access',
          expiresAt: clock.now() + 3_600_000,
        });
      },
    );

    it('keeps a path prefix and ignores a trailing slash of the base URL', async () => {
      const server = await serve(() => tokenReply());

      await clientFor({ baseUrl: `${server.baseUrl}/lwa/` }).requestGrantlessToken({
        ...credentials,
        scope: GrantlessScope.Notifications,
      });

      expect(onlyRequest(server).path).toBe('/lwa/auth/o2/token');
    });

    it('uses the injected fetch', async () => {
      const calls: string[] = [];
      const fetch: typeof globalThis.fetch = async (input) => {
        calls.push(String(input));
        return new Response(
          JSON.stringify({ access_token: 'Atza|f', token_type: 'bearer', expires_in: 60 }),
          { status: 200 },
        );
      };

      const token = await new LwaClient({ fetch, clock }).requestGrantlessToken({
        ...credentials,
        scope: GrantlessScope.Notifications,
      });

      expect(calls).toEqual(['https://api.amazon.com/auth/o2/token']);
      expect(token.expiresAt).toBe(clock.now() + 60_000);
    });
  });

  describe('error mapping', () => {
    const refresh = (client: LwaClient) =>
      client.refreshAccessToken({ ...credentials, refreshToken: 'Atzr|partner' });

    async function failureOf(reply: LwaReply): Promise<LwaError> {
      const server = await serve(() => reply);
      const error: unknown = await refresh(clientFor(server, { retry: { maxAttempts: 1 } })).then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      if (!(error instanceof LwaError))
        throw new Error(`expected an LwaError, got ${String(error)}`);
      return error;
    }

    it.each([
      ['invalid_grant', 400, LwaInvalidGrantError, false],
      ['invalid_client', 401, LwaInvalidClientError, false],
      ['invalid_scope', 400, LwaInvalidScopeError, false],
      ['invalid_request', 400, LwaRequestError, false],
      ['unauthorized_client', 400, LwaRequestError, false],
      ['access_denied', 400, LwaRequestError, false],
      ['unsupported_grant_type', 400, LwaRequestError, false],
      ['server_error', 500, LwaUnavailableError, true],
      ['temporarily_unavailable', 503, LwaUnavailableError, true],
    ])('maps %s (HTTP %i) to %p', async (code, status, errorClass, retryable) => {
      const error = await failureOf(errorReply(status, code, 'Some description'));

      expect(error).toBeInstanceOf(errorClass);
      expect(error.name).toBe(errorClass.name);
      expect(error.retryable).toBe(retryable);
      expect(isRetryable(error)).toBe(retryable);
      expect(error.code).toBe(code);
      expect(error.status).toBe(status);
      expect(error.grantType).toBe('refresh_token');
      expect(error.description).toBe('Some description');
      expect(error.message).toContain(code);
    });

    it('flags invalid_grant as needing re-authorization', async () => {
      const error = await failureOf(errorReply(400, 'invalid_grant'));

      expect(error).toBeInstanceOf(LwaInvalidGrantError);
      expect(error).toMatchObject({ reauthorizationRequired: true });
    });

    it('branches on the error code, not on the HTTP status', async () => {
      expect(await failureOf(errorReply(500, 'invalid_grant'))).toBeInstanceOf(
        LwaInvalidGrantError,
      );
      expect(await failureOf(errorReply(400, 'invalid_client'))).toBeInstanceOf(
        LwaInvalidClientError,
      );
      expect(await failureOf(errorReply(400, 'temporarily_unavailable'))).toBeInstanceOf(
        LwaUnavailableError,
      );
    });

    it.each([500, 502, 503, 504, 429])(
      'maps HTTP %i without an LWA error body to a retryable error',
      async (status) => {
        const error = await failureOf({ status, body: '<html>Bad Gateway</html>' });

        expect(error).toBeInstanceOf(LwaUnavailableError);
        expect(error.retryable).toBe(true);
        expect(error.status).toBe(status);
        expect(error.code).toBeUndefined();
      },
    );

    it('maps a 4xx without an LWA error body to a request error', async () => {
      const error = await failureOf({ status: 404, body: 'Not Found' });

      expect(error).toBeInstanceOf(LwaRequestError);
      expect(error.status).toBe(404);
      expect(error.code).toBeUndefined();
    });

    it('maps a dropped connection to a retryable error with the cause', async () => {
      const error = await failureOf('destroy');

      expect(error).toBeInstanceOf(LwaUnavailableError);
      expect(error.status).toBeUndefined();
      expect(error.cause).toBeDefined();
    });

    it('maps a refused connection to a retryable error', async () => {
      const closed = await startLocalLwaServer(() => tokenReply());
      await closed.close();

      await expect(
        refresh(clientFor(closed, { retry: { maxAttempts: 1 } })),
      ).rejects.toBeInstanceOf(LwaUnavailableError);
    });

    it('gives up on an endpoint that never answers after the timeout', async () => {
      const server = await serve(() => 'hang');

      await expect(
        refresh(clientFor(server, { retry: { maxAttempts: 1 }, timeoutMs: 50 })),
      ).rejects.toBeInstanceOf(LwaUnavailableError);
    });

    it('does not follow a redirect that would re-send the credentials', async () => {
      const elsewhere = await serve(() => tokenReply());
      const server = await serve(() => ({
        status: 307,
        body: '',
        headers: { location: `${elsewhere.baseUrl}/auth/o2/token` },
      }));

      const error: unknown = await refresh(clientFor(server, { retry: { maxAttempts: 1 } })).catch(
        (rejection: unknown) => rejection,
      );

      expect(error).toBeInstanceOf(LwaRequestError);
      expect(error).toMatchObject({ status: 307 });
      expect(elsewhere.requests).toHaveLength(0);
    });

    it.each([
      ['a body that is not JSON', 'Atza|not-json'],
      ['a body without expires_in', { access_token: 'Atza|x', token_type: 'bearer' }],
      ['an empty access token', { access_token: '', token_type: 'bearer', expires_in: 3600 }],
    ])('rejects a 200 with %s', async (_, body) => {
      const error = await failureOf({ status: 200, body });

      expect(error).toBeInstanceOf(LwaInvalidResponseError);
      expect(error.retryable).toBe(false);
      expect(error.status).toBe(200);
    });
  });

  describe('retry', () => {
    const grantless = (client: LwaClient) =>
      client.requestGrantlessToken({ ...credentials, scope: GrantlessScope.Notifications });

    it('retries retryable failures with jittered exponential backoff on the clock', async () => {
      const server = await serve((_, index) =>
        index < 2 ? errorReply(503, 'temporarily_unavailable') : tokenReply(),
      );
      const startedAt = clock.now();

      const token = await grantless(
        clientFor(server, { retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 } }),
      );

      expect(server.requests).toHaveLength(3);
      // random() = 0.5 of the ceilings 100 and 200.
      expect(clock.sleeps).toEqual([50, 100]);
      // The expiry counts from the attempt that succeeded.
      expect(token.expiresAt).toBe(startedAt + 150 + 3_600_000);
    });

    it('stops after the last attempt and throws the last failure', async () => {
      const server = await serve(() => errorReply(500, 'server_error'));

      await expect(
        grantless(clientFor(server, { retry: { maxAttempts: 3 } })),
      ).rejects.toBeInstanceOf(LwaUnavailableError);
      expect(server.requests).toHaveLength(3);
      expect(clock.sleeps).toHaveLength(2);
    });

    it('does not retry failures that are not retryable', async () => {
      const server = await serve(() => errorReply(401, 'invalid_client'));

      await expect(grantless(clientFor(server))).rejects.toBeInstanceOf(LwaInvalidClientError);
      expect(server.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    });

    it('retries a dropped connection', async () => {
      const server = await serve((_, index) => (index === 0 ? 'destroy' : tokenReply()));

      await expect(grantless(clientFor(server))).resolves.toMatchObject({
        accessToken: 'Atza|test-access',
      });
      expect(server.requests).toHaveLength(2);
    });
  });
});
