import type { AuthorizationSettings } from './authorization-settings';
import { verifyAuthorizationState } from './authorization-state';
import { AuthorizationRequestError } from './errors';
import { startAppstoreAuthorization } from './start-appstore-authorization';
import { startAuthorization } from './start-authorization';
import {
  CountingNonces,
  InMemoryUsedStateStore,
  ManualClock,
  RecordingMetrics,
} from './test/fakes';

const SETTINGS: AuthorizationSettings = {
  applicationId: 'amzn1.sp.solution.test-app',
  redirectUri: 'https://broker.example.com/callback',
  draft: true,
  stateTtlMs: 600_000,
};

function setup(settings: Partial<AuthorizationSettings> = {}) {
  const clock = new ManualClock();
  const metrics = new RecordingMetrics();
  const signingKey = async () => 'k'.repeat(40);
  const deps = {
    signingKey,
    nonces: new CountingNonces(),
    clock,
    metrics,
    settings: { ...SETTINGS, ...settings },
  };
  const verify = (state: string | null, cookies: Record<string, string>) =>
    verifyAuthorizationState(
      { signingKey, clock, usedStates: new InMemoryUsedStateStore() },
      state ?? undefined,
      cookies,
    );
  return { deps, metrics, verify };
}

describe('startAuthorization', () => {
  it('redirects to the consent page of the marketplace with a state bound to a new cookie', async () => {
    const { deps, verify, metrics } = setup();
    const redirect = await startAuthorization(deps, { marketplace: 'DE' });
    const url = new URL(redirect.location);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://sellercentral-europe.amazon.com/apps/authorize/consent',
    );
    expect(url.searchParams.get('application_id')).toBe(SETTINGS.applicationId);
    expect(url.searchParams.get('redirect_uri')).toBe(SETTINGS.redirectUri);
    expect(url.searchParams.get('version')).toBe('beta');
    expect(redirect.cookie.maxAgeSeconds).toBe(600);
    const claims = await verify(url.searchParams.get('state'), {
      [redirect.cookie.name]: redirect.cookie.value,
    });
    expect(claims).toMatchObject({
      flow: 'website',
      region: 'EU',
      accountType: 'seller',
      marketplaceIds: ['A1PA6795UKMFR9'],
    });
    expect(metrics.total('AuthorizationStarted')).toBe(1);
  });

  it('uses Vendor Central for vendors, accepts marketplace ids and UK, and omits version once published', async () => {
    const { deps } = setup({ draft: false });
    const vendor = new URL(
      (await startAuthorization(deps, { marketplace: 'ATVPDKIKX0DER', accountType: 'vendor' }))
        .location,
    );
    expect(vendor.origin).toBe('https://vendorcentral.amazon.com');
    expect(vendor.searchParams.has('version')).toBe(false);
    const uk = new URL((await startAuthorization(deps, { marketplace: 'uk' })).location);
    expect(uk.origin).toBe('https://sellercentral-europe.amazon.com');
  });

  it('sends consent to the override base when one is configured', async () => {
    const { deps } = setup({
      consentBaseUrlOverride: { seller: 'http://127.0.0.1:9/sellercentral/' },
    });
    const url = new URL((await startAuthorization(deps, { marketplace: 'US' })).location);
    expect(`${url.origin}${url.pathname}`).toBe(
      'http://127.0.0.1:9/sellercentral/apps/authorize/consent',
    );
  });

  it('refuses a missing or unknown marketplace, a bad account type and a marketplace without Vendor Central', async () => {
    const { deps } = setup();
    await expect(startAuthorization(deps, {})).rejects.toBeInstanceOf(AuthorizationRequestError);
    await expect(startAuthorization(deps, { marketplace: 'XX' })).rejects.toThrow(
      'Unknown marketplace "XX"',
    );
    await expect(
      startAuthorization(deps, { marketplace: 'US', accountType: 'admin' }),
    ).rejects.toThrow('account_type');
    await expect(
      startAuthorization(deps, { marketplace: 'IE', accountType: 'vendor' }),
    ).rejects.toThrow('no Vendor Central for Ireland');
  });
});

describe('startAppstoreAuthorization', () => {
  const input = {
    amazonCallbackUri:
      'https://sellercentral.amazon.com/apps/authorize/confirm/amzn1.sp.solution.x',
    amazonState: 'amazon-state-123',
    sellingPartnerId: 'A3SELLER000001',
  };

  it('sends the browser back to Amazon with amazon_state, our state and the redirect URI', async () => {
    const { deps, verify } = setup();
    const redirect = await startAppstoreAuthorization(deps, input);
    const url = new URL(redirect.location);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://sellercentral.amazon.com/apps/authorize/confirm/amzn1.sp.solution.x',
    );
    expect(url.searchParams.get('amazon_state')).toBe('amazon-state-123');
    expect(url.searchParams.get('redirect_uri')).toBe(SETTINGS.redirectUri);
    expect(url.searchParams.get('version')).toBe('beta');
    const claims = await verify(url.searchParams.get('state'), {
      [redirect.cookie.name]: redirect.cookie.value,
    });
    expect(claims).toMatchObject({
      flow: 'appstore',
      region: 'NA',
      accountType: 'seller',
      marketplaceIds: ['ATVPDKIKX0DER'],
      sellingPartnerId: 'A3SELLER000001',
    });
  });

  it('refuses a callback URI outside Seller and Vendor Central, and missing parameters', async () => {
    const { deps } = setup();
    await expect(
      startAppstoreAuthorization(deps, { ...input, amazonCallbackUri: 'https://evil.example/x' }),
    ).rejects.toThrow('not a Seller Central or Vendor Central address');
    await expect(
      startAppstoreAuthorization(deps, { ...input, amazonState: '' }),
    ).rejects.toBeInstanceOf(AuthorizationRequestError);
    await expect(
      startAppstoreAuthorization(deps, { ...input, sellingPartnerId: 'a/b' }),
    ).rejects.toBeInstanceOf(AuthorizationRequestError);
  });
});
