import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  InMemoryMetricsRecorder,
  type LocalFileSecretStore,
  type TokenBrokerDependencies,
  type TokenBrokerHandler,
  createLocalTokenBrokerDependencies,
  createTokenBrokerHandler,
} from '@spapi-lake/auth-adapters';
import type { AccountInput } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import { createLogger } from '@spapi-lake/observability';
import { type SimulatorHandle, type World, startSimulator } from '@spapi-lake/sp-api-simulator';

/** The broker wired with local adapters against a running simulator, and what tests inspect. */
export interface BrokerHarness {
  readonly sim: SimulatorHandle;
  readonly handler: TokenBrokerHandler;
  readonly deps: TokenBrokerDependencies & { readonly secretStore: LocalFileSecretStore };
  readonly metrics: InMemoryMetricsRecorder;
  readonly dataDir: string;
  /** Everything written to stdout and stderr since the harness started. */
  readonly output: string[];
  /** Requests the broker sent to the LWA token endpoint. */
  lwaRequests(): number;
  accounts(): Promise<AccountInput[]>;
  stop(): Promise<void>;
}

/** Options of {@link startBrokerHarness}. */
export interface BrokerHarnessOptions {
  readonly world?: World;
  readonly signingKey?: string;
  readonly accounts?: readonly AccountInput[];
}

/** The consent redirect's registered URI in the simulator's default world. */
export const REDIRECT_URI = 'https://app.example.com/spapi/callback';

/**
 * Starts the simulator and the broker on local files, with a clock on simulated time (sleeping
 * advances it), stdout/stderr captured, and LWA calls counted.
 */
export async function startBrokerHarness(
  options: BrokerHarnessOptions = {},
): Promise<BrokerHarness> {
  const output: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  jest.spyOn(process.stderr, 'write').mockImplementation(capture);

  const sim = await startSimulator({
    seed: 5,
    ...(options.world ? { world: options.world } : {}),
    onHandlerError: () => undefined,
  });
  const clock: Clock = {
    now: () => sim.clock.now(),
    sleep: async (ms) => sim.clock.advance(Math.max(0, ms)),
  };
  let lwaRequests = 0;
  const countingFetch: typeof fetch = (input, init) => {
    if (String(input).includes('/auth/o2/token')) lwaRequests += 1;
    return fetch(input, init);
  };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'token-broker-'));
  const accountsFile = path.join(dataDir, 'accounts.json');
  await writeFile(accountsFile, JSON.stringify(options.accounts ?? []));
  const credentials = sim.credentials();
  const metrics = new InMemoryMetricsRecorder();
  // Created after stdout is captured: Powertools binds its console when constructed.
  const logger = createLogger({ serviceName: 'token-broker' });
  const deps = await createLocalTokenBrokerDependencies({
    dataDir,
    accountsFile,
    lwaBaseUrl: sim.lwaBaseUrl,
    spApiBaseUrl: sim.spApiBaseUrl,
    settings: {
      applicationId: credentials.applicationId,
      redirectUri: REDIRECT_URI,
      draft: true,
      stateTtlMs: 10 * 60_000,
      consentBaseUrlOverride: {
        seller: `${sim.baseUrl}/sellercentral`,
        vendor: `${sim.baseUrl}/vendorcentral`,
      },
    },
    logger,
    seed: {
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      stateSigningKey: options.signingKey ?? 'local-state-signing-key-0123456789abcdef',
    },
    clock,
    metrics,
    fetch: countingFetch,
  });
  return {
    sim,
    handler: createTokenBrokerHandler(deps),
    deps,
    metrics,
    dataDir,
    output,
    lwaRequests: () => lwaRequests,
    accounts: async () => JSON.parse(await readFile(accountsFile, 'utf8')) as AccountInput[],
    stop: async () => {
      jest.restoreAllMocks();
      await sim.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
