import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SimulatorHandle } from '@spapi-lake/sp-api-simulator';
import { captureLogs } from '../cli/log-capture';
import type { LocalPartner } from '../config/local-partners';
import { FAULT_PROFILES, type FaultProfile } from '../config/fault-profiles';
import { type LakeSummary, summarizeLake } from '../lake/lake-summary';
import { lakePaths } from '../pipeline/lake-paths';
import { type SimulatedRunResult, runSimulatedPipeline } from '../pipeline/run-simulated-pipeline';
import { type CatalogSnapshot, auditCatalog, captureCatalogSnapshot } from './catalog-audit';
import {
  type ExpectedLane,
  type SimulatorTruth,
  auditLake,
  captureSimulatorTruth,
  expectedLanes,
  readManifests,
} from './lake-audit';
import { auditLedger } from './ledger-audit';

// `npm start`'s pipeline in test mode: the three partners of the default world, three days of
// history, every report type the configuration asks for. The lake must equal the simulator's
// ground truth exactly, without faults and under the chaos profile, and a second run must
// change nothing.

jest.setTimeout(240_000);

// Three simulated minutes before Amazon closes the US+CA seller's US settlement period (the
// simulator's world of seed 1): its REPORT_PROCESSING_FINISHED arrives during the run and the
// report retrieval state machine ingests it, so settlements are covered like the other types. The
// CA settlement closed before the run (no notification): the settlement sweep finds it.
const START = Date.parse('2026-11-04T17:16:30Z');
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const DAYS = 3;

interface FirstRun {
  readonly lakeDir: string;
  readonly result: SimulatedRunResult;
  readonly truth: SimulatorTruth;
  readonly lanes: readonly ExpectedLane[];
  readonly summary: LakeSummary;
  readonly catalog: { readonly refreshed: CatalogSnapshot; readonly current: CatalogSnapshot };
  /** When the run's first listings call was answered (simulated time). */
  readonly fetchesFrom: number;
}

/**
 * Listing changes made once the daily refreshes are over: they reach the lake only through their
 * LISTINGS_ITEM_* notifications and the listing refresh queue.
 */
function changeListings(sim: SimulatorHandle, partners: readonly LocalPartner[]): void {
  const partner = (alias: string) => {
    const found = partners.find((p) => p.alias === alias);
    if (found === undefined) throw new Error(`no partner ${alias}`);
    return found;
  };
  const na = partner('na-seller');
  const [usMarketplace = ''] = na.marketplaceIds;
  const listings = sim.catalog.listings(na.sellingPartnerId, usMarketplace);
  const suppressed = listings.find((record) => record.status.includes('BUYABLE'));
  const deleted = listings.find((record) => record !== suppressed);
  const eu = partner('eu-seller');
  const [deMarketplace = ''] = eu.marketplaceIds;
  const warned = sim.catalog
    .listings(eu.sellingPartnerId, deMarketplace)
    .find((record) => record.issues.length === 0);
  if (suppressed === undefined || deleted === undefined || warned === undefined) {
    throw new Error('the simulated world lacks the listings to change');
  }
  sim.catalog.changeListing({
    sellingPartnerId: na.sellingPartnerId,
    marketplaceId: usMarketplace,
    sku: suppressed.sku,
    change: {
      status: ['DISCOVERABLE'],
      issues: [{ severity: 'ERROR', enforcementActions: ['SEARCH_SUPPRESSED'] }],
    },
  });
  sim.catalog.changeListing({
    sellingPartnerId: na.sellingPartnerId,
    marketplaceId: usMarketplace,
    sku: deleted.sku,
    change: { status: ['DELETED'] },
  });
  sim.catalog.changeListing({
    sellingPartnerId: eu.sellingPartnerId,
    marketplaceId: deMarketplace,
    sku: warned.sku,
    change: { issues: [{ severity: 'WARNING' }] },
  });
}

