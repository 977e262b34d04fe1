import { createSpApiClient, type SpApiClient, type SpApiClientSettings } from '../client';
import { RateLimiterRegistry } from '../rate-limiter-registry';
import { type HttpTestServer, startHttpTestServer } from './http-test-server';
import { ManualClock } from './manual-clock';
import { RecordingTokenProvider } from './recording-token-provider';

/** A client wired to a local test server, a manual clock, a fixed random and recording tokens. */
export interface ClientFixture {
  readonly server: HttpTestServer;
  readonly clock: ManualClock;
  readonly tokens: RecordingTokenProvider;
  readonly limiters: RateLimiterRegistry;
  readonly client: SpApiClient;
  /** Another client of the same process (same registry and clock) with other settings. */
  clientWith(overrides: Partial<SpApiClientSettings>): SpApiClient;
}

/** The selling partner the fixture's client acts for. */
export const SELLER_ID = 'A3SELLER';

/** Starts the server and builds the client; call `server.close()` after each test. */
export async function startClientFixture(
  overrides: Partial<SpApiClientSettings> = {},
): Promise<ClientFixture> {
  const server = await startHttpTestServer();
  const clock = new ManualClock();
  const tokens = new RecordingTokenProvider();
  const limiters = new RateLimiterRegistry({ clock });
  const clientWith = (settings: Partial<SpApiClientSettings>) =>
    createSpApiClient({
      baseUrl: server.baseUrl,
      sellingPartnerId: SELLER_ID,
      applicationId: 'amzn1.application-oa2-client.test',
      tokenProvider: tokens,
      limiters,
      clock,
      random: () => 0.5,
      userAgent: { appName: 'spapi-lake-test', appVersion: '0.1.0' },
      maxAttempts: 3,
      ...overrides,
      ...settings,
    });
  return { server, clock, tokens, limiters, client: clientWith({}), clientWith };
}
