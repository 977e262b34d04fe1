import {
  ReauthorizationRequiredError,
  TokenBrokerClient,
  type VendResponse,
} from '@spapi-lake/auth';
import { InProcessBrokerInvoker } from '@spapi-lake/auth-adapters';
import type { AccountInput } from '@spapi-lake/config';
import { RateLimiterRegistry, createSpApiClient } from '@spapi-lake/sp-api';
import { type BrokerHarness, startBrokerHarness } from './test/broker-harness';
import { consentThroughAuthorize } from './test/browser';
import { functionUrlEvent, loadEvent } from './test/events';

const HOUR = 3_600_000;

describe('token vending (direct invocation)', () => {
  let harness: BrokerHarness;
  let partner: { sellingPartnerId: string; refreshToken: string };
  let vendPartner: {
    action: 'vend';
    grant: { kind: 'partner'; sellingPartnerId: string; region: 'NA' };
  };

  beforeEach(async () => {
    const account = (sellingPartnerId: string): AccountInput => ({
      sellingPartnerId,
      accountType: 'seller',
      region: 'NA',
      marketplaceIds: ['ATVPDKIKX0DER'],
      refreshTokenSecretRef: `local/refresh-tokens/${sellingPartnerId}/NA`,
    });
    harness = await startBrokerHarness();
    const first = harness.sim.credentials().partners[0];
    partner = {
      sellingPartnerId: first?.sellingPartnerId ?? '',
      refreshToken: first?.refreshToken ?? '',
    };
    await harness.deps.accountRegistry.update(() => [account(partner.sellingPartnerId)]);
    await harness.deps.secretStore.putRefreshToken(
      { sellingPartnerId: partner.sellingPartnerId, region: 'NA' },
      { refreshToken: partner.refreshToken, authorizedAt: harness.sim.clock.now() },
    );
    vendPartner = loadEvent('vend-partner.json');
    vendPartner.grant = {
      kind: 'partner',
      sellingPartnerId: partner.sellingPartnerId,
      region: 'NA',
    };
  });
  afterEach(() => harness.stop());

  it('vends a partner token, cached until a minute before it expires', async () => {
    const first = (await harness.handler(vendPartner)) as VendResponse;
    expect(first).toEqual({
      ok: true,
      accessToken: expect.stringMatching(/^Atza\|/),
      expiresAt: harness.sim.clock.now() + HOUR,
    });
    expect(Object.keys(first)).toEqual(['ok', 'accessToken', 'expiresAt']);
    harness.sim.clock.advance(HOUR - 61_000);
    expect(await harness.handler(vendPartner)).toEqual(first);
    expect(harness.lwaRequests()).toBe(1);
    harness.sim.clock.advance(1_000);
    const second = (await harness.handler(vendPartner)) as VendResponse;
    expect(second.ok && second.accessToken).not.toBe(first.ok && first.accessToken);
    expect(harness.lwaRequests()).toBe(2);
  });

  it('makes a single LWA call for concurrent invocations', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => harness.handler(vendPartner)),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(harness.lwaRequests()).toBe(1);
  });

  it('skips the cache when the caller says its token was refused', async () => {
    await harness.handler(vendPartner);
    await harness.handler({ ...vendPartner, forceRefresh: true });
    expect(harness.lwaRequests()).toBe(2);
  });

  it('vends grantless notifications tokens, never a rotation token', async () => {
    const notifications = loadEvent<object>('vend-grantless.json');
    const rotation = {
      action: 'vend',
      grant: { kind: 'grantless', scope: 'sellingpartnerapi::client_credential:rotation' },
    };
    const a = await harness.handler(notifications);
    expect(await harness.handler(notifications)).toEqual(a);
    expect(a).toMatchObject({ ok: true });
    expect(harness.lwaRequests()).toBe(1);
    // Any function allowed to vend could otherwise rotate the client secret: only the broker does.
    expect(await harness.handler(rotation)).toMatchObject({
      ok: false,
      error: { name: 'VendRequestInvalidError', retryable: false },
    });
    expect(harness.lwaRequests()).toBe(1);
    expect(
      await harness.handler({
        action: 'vend',
        grant: { kind: 'grantless', scope: 'sellingpartnerapi::migration' },
      }),
    ).toEqual({
      ok: false,
      error: {
        name: 'VendRequestInvalidError',
        message: expect.stringContaining('grant.scope'),
        retryable: false,
      },
    });
  });

  it('marks a revoked partner for re-authorization, says so clearly and does not retry', async () => {
    harness.sim.faults.set({ revokedRefreshTokens: [partner.sellingPartnerId] });
    const answer = await harness.handler(vendPartner);
    expect(answer).toEqual({
      ok: false,
      error: {
        name: 'ReauthorizationRequiredError',
        message: expect.stringContaining(
          `Selling partner ${partner.sellingPartnerId} (NA) must authorize the application again`,
        ),
        retryable: false,
      },
    });
    expect(harness.lwaRequests()).toBe(1);
    expect((await harness.accounts())[0]?.status).toBe('reauthorization-required');
    expect(harness.metrics.points).toContainEqual({
      name: 'ReauthorizationRequired',
      value: 1,
      unit: 'Count',
      dimensions: { region: 'NA' },
    });
    expect(harness.output.join('')).toContain('selling partner must re-authorize');

    // The partner authorizes again: the account is active and vending works.
    harness.sim.faults.clear();
    const { query, cookies } = await consentThroughAuthorize(harness, {
      query: 'marketplace=US',
      sellingPartnerId: partner.sellingPartnerId,
    });
    await harness.handler(functionUrlEvent('callback.json', { query, cookies }));
    expect((await harness.accounts())[0]?.status).toBe('active');
    expect(await harness.handler(vendPartner)).toMatchObject({ ok: true });
  });

  it('answers a partner that never authorized with RefreshTokenNotFoundError', async () => {
    const answer = await harness.handler({
      action: 'vend',
      grant: { kind: 'partner', sellingPartnerId: 'A0NOBODY', region: 'FE' },
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { name: 'RefreshTokenNotFoundError', retryable: false },
    });
  });

  it('serves callers through TokenBrokerClient, which the SP-API client takes as its TokenProvider', async () => {
    const clock = harness.deps.clock;
    const broker = new TokenBrokerClient({
      invoker: new InProcessBrokerInvoker(harness.handler),
      clock,
    });
    const tokenProvider = broker.forPartner({
      sellingPartnerId: partner.sellingPartnerId,
      region: 'NA',
    });
    const spApi = createSpApiClient({
      baseUrl: harness.sim.spApiBaseUrl,
      sellingPartnerId: partner.sellingPartnerId,
      tokenProvider,
      limiters: new RateLimiterRegistry({ clock }),
      userAgent: { appName: 'report-creator', appVersion: '0.1.0' },
      clock,
    });
    const participations = await spApi.sellers.getMarketplaceParticipations();
    expect(participations.map((p) => p.marketplace.id)).toEqual([
      'ATVPDKIKX0DER',
      'A2EUQ1WTGCTBG2',
    ]);
    await tokenProvider.getToken({ kind: 'partner' });
    expect(harness.lwaRequests()).toBe(1);

    harness.sim.faults.set({ revokedRefreshTokens: [partner.sellingPartnerId] });
    await expect(
      tokenProvider.getToken({ kind: 'partner' }, { forceRefresh: true }),
    ).rejects.toBeInstanceOf(ReauthorizationRequiredError);
  });
});
