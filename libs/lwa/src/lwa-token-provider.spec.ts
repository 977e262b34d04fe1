import { AccessTokenCache } from './access-token-cache';
import { LwaConfigurationError, LwaInvalidGrantError, LwaUnavailableError } from './errors';
import { GrantlessScope } from './grantless-scope';
import { LwaClient } from './lwa-client';
import { LwaTokenProvider, type LwaTokenProviderOptions } from './lwa-token-provider';
import {
  errorReply,
  type LocalLwaServer,
  type LwaReply,
  type RecordedLwaRequest,
  startLocalLwaServer,
  tokenReply,
} from './test/local-lwa-server';
import { ManualClock } from './test/manual-clock';

const HOUR = 3_600_000;
const credentials = { clientId: 'amzn1.application-oa2-client.p', clientSecret: 'secret-p' };

describe('LwaTokenProvider', () => {
  let server: LocalLwaServer | undefined;
  let clock: ManualClock;
  let issued: number;

  beforeEach(() => {
    clock = new ManualClock();
    issued = 0;
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  // Answers each request with a new numbered token, unless `override` says otherwise.
  async function providerWith(
    options: Partial<LwaTokenProviderOptions> & {
      override?: (
        request: RecordedLwaRequest,
        index: number,
      ) => LwaReply | Promise<LwaReply> | undefined;
    } = {},
  ): Promise<{ provider: LwaTokenProvider; lwa: LocalLwaServer }> {
    const { override, ...rest } = options;
    const lwa = await startLocalLwaServer(async (request, index) => {
      const reply = await override?.(request, index);
      return reply ?? tokenReply({ access_token: `Atza|${(issued += 1)}` });
    });
    server = lwa;
    const provider = new LwaTokenProvider({
      client: new LwaClient({
        baseUrl: lwa.baseUrl,
        clock,
        random: () => 0,
        retry: { maxAttempts: 1 },
      }),
      cache: new AccessTokenCache({ clock }),
      credentials: async () => credentials,
      refreshToken: async () => 'Atzr|partner',
      ...rest,
    });
    return { provider, lwa };
  }

  it('gets a partner token with the refresh_token grant', async () => {
    const { provider, lwa } = await providerWith();

    await expect(provider.getToken({ kind: 'partner' })).resolves.toBe('Atza|1');

    expect(lwa.requests.map((request) => request.form)).toEqual([
      {
        grant_type: 'refresh_token',
        refresh_token: 'Atzr|partner',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      },
    ]);
  });

  it('gets a grantless token per scope with the client_credentials grant', async () => {
    const { provider, lwa } = await providerWith();

    const notifications = await provider.getToken({
      kind: 'grantless',
      scope: GrantlessScope.Notifications,
    });
    const rotation = await provider.getToken({
      kind: 'grantless',
      scope: GrantlessScope.ClientCredentialRotation,
    });
    const again = await provider.getToken({
      kind: 'grantless',
      scope: GrantlessScope.Notifications,
    });

    expect([notifications, rotation, again]).toEqual(['Atza|1', 'Atza|2', 'Atza|1']);
    expect(lwa.requests.map((request) => request.form['scope'])).toEqual([
      GrantlessScope.Notifications,
      GrantlessScope.ClientCredentialRotation,
    ]);
    expect(lwa.requests.map((request) => request.form['grant_type'])).toEqual([
      'client_credentials',
      'client_credentials',
    ]);
  });

  it('serves the cached token and refreshes it 60 s before expiry', async () => {
    const { provider, lwa } = await providerWith();

    await provider.getToken({ kind: 'partner' });
    clock.advance(HOUR - 60_001);
    await expect(provider.getToken({ kind: 'partner' })).resolves.toBe('Atza|1');
    expect(lwa.requests).toHaveLength(1);

    clock.advance(1);
    await expect(provider.getToken({ kind: 'partner' })).resolves.toBe('Atza|2');
    expect(lwa.requests).toHaveLength(2);
  });

  it('sends exactly one request for concurrent calls', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // LWA holds its answer until every caller is waiting on the cache.
    const { provider, lwa } = await providerWith({ override: () => gate.then(() => tokenReply()) });

    const calls = Array.from({ length: 20 }, () => provider.getToken({ kind: 'partner' }));
    while (lwa.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();

    expect(await Promise.all(calls)).toEqual(Array.from({ length: 20 }, () => 'Atza|test-access'));
    expect(lwa.requests).toHaveLength(1);
  });

  it('is not poisoned by a failed refresh', async () => {
    const { provider, lwa } = await providerWith({
      override: (_, index) =>
        index === 0 ? errorReply(503, 'temporarily_unavailable') : undefined,
    });

    await expect(provider.getToken({ kind: 'partner' })).rejects.toBeInstanceOf(
      LwaUnavailableError,
    );
    await expect(provider.getToken({ kind: 'partner' })).resolves.toBe('Atza|1');
    expect(lwa.requests).toHaveLength(2);
  });

  it('surfaces invalid_grant and asks again on the next call', async () => {
    const { provider, lwa } = await providerWith({
      override: () =>
        errorReply(400, 'invalid_grant', 'The request has an invalid grant parameter'),
    });

    await expect(provider.getToken({ kind: 'partner' })).rejects.toBeInstanceOf(
      LwaInvalidGrantError,
    );
    await expect(provider.getToken({ kind: 'partner' })).rejects.toMatchObject({
      reauthorizationRequired: true,
    });
    expect(lwa.requests).toHaveLength(2);
  });

  it('refreshes a token on forceRefresh', async () => {
    const { provider, lwa } = await providerWith();

    await provider.getToken({ kind: 'partner' });
    await expect(provider.getToken({ kind: 'partner' }, { forceRefresh: true })).resolves.toBe(
      'Atza|2',
    );
    await expect(provider.getToken({ kind: 'partner' })).resolves.toBe('Atza|2');
    expect(lwa.requests).toHaveLength(2);
  });

  it('uses a new refresh token as soon as its source returns one', async () => {
    let refreshToken = 'Atzr|old';
    const { provider, lwa } = await providerWith({ refreshToken: async () => refreshToken });

    await provider.getToken({ kind: 'partner' });
    refreshToken = 'Atzr|reauthorized';
    await expect(provider.getToken({ kind: 'partner' })).resolves.toBe('Atza|2');

    expect(lwa.requests.map((request) => request.form['refresh_token'])).toEqual([
      'Atzr|old',
      'Atzr|reauthorized',
    ]);
  });

  it('keeps serving cached tokens when only the client secret rotates', async () => {
    let clientSecret = 'secret-old';
    const { provider, lwa } = await providerWith({
      credentials: async () => ({ clientId: credentials.clientId, clientSecret }),
    });

    await provider.getToken({ kind: 'partner' });
    clientSecret = 'secret-new';
    await provider.getToken({ kind: 'partner' });
    clock.advance(HOUR);
    await provider.getToken({ kind: 'partner' });

    expect(lwa.requests.map((request) => request.form['client_secret'])).toEqual([
      'secret-old',
      'secret-new',
    ]);
  });

  it('refuses a partner token without a refresh token source', async () => {
    const { provider, lwa } = await providerWith({ refreshToken: undefined });

    await expect(provider.getToken({ kind: 'partner' })).rejects.toBeInstanceOf(
      LwaConfigurationError,
    );
    await expect(
      provider.getToken({ kind: 'grantless', scope: GrantlessScope.Notifications }),
    ).resolves.toBe('Atza|1');
    expect(lwa.requests).toHaveLength(1);
  });
});
