import { RateLimiterRegistry } from './rate-limiter-registry';
import { ManualClock } from './test/manual-clock';

describe('RateLimiterRegistry', () => {
  it('seeds buckets with the usage plans of the generated table', () => {
    const registry = new RateLimiterRegistry({ clock: new ManualClock() });
    const limiter = registry.limiterFor({
      applicationId: 'app',
      sellingPartnerId: 'A1',
      operationId: 'createReport',
    });
    expect(limiter.rate).toBe(0.0167);
    expect(limiter.burst).toBe(15);
  });

  it('shares one bucket per application, partner and operation', () => {
    const registry = new RateLimiterRegistry({ clock: new ManualClock() });
    const key = { applicationId: 'app', sellingPartnerId: 'A1', operationId: 'getReport' } as const;
    expect(registry.limiterFor(key)).toBe(registry.limiterFor({ ...key }));
    expect(registry.limiterFor(key)).not.toBe(
      registry.limiterFor({ ...key, sellingPartnerId: 'A2' }),
    );
    expect(registry.limiterFor(key)).not.toBe(registry.limiterFor({ ...key, applicationId: 'b' }));
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
      operationId: 'searchCatalogItems',
    });
    const second = registry.limiterFor({
      applicationId: 'app',
      sellingPartnerId: 'A2',
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

  it('applies usage plan overrides', () => {
    const registry = new RateLimiterRegistry({
      clock: new ManualClock(),
      usagePlans: { getReport: { rate: 10, burst: 30 } },
    });
    const limiter = registry.limiterFor({
      applicationId: 'app',
      sellingPartnerId: 'A1',
      operationId: 'getReport',
    });
    expect([limiter.rate, limiter.burst]).toEqual([10, 30]);
  });
});
