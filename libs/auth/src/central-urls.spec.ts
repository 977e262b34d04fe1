import { MARKETPLACES } from '@spapi-lake/config';
import { CENTRAL_URLS, centralBaseUrl, findCentralSite } from './central-urls';

describe('central URLs', () => {
  it('has a Seller Central base for every marketplace of the config table', () => {
    for (const marketplace of MARKETPLACES) {
      expect(CENTRAL_URLS[marketplace.countryCode]?.seller).toMatch(/^https:\/\/[a-z.-]+$/);
    }
  });

  it('gives the Seller or Vendor Central base of a marketplace', () => {
    expect(centralBaseUrl('A1PA6795UKMFR9', 'seller')).toBe(
      'https://sellercentral-europe.amazon.com',
    );
    expect(centralBaseUrl('A1PA6795UKMFR9', 'vendor')).toBe('https://vendorcentral.amazon.de');
    expect(centralBaseUrl('ATVPDKIKX0DER', 'vendor')).toBe('https://vendorcentral.amazon.com');
    expect(centralBaseUrl('A28R8C7NBKEWEA', 'vendor')).toBeUndefined();
    expect(centralBaseUrl('UNKNOWN', 'seller')).toBeUndefined();
  });

  it('recognises an Amazon site by its exact https host, with region and account type', () => {
    expect(findCentralSite('https://sellercentral.amazon.co.jp/apps/authorize/confirm/x')).toEqual({
      accountType: 'seller',
      region: 'FE',
      marketplaceIds: ['A1VC38T7YXB528'],
    });
    expect(findCentralSite('https://vendorcentral.amazon.me/apps/authorize/confirm/x')).toEqual({
      accountType: 'vendor',
      region: 'EU',
      marketplaceIds: ['A2VIGQ35RCS4UG', 'A17E79C6D8DWNP', 'ARBP9OOSHTCHU'],
    });
    expect(
      findCentralSite('https://sellercentral-europe.amazon.com/x')?.marketplaceIds,
    ).toHaveLength(5);
  });

  it('refuses look-alike, plain-http and credential-carrying addresses', () => {
    for (const url of [
      'http://sellercentral.amazon.com/apps',
      'https://sellercentral.amazon.com.evil.example/apps',
      'https://evil.example/?https://sellercentral.amazon.com',
      'https://user:pass@sellercentral.amazon.com/apps',
      'not a url',
    ]) {
      expect(findCentralSite(url)).toBeUndefined();
    }
  });
});
