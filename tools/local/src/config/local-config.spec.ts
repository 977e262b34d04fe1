import { parseReportConfigs } from '@spapi-lake/config';
import { defaultWorld } from '@spapi-lake/sp-api-simulator';
import { faultProfile } from './fault-profiles';
import { localPartners } from './local-partners';
import { localReportConfigs } from './local-report-configs';

const credentials = () => {
  const world = defaultWorld(1);
  const client = [...world.clients.values()][0];
  return {
    clientId: client?.clientId ?? '',
    clientSecret: client?.clientSecrets[0]?.value ?? '',
    applicationId: client?.applicationId ?? '',
    partners: [...world.partners.values()].map((p) => ({
      sellingPartnerId: p.sellingPartnerId,
      accountType: p.accountType,
      region: p.region,
      marketplaceIds: p.marketplaceIds,
      refreshToken: p.refreshTokens[0] ?? '',
    })),
  };
};

describe('localPartners', () => {
  it('names the default world: a US+CA seller, a DE+FR seller and a US vendor', () => {
    expect(
      localPartners(credentials()).map((p) => [p.alias, p.accountType, p.region, p.marketplaceIds]),
    ).toEqual([
      ['na-seller', 'seller', 'NA', ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2']],
      ['eu-seller', 'seller', 'EU', ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH']],
      ['vendor', 'vendor', 'NA', ['ATVPDKIKX0DER']],
    ]);
  });

  it('narrows to aliases or ids and names what matches nothing', () => {
    const all = localPartners(credentials());
    const vendorId = all[2]?.sellingPartnerId ?? '';
    expect(localPartners(credentials(), ['eu-seller', vendorId]).map((p) => p.alias)).toEqual([
      'eu-seller',
      'vendor',
    ]);
    expect(() => localPartners(credentials(), ['nobody'])).toThrow(
      'unknown partner nobody: use na-seller, eu-seller, vendor or their ids',
    );
  });
});

describe('localReportConfigs', () => {
  const now = Date.parse('2026-11-05T06:00:00Z');

  it('is a valid report-configs document covering every requestable report type', () => {
    const configs = parseReportConfigs(
      localReportConfigs({ days: 3, now, searchQueryAsins: 'B000000001 B000000002' }),
    );
    expect(configs.map((c) => c.reportType).sort()).toEqual([
      'GET_BRAND_ANALYTICS_MARKET_BASKET_REPORT',
      'GET_BRAND_ANALYTICS_REPEAT_PURCHASE_REPORT',
      'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT',
      'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT',
      'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
      'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
      'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
      'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      'GET_MERCHANT_LISTINGS_ALL_DATA',
      'GET_SALES_AND_TRAFFIC_REPORT',
      'GET_VENDOR_FORECASTING_REPORT',
      'GET_VENDOR_INVENTORY_REPORT',
      'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT',
      'GET_VENDOR_SALES_REPORT',
      'GET_VENDOR_TRAFFIC_REPORT',
    ]);
  });

  it('asks for search query performance only with ASINs to ask for', () => {
    const types = (asins?: string) =>
      localReportConfigs({
        days: 3,
        now,
        ...(asins === undefined ? {} : { searchQueryAsins: asins }),
      })
        .filter((c) => c.reportType === 'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT')
        .map((c) => c.reportOptions);
    expect(types()).toEqual([]);
    expect(types('B000000001')).toEqual([{ reportPeriod: 'WEEK', asin: 'B000000001' }]);
  });

  it('backfills `days` days for rolling types and at least two weeks for weekly ones', () => {
    const byId = new Map(localReportConfigs({ days: 3, now }).map((c) => [c.id, c]));
    expect(byId.get('orders-by-order-date')?.startDate).toBe('2026-11-02');
    expect(byId.get('vendor-sales-weekly')?.startDate).toBe('2026-10-22');
    expect(byId.get('merchant-listings')?.startDate).toBeUndefined();
  });
});

describe('faultProfile', () => {
  it('knows none and chaos, and lists them for anything else', () => {
    expect(faultProfile('chaos').simulator.ratio429).toBe(0.3);
    expect(faultProfile('none').brokerClockRate).toBe(1);
    expect(() => faultProfile('storm')).toThrow('unknown fault profile "storm": use none or chaos');
  });
});
