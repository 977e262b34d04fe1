import { parseCatalogRefreshRequest } from './catalog-refresh-request';
import { CatalogRefreshInputError } from './errors';

const base = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  region: 'NA',
  marketplaceIds: ['ATVPDKIKX0DER'],
};

describe('parseCatalogRefreshRequest', () => {
  it('defaults to listings plus the catalog items of their ASINs with every seller dataset', () => {
    const request = parseCatalogRefreshRequest(base);
    expect(request.listings).toEqual({
      enabled: true,
      includedData: ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability'],
    });
    expect(request.catalog.source).toEqual({ kind: 'listings' });
    expect(request.catalog.includedData).toEqual([
      'attributes',
      'classifications',
      'dimensions',
      'identifiers',
      'images',
      'productTypes',
      'relationships',
      'salesRanks',
      'summaries',
    ]);
  });

  it('takes identifiers, an identifiers object or a keyword search as the catalog source', () => {
    expect(
      parseCatalogRefreshRequest({
        ...base,
        catalog: {
          source: { kind: 'identifiers', identifiersType: 'EAN', identifiers: ['4006381333931'] },
        },
      }).catalog.source,
    ).toEqual({ kind: 'identifiers', identifiersType: 'EAN', identifiers: ['4006381333931'] });
    expect(
      parseCatalogRefreshRequest({
        ...base,
        catalog: { source: { kind: 'keywords', keywords: ['towel'], brandNames: ['Acme'] } },
      }).catalog.source,
    ).toEqual({ kind: 'keywords', keywords: ['towel'], brandNames: ['Acme'], maxResults: 1000 });
  });

  it('refuses the listings source without listings, naming the path', () => {
    expect(() => parseCatalogRefreshRequest({ ...base, listings: { enabled: false } })).toThrow(
      /catalog\.source: the listings source needs listings\.enabled/,
    );
  });

  it('refuses a marketplace another region serves, naming it', () => {
    expect(() =>
      parseCatalogRefreshRequest({ ...base, marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'] }),
    ).toThrow(/marketplaceIds\.1: is served by the FE endpoint, not NA/);
    expect(
      parseCatalogRefreshRequest({ ...base, region: 'FE', marketplaceIds: ['A1VC38T7YXB528'] })
        .marketplaceIds,
    ).toEqual(['A1VC38T7YXB528']);
  });

  it('refuses unknown datasets, duplicate marketplaces and listings without summaries', () => {
    const bad = [
      { ...base, catalog: { includedData: ['prices'] } },
      { ...base, marketplaceIds: ['ATVPDKIKX0DER', 'ATVPDKIKX0DER'] },
      { ...base, listings: { includedData: ['issues'] } },
      { ...base, refreshId: 'has space' },
      { ...base, catalog: { source: { kind: 'keywords', keywords: [] } } },
    ];
    for (const input of bad) {
      expect(() => parseCatalogRefreshRequest(input)).toThrow(CatalogRefreshInputError);
    }
  });
});
