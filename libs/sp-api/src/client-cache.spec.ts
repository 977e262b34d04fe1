import { type SpApiClientTarget, createSpApiClientCache } from './client-cache';
import { SpApiConfigurationError } from './errors';
import { RateLimiterRegistry } from './rate-limiter-registry';
import { type HttpTestServer, startHttpTestServer } from './test/http-test-server';
import { ManualClock } from './test/manual-clock';
import type { TokenProvider } from './token-provider';

const BASE_URL = 'https://sellingpartnerapi-eu.amazon.com';
const partner = { sellingPartnerId: 'A1', region: 'EU' } as const;
const report = {
  reportId: 'ID1',
  reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
  createdTime: '2024-03-11T20:11:24.000Z',
  processingStatus: 'DONE',
};

function cacheWith(overrides: { tokenProviderFor?: (target: SpApiClientTarget) => TokenProvider }) {
  const asked: SpApiClientTarget[] = [];
  const clock = new ManualClock();
  const limiters = new RateLimiterRegistry({ clock });
  const clients = createSpApiClientCache<SpApiClientTarget>({
    tokenProviderFor: (target) => {
      asked.push(target);
      return (
        overrides.tokenProviderFor?.(target) ?? {
          getToken: async () => `token-of-${target.sellingPartnerId ?? 'app'}`,
        }
      );
    },
    limiters,
    userAgent: { appName: 'spapi-lake-test', appVersion: '0.1.0' },
    clock,
    random: () => 0.5,
    maxAttempts: 1,
  });
  return { clients, asked, clock, limiters };
}

describe('createSpApiClientCache', () => {
  it('returns the same client for the same partner, region and base URL, asking for tokens once', () => {
    const { clients, asked } = cacheWith({});
    const first = clients(partner, BASE_URL);
    expect(clients({ ...partner }, BASE_URL)).toBe(first);
    expect(asked).toEqual([partner]);
  });

  it('builds another client for another partner, region or base URL', () => {
    const { clients, asked } = cacheWith({});
    const first = clients(partner, BASE_URL);
    const others = [
      clients({ ...partner, sellingPartnerId: 'A2' }, BASE_URL),
      clients({ ...partner, region: 'FE' }, BASE_URL),
      clients(partner, 'http://127.0.0.1:4010'),
    ];
    expect(new Set([first, ...others]).size).toBe(4);
    expect(asked).toHaveLength(4);
  });

  it('keeps a grantless client apart from partner ones, an empty partner id included', async () => {
    const { clients } = cacheWith({});
    const grantless = clients({ region: 'EU' }, BASE_URL);
    expect(clients({ region: 'EU' }, BASE_URL)).toBe(grantless);
    expect(clients({ region: 'EU', sellingPartnerId: '' }, BASE_URL)).not.toBe(grantless);
    await expect(grantless.reports.getReport('ID1')).rejects.toThrow(SpApiConfigurationError);
  });

  it('caches nothing when a build fails, so the next call builds the client', () => {
    let failures = 1;
    const { clients, asked } = cacheWith({
      tokenProviderFor: () => {
        if (failures-- > 0) throw new Error('broker unavailable');
        return { getToken: async () => 'token' };
      },
    });
    expect(() => clients(partner, BASE_URL)).toThrow('broker unavailable');
    const client = clients(partner, BASE_URL);
    expect(clients(partner, BASE_URL)).toBe(client);
    expect(asked).toHaveLength(2);
  });

  describe('calls', () => {
    let server: HttpTestServer;
    beforeEach(async () => {
      server = await startHttpTestServer();
    });
    afterEach(() => server.close());

    it("go to the client's base URL with its partner's token and the shared settings", async () => {
      const { clients } = cacheWith({});
      server.reply({ status: 200, json: report }, { status: 200, json: report });

      await clients(partner, server.baseUrl).reports.getReport('ID1');
      await clients({ ...partner, sellingPartnerId: 'A2' }, server.baseUrl).reports.getReport(
        'ID1',
      );

      expect(server.requests.map((request) => request.url)).toEqual([
        '/reports/2021-06-30/reports/ID1',
        '/reports/2021-06-30/reports/ID1',
      ]);
      expect(server.requests.map((request) => request.headers['x-amz-access-token'])).toEqual([
        'token-of-A1',
        'token-of-A2',
      ]);
      expect(server.requests[0]?.headers['user-agent']).toMatch(/^spapi-lake-test\/0\.1\.0 /);
    });

    it('pace the two regions of a merged partner apart, each by its own rate header', async () => {
      const eu = await startHttpTestServer();
      try {
        const { clients, clock, limiters } = cacheWith({});
        const items = { numberOfResults: 0, items: [] };
        const query = { marketplaceIds: ['ATVPDKIKX0DER'] };
        server.reply(
          { status: 200, headers: { 'x-amzn-RateLimit-Limit': '0.5' }, json: items },
          { status: 200, json: items },
          { status: 200, json: items },
        );
        eu.reply({ status: 200, json: items }, { status: 200, json: items });
        const na = clients({ ...partner, region: 'NA' }, server.baseUrl);
        const inEu = clients(partner, eu.baseUrl);

        // searchCatalogItems: burst 2 per region, so NA's two calls leave EU's bucket full.
        await na.catalogItems.searchCatalogItems(query);
        await na.catalogItems.searchCatalogItems(query);
        await inEu.catalogItems.searchCatalogItems(query);
        await inEu.catalogItems.searchCatalogItems(query);
        expect(clock.sleeps).toEqual([]);
        const rateOf = (baseUrl: string) =>
          limiters.limiterFor({
            applicationId: 'default',
            sellingPartnerId: partner.sellingPartnerId,
            baseUrl,
            operationId: 'searchCatalogItems',
          }).rate;
        // NA answered 0.5/s: only NA's bucket adopted it, EU keeps the model's 2/s.
        expect([rateOf(server.baseUrl), rateOf(eu.baseUrl)]).toEqual([0.5, 2]);

        await na.catalogItems.searchCatalogItems(query);
        expect(clock.sleeps).toEqual([2000]);
      } finally {
        await eu.close();
      }
    });
  });
});
