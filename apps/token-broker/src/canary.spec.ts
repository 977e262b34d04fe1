import { ReauthorizationRequiredError, TokenBrokerClient } from '@spapi-lake/auth';
import { InProcessBrokerInvoker } from '@spapi-lake/auth-adapters';
import {
  GRANTLESS_SCOPES,
  addPartner,
  createWorld,
  setRotationNotificationEnrollment,
} from '@spapi-lake/sp-api-simulator';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type BrokerHarness, REDIRECT_URI, startBrokerHarness } from './test/broker-harness';
import { consentThroughAuthorize, cookiesOf, locationOf } from './test/browser';
import { functionUrlEvent, loadEvent, sqsEvent } from './test/events';

// Known values without the shapes the logger recognises (Atza|, Atzr|, amzn1.oa2-cs.): only the
// code's own discipline keeps them out, not the redactor's patterns.
const CLIENT_SECRET = 'canary-client-secret-3f9a7c1e5b2d';
const NA_REFRESH_TOKEN = 'canary-refresh-token-na-8d2e4f6a0c';
const EU_REFRESH_TOKEN = 'canary-refresh-token-eu-1b3d5f7a9c';
const SIGNING_KEY = 'canary-state-signing-key-0123456789abcdef';
const UNISSUED_SECRET = 'canary-never-issued-client-secret-77aa';

function canaryWorld() {
  const world = createWorld(9);
  world.clients.set('amzn1.application-oa2-client.canary', {
    clientId: 'amzn1.application-oa2-client.canary',
    clientSecrets: [{ value: CLIENT_SECRET, expiresAt: null }],
    applicationId: 'amzn1.sp.solution.canary',
    redirectUris: [REDIRECT_URI],
    grantlessScopes: [GRANTLESS_SCOPES.notifications, GRANTLESS_SCOPES.rotation],
  });
  addPartner(world, {
    accountType: 'seller',
    region: 'NA',
    marketplaceIds: ['ATVPDKIKX0DER'],
    sellingPartnerId: 'A1CANARYNA',
    refreshTokens: [NA_REFRESH_TOKEN],
  });
  addPartner(world, {
    accountType: 'seller',
    region: 'EU',
    marketplaceIds: ['A1PA6795UKMFR9'],
    sellingPartnerId: 'A2CANARYEU',
    refreshTokens: [EU_REFRESH_TOKEN],
  });
  return world;
}

function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    texts.push(current.message, String(current.stack));
    current = current.cause;
  }
  return texts;
}

