import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '@spapi-lake/core';
import { AccessTokenCache, LwaClient, LwaTokenProvider } from '@spapi-lake/lwa';
import { RateLimiterRegistry } from '@spapi-lake/sp-api';
import { startSimulator } from '@spapi-lake/sp-api-simulator';
import { spApiPortsFor } from './sp-api-ports-for';
import { simulatorUsagePlans } from './test/simulated-catalog';
import { rateLimitShareFetch, sharedUsagePlans } from './usage-plan-share';

describe('sharedUsagePlans', () => {
  it("divides each operation's rate and burst among the concurrent processes", () => {
    const plans = sharedUsagePlans(2, {}, 0);
    expect(plans.searchCatalogItems).toEqual({ rate: 1, burst: 1 });
    expect(plans.getListingsItem).toEqual({ rate: 2.5, burst: 5 });
    expect(sharedUsagePlans(3, {}, 0).searchListingsItems).toEqual({ rate: 5 / 3, burst: 1 });
    const negotiated = { getCatalogItem: { rate: 20, burst: 20 } };
    expect(sharedUsagePlans(1, negotiated, 0).getCatalogItem).toEqual({ rate: 20, burst: 20 });
    expect(() => sharedUsagePlans(0)).toThrow(RangeError);
  });

  it('keeps a tenth of a second of refill (at least one token) in reserve, never going below one', () => {
    expect(sharedUsagePlans(1).getListingsItem).toEqual({ rate: 5, burst: 9 });
    expect(sharedUsagePlans(2).searchCatalogItems).toEqual({ rate: 1, burst: 1 });
    const fast = { searchCatalogItems: { rate: 40, burst: 40 } };
    expect(sharedUsagePlans(1, fast).searchCatalogItems).toEqual({ rate: 40, burst: 36 });
  });
});

describe('rateLimitShareFetch', () => {
  it('divides the x-amzn-RateLimit-Limit rate and leaves other answers alone', async () => {
    const server = createServer((request, response) => {
      if (request.url === '/limited') response.setHeader('x-amzn-RateLimit-Limit', '2.0');
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const shared = rateLimitShareFetch(4);
      const limited = await shared(`${base}/limited`);
      expect(limited.headers.get('x-amzn-ratelimit-limit')).toBe('0.5');
      expect(await limited.json()).toEqual({ ok: true });
      const plain = await shared(`${base}/plain`);
      expect(plain.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    } finally {
      server.close();
    }
  });
});

describe('rate limits across concurrent invocations', () => {
  jest.setTimeout(30_000);

  // Two Lambda containers of one partner, each with its own in-process token buckets, call
  // searchCatalogItems at the same time against the simulator's real-time buckets.
  async function twoContainers(
    share: number,
    reserveSeconds = 0.1,
  ): Promise<{ calls: number; throttled: number }> {
    const rateScale = 10;
    const sim = await startSimulator({ port: 0, seed: 7, rateScale, realTime: true });
    try {
      const credentials = sim.credentials();
      const partner = credentials.partners.find(
        (p) => p.region === 'NA' && p.accountType === 'seller',
      );
      if (partner === undefined) throw new Error('no NA seller');
      const lwa = new LwaClient({ baseUrl: sim.lwaBaseUrl });
      // One container: its own token buckets (a share of the plan) and its own token cache.
      const container = () =>
        spApiPortsFor({
          baseUrlOf: () => sim.spApiBaseUrl,
          tokenProviderFor: () =>
            new LwaTokenProvider({
              client: lwa,
              cache: new AccessTokenCache(),
              credentials: async () => ({
                clientId: credentials.clientId,
                clientSecret: credentials.clientSecret,
              }),
              refreshToken: async () => partner.refreshToken,
            }),
          limiters: new RateLimiterRegistry({
            clock: systemClock,
            usagePlans: sharedUsagePlans(share, simulatorUsagePlans(rateScale), reserveSeconds),
          }),
          fetch: rateLimitShareFetch(share),
          userAgent: { appName: 'spapi-lake-test', appVersion: '0.0.0' },
        });
      const asin = sim.catalog.truth('ATVPDKIKX0DER')[0]?.asin ?? '';
      const invocation = async () => {
        const catalog = container().catalogFor({
          sellingPartnerId: partner.sellingPartnerId,
          region: 'NA',
        });
        for (let call = 0; call < 25; call += 1) {
          await catalog.searchCatalogItems({
            marketplaceId: 'ATVPDKIKX0DER',
            identifiers: [asin],
            identifiersType: 'ASIN',
            includedData: ['summaries'],
            pageSize: 20,
          });
        }
      };
      await Promise.allSettled([invocation(), invocation()]);
      const log = sim.requests().filter((entry) => entry.operationId === 'searchCatalogItems');
      return { calls: log.length, throttled: log.filter((entry) => entry.status === 429).length };
    } finally {
      await sim.stop();
    }
  }

  it('never exceeds the partner plan when each of N invocations paces at plan / N', async () => {
    expect(await twoContainers(2)).toEqual({ calls: 50, throttled: 0 });
  });

  it('is throttled when each invocation assumes the whole plan', async () => {
    const { throttled } = await twoContainers(1, 0);
    expect(throttled).toBeGreaterThan(0);
  });
});
