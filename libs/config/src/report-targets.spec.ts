import { parseAccounts } from './account';
import { parseReportConfigs } from './report-config';
import { reportConfigAppliesTo, reportMarketplaceIds } from './report-targets';

const [euSeller, vendor, disabledSeller] = parseAccounts([
  {
    sellingPartnerId: 'A1SELLER',
    accountType: 'seller',
    region: 'EU',
    marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH'],
    refreshTokenSecretRef: 'refresh/A1SELLER/EU',
  },
  {
    sellingPartnerId: 'A1VENDOR',
    accountType: 'vendor',
    region: 'NA',
    marketplaceIds: ['ATVPDKIKX0DER'],
    refreshTokenSecretRef: 'refresh/A1VENDOR/NA',
  },
  {
    sellingPartnerId: 'A2SELLER',
    accountType: 'seller',
    region: 'EU',
    marketplaceIds: ['A1PA6795UKMFR9'],
    refreshTokenSecretRef: 'refresh/A2SELLER/EU',
    status: 'disabled',
  },
]);
const base = { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', windowDays: 1, schedule: 'daily' };
const [allMarketplaces, germanyAndUs, usOnly, paused] = parseReportConfigs([
  { ...base, id: 'listings', accountTypes: ['seller', 'vendor'] },
  {
    ...base,
    id: 'listings-de-us',
    accountTypes: ['seller'],
    marketplaceIds: ['A1PA6795UKMFR9', 'ATVPDKIKX0DER'],
  },
  { ...base, id: 'listings-us', accountTypes: ['seller'], marketplaceIds: ['ATVPDKIKX0DER'] },
  { ...base, id: 'listings-paused', accountTypes: ['seller'], enabled: false },
]);

describe('report targets', () => {
  if (
    !euSeller ||
    !vendor ||
    !disabledSeller ||
    !allMarketplaces ||
    !germanyAndUs ||
    !usOnly ||
    !paused
  ) {
    throw new Error('fixtures did not parse');
  }

  it('covers the account marketplaces by default and narrows an override to them', () => {
    expect(reportMarketplaceIds(allMarketplaces, euSeller)).toEqual([
      'A1PA6795UKMFR9',
      'A13V1IB3VIYZZH',
    ]);
    expect(reportMarketplaceIds(germanyAndUs, euSeller)).toEqual(['A1PA6795UKMFR9']);
    expect(reportMarketplaceIds(usOnly, euSeller)).toEqual([]);
  });

  it('applies only to enabled configs, active accounts, listed types and shared marketplaces', () => {
    expect(reportConfigAppliesTo(allMarketplaces, euSeller)).toBe(true);
    expect(reportConfigAppliesTo(allMarketplaces, vendor)).toBe(true);
    expect(reportConfigAppliesTo(germanyAndUs, vendor)).toBe(false);
    expect(reportConfigAppliesTo(usOnly, euSeller)).toBe(false);
    expect(reportConfigAppliesTo(paused, euSeller)).toBe(false);
    expect(reportConfigAppliesTo(allMarketplaces, disabledSeller)).toBe(false);
  });
});