describe('canary: no secret in logs, errors or HTTP responses', () => {
  let harness: BrokerHarness;

  beforeEach(async () => {
    harness = await startBrokerHarness({ world: canaryWorld(), signingKey: SIGNING_KEY });
  });
  afterEach(() => harness.stop());

  it('keeps tokens, client secrets and refresh tokens out of every path', async () => {
    const { handler, sim } = harness;
    const pages: APIGatewayProxyStructuredResultV2[] = [];
    const answers: unknown[] = [];
    const errors: string[] = [];
    const accessTokens: string[] = [];
    const secrets = [
      CLIENT_SECRET,
      NA_REFRESH_TOKEN,
      EU_REFRESH_TOKEN,
      SIGNING_KEY,
      UNISSUED_SECRET,
    ];
    const page = async (event: Parameters<typeof handler>[0]) => {
      const response = (await handler(event)) as APIGatewayProxyStructuredResultV2;
      pages.push(response);
      return response;
    };
    const vend = async (event: object) => {
      const answer = await handler(event);
      if (typeof answer === 'object' && answer !== null && 'accessToken' in answer) {
        accessTokens.push(String(answer.accessToken));
        expect(Object.keys(answer).sort()).toEqual(['accessToken', 'expiresAt', 'ok']);
      } else {
        answers.push(answer);
      }
      return answer;
    };
    await harness.deps.accountRegistry.update(() => [
      {
        sellingPartnerId: 'A1CANARYNA',
        accountType: 'seller',
        region: 'NA',
        marketplaceIds: ['ATVPDKIKX0DER'],
        refreshTokenSecretRef: 'local/refresh-tokens/A1CANARYNA/NA',
      },
    ]);
    await harness.deps.secretStore.putRefreshToken(
      { sellingPartnerId: 'A1CANARYNA', region: 'NA' },
      { refreshToken: NA_REFRESH_TOKEN, authorizedAt: sim.clock.now() },
    );

    // Website authorization: success, then every refusal.
    const ok = await consentThroughAuthorize(harness, { sellingPartnerId: 'A2CANARYEU' });
    const callback = (query: string, cookies: string[]) =>
      page(functionUrlEvent('callback.json', { query, cookies }));
    await callback(ok.query, ok.cookies);
    await callback(ok.query, ok.cookies);
    const issued = await harness.deps.secretStore.getRefreshToken({
      sellingPartnerId: 'A2CANARYEU',
      region: 'EU',
    });
    secrets.push(issued?.refreshToken ?? 'missing-refresh-token');
    const forged = new URLSearchParams(ok.query);
    forged.set('state', `${forged.get('state')?.split('.')[0]}.AAAA`);
    await callback(forged.toString(), ok.cookies);
    const noCookie = await consentThroughAuthorize(harness, { sellingPartnerId: 'A2CANARYEU' });
    await callback(noCookie.query, []);
    const badCode = new URLSearchParams(noCookie.query);
    badCode.set('spapi_oauth_code', 'WrongCode');
    await callback(badCode.toString(), noCookie.cookies);
    const expired = await consentThroughAuthorize(harness, { sellingPartnerId: 'A2CANARYEU' });
    sim.clock.advance(11 * 60_000);
    await callback(expired.query, expired.cookies);
    const login = await page(
      functionUrlEvent('login.json', {
        query: new URLSearchParams({
          amazon_callback_uri: 'https://sellercentral.amazon.com/apps/authorize/confirm/x',
          amazon_state: 'amazon-state',
          selling_partner_id: 'A1CANARYNA',
        }).toString(),
      }),
    );
    expect(locationOf(login).host).toBe('sellercentral.amazon.com');
    expect(cookiesOf(login)).toHaveLength(1);

    // Vending: partner, grantless, invalid requests, a revoked partner, via the caller's client.
    await vend({
      action: 'vend',
      grant: { kind: 'partner', sellingPartnerId: 'A1CANARYNA', region: 'NA' },
    });
    await vend({
      action: 'vend',
      grant: { kind: 'partner', sellingPartnerId: 'A2CANARYEU', region: 'EU' },
    });
    await vend(loadEvent('vend-grantless.json'));
    await vend({ action: 'vend', grant: { kind: 'grantless', scope: NA_REFRESH_TOKEN } });
    await vend({
      action: 'vend',
      grant: { kind: 'partner', sellingPartnerId: 'A9NOBODY', region: 'FE' },
    });
    sim.faults.set({ revokedRefreshTokens: [NA_REFRESH_TOKEN] });
    await vend({
      action: 'vend',
      grant: { kind: 'partner', sellingPartnerId: 'A1CANARYNA', region: 'NA' },
      forceRefresh: true,
    });
    const client = new TokenBrokerClient({
      invoker: new InProcessBrokerInvoker(handler),
      clock: harness.deps.clock,
    });
    const revoked = await client
      .forPartner({ sellingPartnerId: 'A1CANARYNA', region: 'NA' })
      .getToken({ kind: 'partner' }, { forceRefresh: true })
      .catch((error: unknown) => error);
    expect(revoked).toBeInstanceOf(ReauthorizationRequiredError);
    errors.push(...errorTexts(revoked));
    sim.faults.clear();

    // Rotation: request, the new secret's notification (twice), a secret that does not work,
    // an expiry warning, the daily check, and a rotation Amazon refuses (not enrolled).
    await handler(loadEvent('rotate.json'));
    const delivered = sim.queue.drain();
    secrets.push(sim.credentials().clientSecret);
    answers.push(await handler(sqsEvent('new-secret-sqs.json', [...delivered, ...delivered])));
    const unissued = JSON.parse(delivered[0] ?? '{}');
    unissued.payload.applicationOAuthClientNewSecret.newClientSecret = UNISSUED_SECRET;
    unissued.notificationMetadata.notificationId = 'canary-unissued';
    answers.push(await handler(sqsEvent('new-secret-sqs.json', [JSON.stringify(unissued)])));
    const expiry = JSON.parse(
      loadEvent<{ Records: { body: string }[] }>('secret-expiry-sqs.json').Records[0]?.body ?? '{}',
    );
    expiry.payload.applicationOAuthClientSecretExpiry.clientId =
      'amzn1.application-oa2-client.canary';
    expiry.notificationMetadata.publishTime = new Date(sim.clock.now() + 1).toISOString();
    answers.push(await handler(sqsEvent('secret-expiry-sqs.json', [JSON.stringify(expiry)])));
    for (const body of sim.queue.drain()) {
      secrets.push(JSON.parse(body).payload.applicationOAuthClientNewSecret.newClientSecret);
      answers.push(await handler(sqsEvent('new-secret-sqs.json', [body])));
    }
    secrets.push(sim.credentials().clientSecret);
    answers.push(await handler(loadEvent('check-expiry.json')));
    setRotationNotificationEnrollment(sim.world, 'amzn1.application-oa2-client.canary', false);
    const refused = await handler(loadEvent('rotate.json')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    errors.push(...errorTexts(refused));
    await handler({ action: 'unknown' }).catch((error: unknown) =>
      errors.push(...errorTexts(error)),
    );
    await vend(loadEvent('vend-grantless.json'));

    expect(pages.length).toBeGreaterThanOrEqual(7);
    expect(accessTokens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(secrets).size).toBeGreaterThanOrEqual(7);
    const logs = harness.output.join('');
    expect(logs).toContain('authorization completed');
    expect(logs).toContain('selling partner must re-authorize');
    const responses = JSON.stringify(pages) + JSON.stringify(answers);
    const messages = errors.join('\n');
    for (const value of [...secrets, ...accessTokens]) {
      for (const form of new Set([
        value,
        encodeURIComponent(value),
        JSON.stringify(value).slice(1, -1),
      ])) {
        expect({ value: form, inLogs: logs.includes(form) }).toEqual({
          value: form,
          inLogs: false,
        });
        expect({ value: form, inResponses: responses.includes(form) }).toEqual({
          value: form,
          inResponses: false,
        });
        expect({ value: form, inErrors: messages.includes(form) }).toEqual({
          value: form,
          inErrors: false,
        });
      }
    }
  });
});
