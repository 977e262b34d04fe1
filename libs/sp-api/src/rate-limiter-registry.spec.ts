import { RateLimiterRegistry } from './rate-limiter-registry';
import { ManualClock } from './test/manual-clock';

const NA = 'https://sellingpartnerapi-na.amazon.com';
const EU = 'https://sellingpartnerapi-eu.amazon.com';

describe('RateLimiterRegistry', () => {
  it('seeds buckets with the usage plans of the generated table', () => {
    const registry = new RateLimiterRegistry({ clock: new ManualClock() });
    const limiter = registry.limiterFor({
      applicationId: 'app',
      sellingPartnerId: 'A1',
      baseUrl: NA,
      operationId: 'createReport',
    });
    expect(limiter.rate).toBe(0.0167);
    expect(limiter.burst).toBe(15);
  });

  it('shares one bucket per application, partner, endpoint and operation', () => {
    const registry = new RateLimiterRegistry({ clock: new ManualClock() });
    const key = {
      applicationId: 'app',
      sellingPartnerId: 'A1',
      baseUrl: NA,
      operationId: 'getReport',
    } as const;
    expect(registry.limiterFor(key)).toBe(registry.limiterFor({ ...key }));
    expect(registry.limiterFor(key)).not.toBe(
      registry.limiterFor({ ...key, sellingPartnerId: 'A2' }),
    );
    expect(registry.limiterFor(key)).not.toBe(registry.limiterFor({ ...key, applicationId: 'b' }));
    expect(registry.limiterFor(key)).not.toBe(registry.limiterFor({ ...key, baseUrl: EU }));
    expect(registry.limiterFor(key)).not.toBe(
      registry.limiterFor({ ...key, operationId: 'getReports' }),
    );
  });

  it('keeps partners isolated: one partner exhausting its burst does not slow another', async () => {
    const clock = new ManualClock();
    const registry = new RateLimiterRegistry({ clock });
    const first = registry.limiterFor({
      applicationId: 'app',
      sellingPartnerId: 'A1',
      baseUrl: NA,
      operationId: 'searchCatalogItems',
    });
    const second = registry.limiterFor({
      applicationId: 'app',
      sellingPartnerId: 'A2',
      baseUrl: NA,
      operationId: 'searchCatalogItems',
    });
    await first.acquire();
    await first.acquire();
    await second.acquire();
    await second.acquire();
    expect(clock.sleeps).toEqual([]);
    await first.acquire();
    expect(clock.sleeps).toEqual([500]);
  });

  it('gives the two regions of a merged partner separate buckets and rates', async () => {
    const clock = new ManualClock();
    const registry = new RateLimiterRegistry({ clock });
    const key = {
      applicationId: 'app',
      sellingPartnerId: 'A1',
      operationId: 'searchCatalogItems',
    } as const;
    const na = registry.limiterFor({ ...key, baseUrl: NA });
    const eu = registry.limiterFor({ ...key, baseUrl: EU });
    // Burst 2 in each region: spending NA's does not slow EU.
    await na.acquire();
    await na.acquire();
    await eu.acquire();
    await eu.acquire();
    expect(clock.sleeps).toEqual([]);

    // A rate header answered by the NA endpoint changes NA's bucket only.
    na.updateRate('0.5');
    expect(na.rate).toBe(0.5);
    expect(eu.rate).toBe(2);
    expect(registry.limiterFor({ ...key, baseUrl: EU })).toBe(eu);
  });

  it('applies usage plan overrides', () => {
    const registry = new RateLimiterRegistry({
      clock: new ManualClock(),
      usagePlans: { getReport: { rate: 10, burst: 30 } },
    });
    const limiter = registry.limiterFor({
      applicationId: 'app',
      sellingPartnerId: 'A1',
      baseUrl: NA,
      operationId: 'getReport',
    });
    expect([limiter.rate, limiter.burst]).toEqual([10, 30]);
  });
});
