import { parseArgs } from 'node:util';
import { startSimulator } from './server/start-simulator';

// CLI: `npm run simulator -- --port 8123 --seed 7 --rate-scale 10`. Runs in real time from the
// simulated start so report lifecycles progress on their own; prints the URLs and credentials.
// The start defaults to now, so a restarted simulator never reissues the ids of an earlier one.
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8123' },
      seed: { type: 'string', default: '1' },
      'rate-scale': { type: 'string', default: '1' },
      'start-time': { type: 'string' },
    },
  });
  const simulator = await startSimulator({
    port: Number(values.port),
    seed: Number(values.seed),
    rateScale: Number(values['rate-scale']),
    realTime: true,
    clock: values['start-time'] === undefined ? Date.now() : new Date(values['start-time']),
  });
  const credentials = simulator.credentials();
  const lines = [
    `SP-API base URL : ${simulator.spApiBaseUrl}`,
    `LWA base URL    : ${simulator.lwaBaseUrl}   (token endpoint ${simulator.lwaBaseUrl}/auth/o2/token)`,
    `Consent URL     : ${simulator.consentUrl}`,
    `Control API     : ${simulator.baseUrl}/_simulator/credentials | clock | clock/advance?ms= | faults | ground-truth/reports | notifications`,
    `LWA client id   : ${credentials.clientId}`,
    `LWA secret      : ${credentials.clientSecret}`,
    `Application id  : ${credentials.applicationId}`,
    ...credentials.partners.map(
      (p) =>
        `Partner ${p.sellingPartnerId} (${p.accountType}, ${p.region}, ${p.marketplaceIds.join('+')}) refresh token: ${p.refreshToken}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (): void => {
    void simulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
