import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parsePrintedInvocation, type PrintedInvocation } from './printed-invocation';

// The documented command itself, `npx nx run <app>:invoke --event=apps/<app>/events/<file>.json`:
// Nx bundles the invoke CLI (the `invoke` target default in nx.json) and runs it with the app's
// name. One sample event per app runs against the simulator; the printed result, the structured
// logs and the side effects in the lake are checked. The invocations share one lake (the target's
// `--lake-dir`) and run one after another: they share the target's bundle file.

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../../..');
let lakeDir: string;

interface TargetRun {
  readonly exitCode: number;
  readonly output: string;
}

beforeAll(async () => {
  lakeDir = await mkdtemp(path.join(os.tmpdir(), 'spapi-lake-invoke-'));
});

afterAll(async () => {
  await rm(lakeDir, { recursive: true, force: true });
});

/** The environment of a fresh shell: none of the Nx task variables of the `test` target running us. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('NX_')),
  );
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0', NO_COLOR: '1' };
}

function runTarget(app: string, event: string): Promise<TargetRun> {
  const args = [
    'nx',
    'run',
    `${app}:invoke`,
    `--event=apps/${app}/events/${event}`,
    `--lake-dir=${lakeDir}`,
    '--output-style=static',
    '--skip-nx-cache',
  ];
  return new Promise((resolve, reject) => {
    execFile(
      'npx',
      args,
      { cwd: ROOT, env: cleanEnvironment(), maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        if (exitCode === -1) reject(error ?? new Error('npx did not run'));
        else resolve({ exitCode, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

async function invoke(app: string, event: string): Promise<PrintedInvocation> {
  const run = await runTarget(app, event);
  const printed = parsePrintedInvocation(run.output);
  if (printed === undefined) {
    throw new Error(`nx run ${app}:invoke printed no invocation:\n${run.output}`);
  }
  expect(printed.event).toBe(`apps/${app}/events/${event}`);
  expect(run.exitCode).toBe(printed.ok ? 0 : 1);
  // Redaction holds on the whole output, Nx's own lines included.
  expect(run.output).not.toMatch(/Atza\||Atzr\||amzn1\.oa2-cs/);
  return printed;
}

async function filesUnder(directory: string): Promise<string[]> {
  if (!existsSync(directory)) return [];
  return (await readdir(directory, { recursive: true })).map(String);
}

it('token-broker vends a partner access token and prints it redacted', async () => {
  const printed = await invoke('token-broker', 'vend-partner.json');
  expect(printed).toMatchObject({ app: 'token-broker', handler: 'handler', ok: true });
  expect(printed.result).toMatchObject({ ok: true, accessToken: '[REDACTED]' });
  expect(printed.result['expiresAt']).toEqual(expect.any(Number));
});

it('report-creator createReport asks the simulator for the window and prints its report id', async () => {
  const printed = await invoke('report-creator', 'create-report-seller-orders.json');
  expect(printed).toMatchObject({ handler: 'createReport', ok: true });
  expect(printed.result['reportId']).toMatch(/^\d+$/);
  expect(printed.logs).toContainEqual(
    expect.objectContaining({
      level: 'INFO',
      message: 'CreateReport done',
      service: 'report-creator',
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    }),
  );
});

it('report-retriever recordOutcome records a CANCELLED window in the lake', async () => {
  const printed = await invoke('report-retriever', 'record-no-data-orders-fr-sunday.json');
  expect(printed).toMatchObject({ handler: 'recordOutcome', ok: true });
  expect(printed.result).toMatchObject({ outcome: 'CANCELLED', written: true });
  expect(printed.logs).toContainEqual(
    expect.objectContaining({
      message: 'window outcome recorded',
      service: 'report-retriever',
      outcome: 'CANCELLED',
    }),
  );
  const ledgerKey = String(printed.result['ledgerKey']);
  expect(existsSync(path.join(lakeDir, 'curated', ledgerKey))).toBe(true);
});

it('notification-subscriber setupSubscriptions subscribes every configured partner', async () => {
  const printed = await invoke('notification-subscriber', 'setup-subscriptions.json');
  expect(printed).toMatchObject({ handler: 'setupSubscriptions', ok: true });
  expect(printed.result['failures']).toEqual([]);
  const subscriptions = printed.result['subscriptions'] as { notificationType: string }[];
  expect(new Set(subscriptions.map((s) => s.notificationType))).toEqual(
    new Set([
      'REPORT_PROCESSING_FINISHED',
      'LISTINGS_ITEM_STATUS_CHANGE',
      'LISTINGS_ITEM_ISSUES_CHANGE',
    ]),
  );
  expect(printed.logs).toContainEqual(
    expect.objectContaining({
      message: 'subscription setup finished',
      service: 'notification-subscriber',
      subscriptions: subscriptions.length,
      failures: 0,
    }),
  );
});

it('catalog-listings-fetcher fetchListings writes the partner listings to the lake', async () => {
  const printed = await invoke('catalog-listings-fetcher', 'fetch-listings.json');
  expect(printed).toMatchObject({ handler: 'fetchListings', ok: true });
  expect(printed.result).toMatchObject({ done: true });
  const totals = printed.result['totals'] as { items: number };
  expect(totals.items).toBeGreaterThan(0);
  expect(printed.logs).toContainEqual(
    expect.objectContaining({
      message: 'listings part fetched',
      service: 'catalog-listings-fetcher',
      task: 'FetchListingsPart',
    }),
  );
  const files = await filesUnder(path.join(lakeDir, 'curated', 'listings_items'));
  expect(files.some((file) => file.endsWith('.parquet'))).toBe(true);
});

it('fails the target with the handler error printed', async () => {
  const printed = await invoke('report-creator', 'create-report-vendor-sales-missing-option.json');
  expect(printed).toMatchObject({
    handler: 'createReport',
    ok: false,
    result: { errorType: 'WindowPlanningError' },
  });
});