async function runOnce(lakeDir: string, faults: FaultProfile, options: { change?: boolean } = {}) {
  let refreshed: CatalogSnapshot | undefined;
  let captured:
    (Pick<FirstRun, 'truth' | 'lanes' | 'fetchesFrom'> & { current: CatalogSnapshot }) | undefined;
  const logs = captureLogs(path.join(lakeDir, 'logs', `${Date.now()}.jsonl`));
  try {
    const result = await runSimulatedPipeline({
      lakeDir,
      days: DAYS,
      faults,
      startTime: START,
      afterRefreshes: (sim, partners) => {
        refreshed = captureCatalogSnapshot(
          sim,
          partners.map((p) => p.sellingPartnerId),
        );
        if (options.change === true) changeListings(sim, partners);
      },
      inspect: async (sim, partners) => {
        const paths = lakePaths(lakeDir);
        const ids = partners.map((p) => p.sellingPartnerId);
        const listingCalls = sim.requests().filter((r) => r.operationId === 'searchListingsItems');
        captured = {
          truth: await captureSimulatorTruth(sim, ids, paths),
          lanes: await expectedLanes(paths, START, ids),
          current: captureCatalogSnapshot(sim, ids),
          fetchesFrom: Math.min(...listingCalls.map((r) => r.time)),
        };
      },
    });
    const summary = await summarizeLake(result.paths);
    if (captured === undefined || refreshed === undefined) {
      throw new Error('the run did not reach inspect');
    }
    const { current, ...rest } = captured;
    return { result, summary, ...rest, catalog: { refreshed, current } };
  } finally {
    logs.restore();
  }
}

/** Path and SHA-256 of every file under the lake's data zones (raw, curated). */
async function lakeFingerprint(lakeDir: string): Promise<Record<string, string>> {
  const fingerprint: Record<string, string> = {};
  for (const zone of ['raw', 'curated']) {
    const root = path.join(lakeDir, zone);
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      fingerprint[path.relative(lakeDir, file)] = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
    }
  }
  return fingerprint;
}

