import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type BrokerHarness, REDIRECT_URI, startBrokerHarness } from './test/broker-harness';
import { consent, consentThroughAuthorize, cookiesOf, locationOf } from './test/browser';
import { functionUrlEvent } from './test/events';

describe('website authorization (Function URL)', () => {
  let harness: BrokerHarness;
  let euSeller: string;

  beforeEach(async () => {
    harness = await startBrokerHarness();
    euSeller = harness.sim.credentials().partners[1]?.sellingPartnerId ?? '';
  });
  afterEach(() => harness.stop());

  const callback = (query: string, cookies: string[]) =>
    harness.handler(functionUrlEvent('callback.json', { query, cookies }));

  function expectPage(response: APIGatewayProxyStructuredResultV2, status: number, title: string) {
    expect(response.statusCode).toBe(status);
    expect(response.headers).toMatchObject({
      'Referrer-Policy': 'no-referrer',
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    expect(response.body).toContain(`<h1>${title}</h1>`);
  }

  it('runs /authorize -> consent -> /callback: stores the refresh token and registers the account', async () => {
    const started = await harness.handler(functionUrlEvent('authorize.json'));
    expect(started.statusCode).toBe(302);
    expect(started.headers).toMatchObject({ 'Referrer-Policy': 'no-referrer' });
    const consentUrl = locationOf(started);
    expect(`${consentUrl.origin}${consentUrl.pathname}`).toBe(
      `${harness.sim.baseUrl}/sellercentral/apps/authorize/consent`,
    );
    expect(consentUrl.searchParams.get('application_id')).toBe(
      harness.sim.credentials().applicationId,
    );
    expect(consentUrl.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(consentUrl.searchParams.get('version')).toBe('beta');
    expect(started.cookies?.[0]).toMatch(
      /^__Host-spapi-auth-[\w-]+=[\w-]+; Max-Age=600; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
    );

    const { query } = await consent(consentUrl, euSeller);
    const done = await callback(query, cookiesOf(started));

    expectPage(done, 200, 'Authorization complete');
    expect(done.body).toContain(
      `Selling partner ${euSeller} has authorized the application in region EU`,
    );
    expect(done.cookies?.[0]).toMatch(/^__Host-spapi-auth-[\w-]+=; Max-Age=0;/);
    const authorizedAt = new Date(harness.sim.clock.now()).toISOString();
    const stored = await harness.deps.secretStore.getRefreshToken({
      sellingPartnerId: euSeller,
      region: 'EU',
    });
    expect(stored).toEqual({
      refreshToken: expect.stringMatching(/^Atzr\|/),
      authorizedAt: harness.sim.clock.now(),
    });
    expect(harness.sim.world.partners.get(euSeller)?.refreshTokens).toContain(stored?.refreshToken);
    expect(await harness.accounts()).toEqual([
      {
        sellingPartnerId: euSeller,
        accountType: 'seller',
        region: 'EU',
        marketplaceIds: ['A1PA6795UKMFR9'],
        refreshTokenSecretRef: `local/refresh-tokens/${euSeller}/EU`,
        authorizedAt,
        status: 'active',
      },
    ]);
    expect(harness.metrics.total('AuthorizationCompleted')).toBe(1);

    const vended = await harness.handler({
      action: 'vend',
      grant: { kind: 'partner', sellingPartnerId: euSeller, region: 'EU' },
    });
    expect(vended).toMatchObject({ ok: true, accessToken: expect.stringMatching(/^Atza\|/) });
  });

  it('runs the Appstore flow: /login sends the browser back to Amazon with our state', async () => {
    const amazonCallback =
      'https://sellercentral-europe.amazon.com/apps/authorize/confirm/amzn1.sp.solution.example';
    const query = new URLSearchParams({
      amazon_callback_uri: amazonCallback,
      amazon_state: 'amazon-state-42',
      selling_partner_id: euSeller,
    }).toString();
    const login = await harness.handler(functionUrlEvent('login.json', { query }));
    const back = locationOf(login);
    expect(`${back.origin}${back.pathname}`).toBe(amazonCallback);
    expect(back.searchParams.get('amazon_state')).toBe('amazon-state-42');
    expect(back.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(back.searchParams.get('version')).toBe('beta');

    // Amazon confirms and continues like the website workflow, with our state.
    const consentUrl = new URL(`${harness.sim.baseUrl}/sellercentral/apps/authorize/consent`);
    consentUrl.searchParams.set('application_id', harness.sim.credentials().applicationId);
    consentUrl.searchParams.set('state', back.searchParams.get('state') ?? '');
    const consented = await consent(consentUrl, euSeller);
    const done = await callback(consented.query, cookiesOf(login));
    expectPage(done, 200, 'Authorization complete');
    expect((await harness.accounts())[0]?.marketplaceIds).toEqual([
      'A1F83G8C2ARO7P',
      'A1PA6795UKMFR9',
      'A13V1IB3VIYZZH',
      'APJ6JRA9NG5V4',
      'A1RKKUPIHCS9HS',
    ]);
  });

  it('refuses an Appstore login whose callback is not Seller or Vendor Central', async () => {
    const query = new URLSearchParams({
      amazon_callback_uri: 'https://attacker.example/apps/authorize/confirm',
      amazon_state: 's',
      selling_partner_id: euSeller,
    }).toString();
    const response = await harness.handler(functionUrlEvent('login.json', { query }));
    expectPage(response, 400, 'The authorization request is incomplete');
    expect(response.cookies).toBeUndefined();
  });

  it('refuses a forged state without calling LWA or storing anything', async () => {
    const { query, cookies } = await consentThroughAuthorize(harness, {
      sellingPartnerId: euSeller,
    });
    const params = new URLSearchParams(query);
    const [payload, signature] = (params.get('state') ?? '').split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    claims.claims.region = 'NA';
    params.set(
      'state',
      `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`,
    );
    const lwaBefore = harness.lwaRequests();

    const response = await callback(params.toString(), cookies);

    expectPage(response, 400, 'This authorization link is not valid');
    expect(harness.lwaRequests()).toBe(lwaBefore);
    expect(await harness.accounts()).toEqual([]);
    expect(harness.metrics.points).toContainEqual(
      expect.objectContaining({ name: 'AuthorizationRejected', dimensions: { reason: 'forged' } }),
    );
  });

  it('refuses an expired state', async () => {
    const { query, cookies } = await consentThroughAuthorize(harness, {
      sellingPartnerId: euSeller,
    });
    harness.sim.clock.advance(10 * 60_000);
    expectPage(await callback(query, cookies), 400, 'The authorization took too long');
    expect(await harness.accounts()).toEqual([]);
  });

  it('refuses a replayed state', async () => {
    const { query, cookies } = await consentThroughAuthorize(harness, {
      sellingPartnerId: euSeller,
    });
    expectPage(await callback(query, cookies), 200, 'Authorization complete');
    expectPage(await callback(query, cookies), 400, 'This authorization link was already used');
  });

  it('refuses a callback without the cookie, and one with another browser’s cookie', async () => {
    const { query, cookies } = await consentThroughAuthorize(harness, {
      sellingPartnerId: euSeller,
    });
    expectPage(await callback(query, []), 400, 'Your browser did not keep this site’s cookie');
    const foreign = cookies.map((cookie) => `${cookie.split('=')[0]}=another-browser`);
    expectPage(
      await callback(query, foreign),
      400,
      'This authorization was started in another browser',
    );
    // Neither attempt used the state up: the right browser still completes.
    expectPage(await callback(query, cookies), 200, 'Authorization complete');
  });

  it('shows Amazon’s refusal of an invalid or expired code', async () => {
    const invalid = await consentThroughAuthorize(harness, { sellingPartnerId: euSeller });
    const params = new URLSearchParams(invalid.query);
    params.set('spapi_oauth_code', 'NotAValidCode');
    const refused = await callback(params.toString(), invalid.cookies);
    expectPage(refused, 400, 'Amazon did not accept the authorization');
    expect(refused.body).toContain('codes live five minutes');

    const late = await consentThroughAuthorize(harness, { sellingPartnerId: euSeller });
    harness.sim.clock.advance(5 * 60_000 + 1_000);
    expectPage(
      await callback(late.query, late.cookies),
      400,
      'Amazon did not accept the authorization',
    );
    expect(await harness.accounts()).toEqual([]);
  });

  it('answers unknown pages 404, other methods 405, and a bad marketplace with a helpful page', async () => {
    const notFound = functionUrlEvent('authorize.json');
    notFound.rawPath = '/admin';
    expectPage(await harness.handler(notFound), 404, 'Page not found');
    const post = functionUrlEvent('authorize.json');
    post.requestContext.http.method = 'POST';
    expectPage(await harness.handler(post), 405, 'Method not allowed');
    const bad = await harness.handler(
      functionUrlEvent('authorize.json', { query: 'marketplace=ZZ' }),
    );
    expectPage(bad, 400, 'The authorization request is incomplete');
    expect(bad.body).toContain('Unknown marketplace &quot;ZZ&quot;');
  });
});
