import { SpApiUnknownMarketplaceError } from './errors';
import { isKnownMarketplaceId, marketplaces, regionOfMarketplace } from './marketplaces';

describe('regionOfMarketplace', () => {
  it('maps marketplaces to their selling region', () => {
    expect(regionOfMarketplace('ATVPDKIKX0DER')).toBe('NA');
    expect(regionOfMarketplace('A1PA6795UKMFR9')).toBe('EU');
    expect(regionOfMarketplace('A21TJRUUN4KGV')).toBe('EU');
    expect(regionOfMarketplace('A1VC38T7YXB528')).toBe('FE');
  });

  it('uses ISO country codes (GB for the United Kingdom)', () => {
    expect(marketplaces.A1F83G8C2ARO7P.countryCode).toBe('GB');
    expect(Object.keys(marketplaces)).toHaveLength(23);
  });

  it('rejects unknown ids', () => {
    expect(isKnownMarketplaceId('A2ZV50J4W1RKNI')).toBe(false);
    expect(isKnownMarketplaceId('toString')).toBe(false);
    expect(() => regionOfMarketplace('A2ZV50J4W1RKNI')).toThrow(SpApiUnknownMarketplaceError);
  });
});
