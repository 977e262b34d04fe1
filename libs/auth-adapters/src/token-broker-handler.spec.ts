import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SimulatorHandle, startSimulator } from '@spapi-lake/sp-api-simulator';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createLocalTokenBrokerDependencies } from './create-local-token-broker-dependencies';
import { TokenBrokerEventError } from './errors';
import { InMemoryMetricsRecorder } from './in-memory-metrics-recorder';
import { type TokenBrokerHandler, createTokenBrokerHandler } from './token-broker-handler';

class CountingMetrics extends InMemoryMetricsRecorder {
  flushes = 0;
  override flush(): void {
    this.flushes += 1;
  }
}

describe('createTokenBrokerHandler', () => {
  let sim: SimulatorHandle;
  let dir: string;
  let handler: TokenBrokerHandler;
  let metrics: CountingMetrics;
  const logged: { level: string; message: string }[] = [];

  beforeEach(async () => {
    sim = await startSimulator({ seed: 2 });
    dir = await mkdtemp(path.join(tmpdir(), 'broker-handler-'));
    metrics = new CountingMetrics();
    const record = (level: string) => (message: string) => logged.push({ level, message });
    const { clientId, clientSecret, applicationId } = sim.credentials();
    handler = createTokenBrokerHandler(
      await createLocalTokenBrokerDependencies({
        dataDir: dir,
        lwaBaseUrl: sim.lwaBaseUrl,
        spApiBaseUrl: sim.spApiBaseUrl,
        settings: {
          applicationId,
          redirectUri: 'https://app.example.com/spapi/callback',
          draft: false,
          stateTtlMs: 600_000,
        },
        logger: { info: record('info'), warn: record('warn'), error: record('error') },
        seed: { clientId, clientSecret, stateSigningKey: 's'.repeat(40) },
        metrics,
      }),
    );
    logged.length = 0;
  });
  afterEach(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('treats anything shaped like a Function URL request as HTTP, so HTTP can never vend', async () => {
    const event = {
      version: '2.0',
      rawPath: '/vend',
      rawQueryString: '',
      requestContext: { http: { method: 'GET', path: '/vend' } },
      action: 'vend',
      grant: { kind: 'grantless', scope: 'sellingpartnerapi::notifications' },
    } as unknown as APIGatewayProxyEventV2;
    const response = await handler(event);
    expect(response.statusCode).toBe(404);
    expect(JSON.stringify(response)).not.toContain('Atza|');
  });

  it('refuses events of no known trigger, logs them once and always flushes metrics', async () => {
    await expect(handler(null)).rejects.toBeInstanceOf(TokenBrokerEventError);
    await expect(handler({ detail: {} })).rejects.toThrow('Unsupported event');
    await expect(handler({ action: 'delete-everything' })).rejects.toThrow('Unknown action');
    expect(logged.filter((entry) => entry.level === 'error')).toHaveLength(3);
    expect(metrics.flushes).toBe(3);
    await handler({
      action: 'vend',
      grant: { kind: 'grantless', scope: 'sellingpartnerapi::notifications' },
    });
    expect(metrics.flushes).toBe(4);
  });

  it('omits version=beta once the application is published', async () => {
    const event = {
      version: '2.0',
      rawPath: '/authorize',
      rawQueryString: 'marketplace=JP',
      requestContext: { http: { method: 'GET', path: '/authorize' } },
    } as unknown as APIGatewayProxyEventV2;
    const response = await handler(event);
    const location = new URL(String(response.headers?.['Location']));
    expect(location.origin).toBe('https://sellercentral.amazon.co.jp');
    expect(location.searchParams.has('version')).toBe(false);
  });
});
