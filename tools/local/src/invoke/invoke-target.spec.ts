import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

// `npx nx run <app>:invoke --event=...` runs exactly this: the CLI bundled by esbuild, then node
// with the app's name and the event file. Each app's sample event runs here against the simulator
// and a fresh lake, and its result and side effects are checked.

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../../..');
const run = promisify(execFile);
let bundle: string;
let lakeDir: string;

interface Invocation {
  readonly app: string;
  readonly handler: string;
  readonly ok: boolean;
  readonly result: Record<string, unknown>;
  readonly logs: readonly Record<string, unknown>[];
}

beforeAll(async () => {
  bundle = path.join(ROOT, 'tmp', 'local-test', `invoke-${process.pid}.js`);
  await build({
    entryPoints: [path.join(ROOT, 'tools/local/src/invoke.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    external: ['@duckdb/node-api', 'playwright-core'],
    outfile: bundle,
  });
  lakeDir = await mkdtemp(path.join(os.tmpdir(), 'spapi-lake-invoke-'));
});

afterAll(async () => {
  await rm(lakeDir, { recursive: true, force: true });
  await rm(bundle, { force: true });
});

async function invoke(app: string, event: string): Promise<Invocation> {
  const { stdout } = await run(
    'node',
    [bundle, app, `--event=apps/${app}/events/${event}`, '--lake-dir', lakeDir, '--json'],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Invocation;
}

async function filesUnder(directory: string): Promise<string[]> {
  if (!existsSync(directory)) return [];
  return (await readdir(directory, { recursive: true })).map(String);
}

it('token-broker vends a partner access token and never prints it', async () => {
  const invocation = await invoke('token-broker', 'vend-partner.json');
  expect(invocation).toMatchObject({ handler: 'handler', ok: true });
  expect(invocation.result).toMatchObject({ ok: true, accessToken: '[REDACTED]' });
  expect(JSON.stringify(invocation)).not.toMatch(/Atza\|/);
});

it('report-creator createReport asks the simulator for the window and answers its report id', async () => {
  const invocation = await invoke('report-creator', 'create-report-seller-orders.json');
  expect(invocation).toMatchObject({ handler: 'createReport', ok: true });
  expect(invocation.result['reportId']).toMatch(/^\d+$/);
  expect(invocation.logs).toContainEqual(
    expect.objectContaining({ message: 'CreateReport done', service: 'report-creator' }),
  );
});

it('report-retriever recordOutcome records a CANCELLED window in the local lake', async () => {
  const invocation = await invoke('report-retriever', 'record-no-data-orders-fr-sunday.json');
  expect(invocation).toMatchObject({ handler: 'recordOutcome', ok: true });
  expect(invocation.result).toMatchObject({ outcome: 'CANCELLED', written: true });
  const ledgerKey = String(invocation.result['ledgerKey']);
  expect(existsSync(path.join(lakeDir, 'curated', ledgerKey))).toBe(true);
});

it('notification-subscriber setupSubscriptions subscribes every configured partner', async () => {
  const invocation = await invoke('notification-subscriber', 'setup-subscriptions.json');
  expect(invocation).toMatchObject({ handler: 'setupSubscriptions', ok: true });
  expect(invocation.result['failures']).toEqual([]);
  const subscriptions = invocation.result['subscriptions'] as { notificationType: string }[];
  expect(new Set(subscriptions.map((s) => s.notificationType))).toEqual(
    new Set([
      'REPORT_PROCESSING_FINISHED',
      'LISTINGS_ITEM_STATUS_CHANGE',
      'LISTINGS_ITEM_ISSUES_CHANGE',
    ]),
  );
});

it('catalog-listings-fetcher fetchListings writes the partner listings to the lake', async () => {
  const invocation = await invoke('catalog-listings-fetcher', 'fetch-listings.json');
  expect(invocation).toMatchObject({ handler: 'fetchListings', ok: true });
  expect(invocation.result).toMatchObject({ done: true });
  const totals = invocation.result['totals'] as { items: number };
  expect(totals.items).toBeGreaterThan(0);
  const files = await filesUnder(path.join(lakeDir, 'curated'));
  expect(files.some((file) => file.endsWith('.parquet'))).toBe(true);
});

it('fails with the handler error, and names the handlers when the event file says none', async () => {
  const failed = await run(
    'node',
    [
      bundle,
      'report-creator',
      '--event=apps/report-creator/events/create-report-vendor-sales-missing-option.json',
      '--lake-dir',
      lakeDir,
      '--json',
    ],
    { cwd: ROOT },
  ).catch((error: { stdout: string; code: number }) => error);
  expect('code' in failed ? failed.code : 0).toBe(1);
  expect(JSON.parse(failed.stdout)).toMatchObject({
    ok: false,
    result: { errorType: 'WindowPlanningError' },
  });
  const unknown = await run(
    'node',
    [
      bundle,
      'report-creator',
      '--event=apps/report-creator/events/fan-out-schedule.json',
      '--lake-dir',
      lakeDir,
    ],
    { cwd: ROOT },
  ).catch((error: { stderr: string }) => error);
  expect(unknown.stderr).toMatch(/add --handler=<createReport\|planWindows\|claimWindow/);
});
