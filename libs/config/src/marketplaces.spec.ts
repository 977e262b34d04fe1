import {
  MARKETPLACES,
  findMarketplace,
  isMarketplaceId,
  marketplacesInRegion,
} from './marketplaces';

describe('marketplaces', () => {
  it('holds the 23 marketplaces of SPAPI.md 1.2 with distinct ids', () => {
    expect(MARKETPLACES).toHaveLength(23);
    expect(new Set(MARKETPLACES.map((marketplace) => marketplace.id)).size).toBe(23);
  });

  it('finds a marketplace by id with its country and region', () => {
    expect(findMarketplace('A1PA6795UKMFR9')).toEqual({
      id: 'A1PA6795UKMFR9',
      countryCode: 'DE',
      country: 'Germany',
      region: 'EU',
    });
    expect(findMarketplace('NOPE')).toBeUndefined();
    expect(isMarketplaceId('ATVPDKIKX0DER')).toBe(true);
    expect(isMarketplaceId('atvpdkikx0der')).toBe(false);
  });

  it('uses the ISO code GB for the United Kingdom and serves India from the EU endpoint', () => {
    expect(findMarketplace('A1F83G8C2ARO7P')?.countryCode).toBe('GB');
    expect(findMarketplace('A21TJRUUN4KGV')?.region).toBe('EU');
  });

  it('lists the marketplaces of a region', () => {
    expect(marketplacesInRegion('NA').map((marketplace) => marketplace.countryCode)).toEqual([
      'US',
      'CA',
      'MX',
      'BR',
    ]);
    expect(marketplacesInRegion('FE').map((marketplace) => marketplace.countryCode)).toEqual([
      'JP',
      'AU',
      'SG',
    ]);
    expect(marketplacesInRegion('EU')).toHaveLength(16);
  });
});
