import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { captureLogs } from '../cli/log-capture';
import { FAULT_PROFILES, type FaultProfile } from '../config/fault-profiles';
import { type LakeSummary, summarizeLake } from '../lake/lake-summary';
import { lakePaths } from '../pipeline/lake-paths';
import { type SimulatedRunResult, runSimulatedPipeline } from '../pipeline/run-simulated-pipeline';
import {
  type ExpectedLane,
  type SimulatorTruth,
  auditLake,
  captureSimulatorTruth,
  expectedLanes,
  readManifests,
} from './lake-audit';

// `npm start`'s pipeline in test mode: the three partners of the default world, three days of
// history, every report type the configuration asks for. The lake must equal the simulator's
// ground truth exactly, without faults and under the chaos profile, and a second run must
// change nothing.

jest.setTimeout(240_000);

// Three simulated minutes before Amazon closes the US+CA seller's US settlement period (the
// simulator's world of seed 1): its REPORT_PROCESSING_FINISHED arrives during the run and the
// report retrieval state machine ingests it, so settlements are covered like the other types.
const START = Date.parse('2026-11-04T17:16:30Z');
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const DAYS = 3;

interface FirstRun {
  readonly lakeDir: string;
  readonly result: SimulatedRunResult;
  readonly truth: SimulatorTruth;
  readonly lanes: readonly ExpectedLane[];
  readonly summary: LakeSummary;
}

async function runOnce(lakeDir: string, faults: FaultProfile) {
  let captured: { truth: SimulatorTruth; lanes: ExpectedLane[] } | undefined;
  const logs = captureLogs(path.join(lakeDir, 'logs', `${Date.now()}.jsonl`));
  try {
    const result = await runSimulatedPipeline({
      lakeDir,
      days: DAYS,
      faults,
      startTime: START,
      inspect: async (sim, partners) => {
        const paths = lakePaths(lakeDir);
        const ids = partners.map((p) => p.sellingPartnerId);
        captured = {
          truth: await captureSimulatorTruth(sim, ids, paths),
          lanes: await expectedLanes(paths, START, ids),
        };
      },
    });
    const summary = await summarizeLake(result.paths);
    if (captured === undefined) throw new Error('the run did not reach inspect');
    return { result, summary, ...captured };
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
    first = { lakeDir, ...(await runOnce(lakeDir, faults)) };
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

  it('ingests every report type of every partner', async () => {
    const manifests = await readManifests(lakePaths(first.lakeDir).curated);
    const landed = new Set(manifests.map((m) => `${m.sellingPartnerId} ${m.reportType}`));
    const naSeller = first.result.partners.find((p) => p.alias === 'na-seller');
    const expected = new Set([
      ...first.lanes.map((l) => `${l.sellingPartnerId} ${l.reportType}`),
      `${naSeller?.sellingPartnerId} ${SETTLEMENT}`,
    ]);
    expect([...landed].sort()).toEqual([...expected].sort());
    expect(first.result.unsolicitedRetrievals.map((r) => r.status)).toEqual(['SUCCEEDED']);
    expect(new Set(first.result.partners.map((p) => p.alias))).toEqual(
      new Set(['na-seller', 'eu-seller', 'vendor']),
    );
    expect(manifests.some((m) => /1252/.test(m.charset))).toBe(true);
    const reportRows = manifests.flatMap((m) => m.datasets).reduce((sum, d) => sum + d.rows, 0);
    expect(reportRows).toBe(first.result.progress.counters.rows);
  });

  it("refreshes every seller's listings and their catalog items once", async () => {
    expect(first.result.catalogRefreshes.map((refresh) => refresh.status)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const counted = (
        await connection.runAndReadAll(
          `SELECT selling_partner_id || '/' || marketplace_id AS lane, count(*)::INTEGER AS n
           FROM read_parquet('${path.join(first.lakeDir, 'curated', 'listings_items')}/**/*.parquet', hive_partitioning = true)
           GROUP BY ALL`,
        )
      ).getRowObjectsJson();
      expect(new Map(counted.map((row) => [String(row['lane']), Number(row['n'])]))).toEqual(
        first.truth.listings,
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('changes nothing when run again: no call for a report, no object written', async () => {
    const before = await lakeFingerprint(first.lakeDir);
    const second = await runOnce(first.lakeDir, faults);
    expect(second.result.fanOut.status).toBe('SUCCEEDED');
    expect(second.result.progress.counters.executionsStarted).toBe(0);
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

  if (faults.name === 'chaos') {
    it('met every fault of the profile on the way', () => {
      const statuses = first.truth.requests.map((r) => r.status);
      const count = (status: number) => statuses.filter((s) => s === status).length;
      expect(count(429)).toBeGreaterThan(10);
      expect(count(500) + count(503)).toBeGreaterThan(0);
      // The slowed broker clock kept tokens the simulator had expired: 403, then a refresh.
      expect(count(403)).toBeGreaterThan(0);
      expect(first.truth.duplicateNotifications).toBeGreaterThan(0);
    });
  }
});