describe.each([
  ['without faults', FAULT_PROFILES.none],
  ['under the chaos profile', FAULT_PROFILES.chaos],
])('npm start pipeline %s', (_title, faults) => {
  let first: FirstRun;

  beforeAll(async () => {
    const lakeDir = await mkdtemp(path.join(os.tmpdir(), `spapi-lake-e2e-${faults.name}-`));
    first = { lakeDir, ...(await runOnce(lakeDir, faults, { change: true })) };
  });

  afterAll(async () => {
    // KEEP_E2E_LAKE=1 keeps the lakes to look into (logs, state/executions.json).
    if (first !== undefined && process.env['KEEP_E2E_LAKE'] !== '1') {
      await rm(first.lakeDir, { recursive: true, force: true });
    }
  });

  it('ends every lane of the fan-out COMPLETED', () => {
    expect(first.result.fanOut.status).toBe('SUCCEEDED');
    const output = first.result.fanOut.status === 'SUCCEEDED' ? first.result.fanOut.output : [];
    const statuses = (output as { status: string }[]).map((lane) => lane.status);
    expect(statuses.length).toBe(first.lanes.length);
    expect(new Set(statuses)).toEqual(new Set(['COMPLETED']));
  });

  it('lands exactly the ground truth: every window once, every row, no duplicate', async () => {
    expect(first.lanes.length).toBeGreaterThan(0);
    expect(await auditLake(lakePaths(first.lakeDir), first.truth, first.lanes)).toEqual([]);
  });

  it('keeps exactly one DONE ledger entry per ingestion unit, with the rows the lake holds', async () => {
    const ledger = await auditLedger(lakePaths(first.lakeDir), first.truth);
    expect(ledger.problems).toEqual([]);
    expect(ledger.units.length).toBeGreaterThan(0);
    expect(ledger.units.some((unit) => unit.includes(' amazon_generated '))).toBe(true);
  });

  it('ingests every report type of every partner', async () => {
    const manifests = await readManifests(lakePaths(first.lakeDir).curated);
    const landed = new Set(manifests.map((m) => `${m.sellingPartnerId} ${m.reportType}`));
    const naSeller = first.result.partners.find((p) => p.alias === 'na-seller');
    const expected = new Set([
      ...first.lanes.map((l) => `${l.sellingPartnerId} ${l.reportType}`),
      `${naSeller?.sellingPartnerId} ${SETTLEMENT}`,
    ]);
    expect([...landed].sort()).toEqual([...expected].sort());
    const settlements = manifests.filter((m) => m.reportType === SETTLEMENT);
    expect(settlements.length).toBeGreaterThanOrEqual(2);
    expect(first.result.unsolicitedRetrievals.map((r) => r.status)).toEqual(
      settlements.map(() => 'SUCCEEDED'),
    );
    // The notified settlement had landed when the sweep ran; the sweep retrieved the others.
    expect(first.result.settlementSweep).toMatchObject({
      accounts: 2,
      reports: { started: expect.any(Number), retried: 0, exhausted: 0 },
    });
    const swept = first.result.settlementSweep;
    if ('error' in swept) throw new Error(`the sweep failed: ${swept.error}`);
    expect(swept.reports.started).toBeGreaterThanOrEqual(1);
    expect(swept.reports.landed + swept.reports.started).toBe(settlements.length);
    expect(new Set(first.result.partners.map((p) => p.alias))).toEqual(
      new Set(['na-seller', 'eu-seller', 'vendor']),
    );
    expect(manifests.some((m) => /1252/.test(m.charset))).toBe(true);
    const reportRows = manifests.flatMap((m) => m.datasets).reduce((sum, d) => sum + d.rows, 0);
    expect(reportRows).toBe(first.result.progress.counters.rows);
  });

  it("lands every partner's listings, issues and catalog items exactly, and the state after listing changes", async () => {
    expect(first.result.catalogRefreshes.map((refresh) => refresh.status)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    expect(first.catalog.refreshed.listings.size).toBe(5);
    for (const records of first.catalog.refreshed.listings.values()) {
      expect(records.length).toBeGreaterThan(0);
    }
    // The changes reached the fetcher through their notifications, and none was given up on.
    expect(first.result.listingRefreshes.delivered).toBeGreaterThanOrEqual(3);
    expect(first.result.listingRefreshes.deadLetters).toBe(0);
    expect(
      await auditCatalog({
        curatedDir: lakePaths(first.lakeDir).curated,
        refreshed: first.catalog.refreshed,
        current: first.catalog.current,
        fetchesFrom: first.fetchesFrom,
      }),
    ).toEqual([]);
  });

  it('waits for REPORT_PROCESSING_FINISHED only where setup recorded a subscription', async () => {
    const logDir = path.join(first.lakeDir, 'logs');
    const messages: string[] = [];
    for (const file of await readdir(logDir)) {
      for (const line of (await readFile(path.join(logDir, file), 'utf8')).split('\n')) {
        if (!line.startsWith('{')) continue;
        const message: unknown = (JSON.parse(line) as Record<string, unknown>)['message'];
        if (typeof message === 'string') messages.push(message);
      }
    }
    const count = (text: string) => messages.filter((message) => message === text).length;
    // Setup runs before the fan-out, so the sellers' windows register their waiters.
    expect(count('report waiter registered')).toBeGreaterThan(0);
    if (faults.name === 'none') {
      expect(count('no report subscription to wait on: the ingestion polls')).toBe(0);
    }
  });

  it('changes nothing when run again: no call for a report, no object written', async () => {
    const before = await lakeFingerprint(first.lakeDir);
    const second = await runOnce(first.lakeDir, faults);
    expect(second.result.fanOut.status).toBe('SUCCEEDED');
    expect(second.result.progress.counters.executionsStarted).toBe(0);
    // The sweep lists the same settlements again (same ids) and finds each landed.
    expect(second.result.unsolicitedRetrievals).toEqual([]);
    expect(second.result.settlementSweep).toMatchObject({ reports: { started: 0, retried: 0 } });
    expect(second.truth.requests.filter((r) => r.operationId === 'createReport')).toEqual([]);
    expect(await lakeFingerprint(first.lakeDir)).toEqual(before);
  });

  if (faults.name === 'none') {
    it('has an audit that notices a duplicated and a missing file', async () => {
      const paths = lakePaths(first.lakeDir);
      const files = Object.keys(await lakeFingerprint(first.lakeDir)).filter(
        (file) => file.startsWith('curated/orders_by_order_date/') && file.endsWith('.parquet'),
      );
      const [victim] = files;
      if (victim === undefined) throw new Error('no orders file to tamper with');
      const original = path.join(first.lakeDir, victim);
      const copy = original.replace(/\.parquet$/, '-copy.parquet');
      await copyFile(original, copy);
      const duplicated = await auditLake(paths, first.truth, first.lanes);
      expect(duplicated.join('\n')).toMatch(
        /orders_by_order_date of report \d+ .*rows in the lake/,
      );
      await rm(copy);
      await rm(original);
      const missing = await auditLake(paths, first.truth, first.lanes);
      expect(missing.join('\n')).toMatch(
        /orders_by_order_date: \d+ rows in the lake, \d+ in the ground truth/,
      );
    });
  }

  if (faults.name === 'none') {
    it('has a catalog audit that notices a stale listing and a listing refreshed twice', async () => {
      const audit = (refreshed: CatalogSnapshot, current: CatalogSnapshot) =>
        auditCatalog({
          curatedDir: lakePaths(first.lakeDir).curated,
          refreshed,
          current,
          fetchesFrom: first.fetchesFrom,
        });
      // The lake still showing a listing as it was before its change.
      const stale = await audit(first.catalog.refreshed, first.catalog.refreshed);
      expect(stale.join('\n')).toMatch(
        /current listings: .* status_json|current listings: \d+ rows/,
      );
      // A daily refresh landing one listing twice.
      const [lane, records] = [...first.catalog.refreshed.listings][0] ?? [];
      const [record] = records ?? [];
      if (lane === undefined || record === undefined) throw new Error('no listings');
      const doubled = new Map(first.catalog.refreshed.listings);
      doubled.set(lane, [...(records ?? []), record]);
      const twice = await audit(
        { ...first.catalog.refreshed, listings: doubled },
        first.catalog.current,
      );
      expect(twice.join('\n')).toMatch(
        /listings_items of .*: \d+ rows in the lake, \d+ in the ground truth/,
      );
    });
  }

  if (faults.name === 'chaos') {
    it('met every fault of the profile on the way', () => {
      const { injected, notifications } = first.result.faultsMet;
      const { statuses } = injected;
      const count = (operations: (id: string) => boolean, codes: readonly (429 | 500 | 503)[]) =>
        Object.entries(statuses)
          .filter(([operationId]) => operations(operationId))
          .flatMap(([, byStatus]) => codes.map((code) => byStatus[code] ?? 0))
          .reduce((sum, n) => sum + n, 0);
      const spApi = (id: string) => id !== 'lwaToken' && id !== 'downloadDocument';
      expect(count(spApi, [429])).toBeGreaterThan(20);
      expect(count(spApi, [500, 503])).toBeGreaterThan(0);
      expect(count((id) => id === 'lwaToken', [429])).toBeGreaterThan(0);
      expect(count((id) => id === 'lwaToken', [500, 503])).toBeGreaterThan(0);
      expect(injected.connectionResets).toBeGreaterThan(0);
      // Tokens revoked mid-run, and tokens the slowed broker clock kept past their hour.
      expect(injected.revokedAccessTokens).toBeGreaterThan(0);
      expect(injected.expiredAccessTokens).toBeGreaterThan(0);
      expect(notifications.duplicated).toBeGreaterThan(0);
      expect(notifications.reorderedBatches).toBeGreaterThan(0);
      expect(first.truth.duplicateNotifications).toBe(notifications.duplicated);
    });
  }
});
