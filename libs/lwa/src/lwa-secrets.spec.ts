import { inspect } from 'node:util';
import { LwaError } from './errors';
import { LwaClient } from './lwa-client';
import { type LocalLwaServer, type LwaReply, startLocalLwaServer } from './test/local-lwa-server';
import { ManualClock } from './test/manual-clock';

// Canary values: none of them may appear anywhere in an error, however it is printed.
const CLIENT_SECRET = 'amzn1.oa2-cs.v1.CANARY-client-secret';
const REFRESH_TOKEN = 'Atzr|CANARY-refresh-token';
const AUTH_CODE = 'CANARY-auth-code';
const ACCESS_TOKEN = 'Atza|CANARY-access-token';
const CANARIES = [CLIENT_SECRET, REFRESH_TOKEN, AUTH_CODE, ACCESS_TOKEN];

type Grant = 'refresh' | 'code';

// What a misbehaving LWA (or a proxy before it) could echo: what it was sent, and any token.
const echo = (grant: Grant) =>
  [
    `client_secret=${CLIENT_SECRET}`,
    grant === 'refresh' ? `refresh_token=${REFRESH_TOKEN}` : `code=${AUTH_CODE}`,
    `encoded=${encodeURIComponent(grant === 'refresh' ? REFRESH_TOKEN : AUTH_CODE)}`,
    `form=${new URLSearchParams({ s: CLIENT_SECRET }).toString().slice(2)}`,
    `issued=${ACCESS_TOKEN} ${REFRESH_TOKEN} ${encodeURIComponent(ACCESS_TOKEN)}`,
  ].join(' ');

const scenarios: ReadonlyArray<[string, Grant, LwaReply]> = [
  ...['invalid_grant', 'invalid_client', 'invalid_request', 'server_error'].flatMap((code) =>
    (['refresh', 'code'] as const).map((grant): [string, Grant, LwaReply] => [
      `${code} echoing the ${grant} request`,
      grant,
      { status: 400, body: { error: code, error_description: echo(grant) } },
    ]),
  ),
  [
    'a 500 page echoing the request',
    'refresh',
    { status: 500, body: `<html>${echo('refresh')}</html>` },
  ],
  ['a 200 that is not JSON', 'refresh', { status: 200, body: `${ACCESS_TOKEN} ${REFRESH_TOKEN}` }],
  [
    'a 200 without expires_in',
    'refresh',
    {
      status: 200,
      body: { access_token: ACCESS_TOKEN, token_type: 'bearer', refresh_token: REFRESH_TOKEN },
    },
  ],
  [
    'a 200 with mistyped fields',
    'refresh',
    {
      status: 200,
      body: { access_token: [ACCESS_TOKEN], token_type: 'bearer', expires_in: ACCESS_TOKEN },
    },
  ],
  [
    'an authorization_code answer without refresh token',
    'code',
    { status: 200, body: { access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 3600 } },
  ],
  ['a dropped connection', 'refresh', 'destroy'],
];

describe('LWA errors never reveal credentials or tokens', () => {
  let server: LocalLwaServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each(scenarios)('after %s', async (_, grant, reply) => {
    server = await startLocalLwaServer(() => reply);
    const client = new LwaClient({
      baseUrl: server.baseUrl,
      clock: new ManualClock(),
      random: () => 0,
      retry: { maxAttempts: 2 },
    });
    const credentials = {
      clientId: 'amzn1.application-oa2-client.canary',
      clientSecret: CLIENT_SECRET,
    };
    const request =
      grant === 'refresh'
        ? client.refreshAccessToken({ ...credentials, refreshToken: REFRESH_TOKEN })
        : client.exchangeAuthorizationCode({
            ...credentials,
            code: AUTH_CODE,
            redirectUri: 'https://x',
          });

    const error: unknown = await request.then(
      () => undefined,
      (rejection: unknown) => rejection,
    );

    expect(error).toBeInstanceOf(LwaError);
    if (!(error instanceof LwaError)) return;
    const renderings = [
      error.message,
      String(error),
      JSON.stringify(error),
      error.stack ?? '',
      error.description ?? '',
      inspect(error, { depth: 10, showHidden: true }),
    ];
    for (const rendering of renderings) {
      for (const canary of CANARIES) {
        expect(rendering).not.toContain(canary);
        expect(rendering).not.toContain(encodeURIComponent(canary));
      }
    }
  });

  it('keeps the rest of the description for diagnosis', async () => {
    server = await startLocalLwaServer(() => ({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: `The request has an invalid grant: ${REFRESH_TOKEN}`,
      },
    }));
    const client = new LwaClient({ baseUrl: server.baseUrl, clock: new ManualClock() });

    const error: unknown = await client
      .refreshAccessToken({
        clientId: 'id',
        clientSecret: CLIENT_SECRET,
        refreshToken: REFRESH_TOKEN,
      })
      .catch((rejection: unknown) => rejection);

    expect(error).toMatchObject({ description: 'The request has an invalid grant: [redacted]' });
  });
});
