import { GRANTLESS_SCOPES, addPartner, defaultWorld } from './world';

describe('default world', () => {
  it('holds one LWA client and three partners, deterministic for a seed', () => {
    const world = defaultWorld(42);
    const [client] = [...world.clients.values()];
    expect(client?.clientId).toMatch(/^amzn1\.application-oa2-client\.[0-9a-f]{32}$/);
    expect(client?.clientSecrets[0]?.value).toMatch(/^amzn1\.oa2-cs\.v1\./);
    expect(client?.grantlessScopes).toEqual([
      GRANTLESS_SCOPES.notifications,
      GRANTLESS_SCOPES.rotation,
    ]);
    const partners = [...world.partners.values()];
    expect(partners.map((p) => [p.accountType, p.region, p.marketplaceIds])).toEqual([
      ['seller', 'NA', ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2']],
      ['seller', 'EU', ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH']],
      ['vendor', 'NA', ['ATVPDKIKX0DER']],
    ]);
    expect(partners[0]?.accountId).toBe(`amzn1.merchant.o.${partners[0]?.sellingPartnerId}`);
    expect(partners[2]?.accountId).toMatch(/^amzn1\.vg\.\d+$/);
    expect(partners.every((p) => p.refreshTokens[0]?.startsWith('Atzr|'))).toBe(true);

    const again = defaultWorld(42);
    expect([...again.partners.keys()]).toEqual([...world.partners.keys()]);
    expect([...again.clients.keys()]).toEqual([...world.clients.keys()]);
    expect([...defaultWorld(43).partners.keys()]).not.toEqual([...world.partners.keys()]);
  });

  it('keeps per-module state created on first use', () => {
    const world = defaultWorld(1);
    const state = world.state('x', () => ({ n: 1 }));
    state.n += 1;
    expect(world.state('x', () => ({ n: 0 })).n).toBe(2);
  });

  it('adds partners with explicit or derived ids', () => {
    const world = defaultWorld(1);
    const partner = addPartner(world, {
      accountType: 'seller',
      region: 'FE',
      marketplaceIds: ['A1VC38T7YXB528'],
      sellingPartnerId: 'AJPSELLER',
    });
    expect(world.partners.get('AJPSELLER')).toBe(partner);
  });
});
