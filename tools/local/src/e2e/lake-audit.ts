import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  type Account,
  type ReportConfig,
  parseAccounts,
  parseReportConfigs,
  reportConfigAppliesTo,
  reportMarketplaceIds,
} from '@spapi-lake/config';
import { type ReportManifest, parseReportManifest } from '@spapi-lake/lake';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { reportTypeDefinition } from '@spapi-lake/reports';
import {
  type ExpectedRow,
  expectedDatasets,
  groundTruthTables,
  normaliseRead,
  selectRows,
} from '@spapi-lake/testing-ground-truth';
import type {
  ReportGroundTruth,
  ReportSummary,
  RequestLogEntry,
  SimulatorHandle,
} from '@spapi-lake/sp-api-simulator';
import type { ExecutionRecord } from '../engine/local-executions';
import type { LakePaths } from '../pipeline/lake-paths';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What the simulator knew at the end of a run, read while it was still up. */
export interface SimulatorTruth {
  readonly reports: ReadonlyMap<string, ReportSummary>;
  /** The ground truth of every report whose manifest is in the lake. */
  readonly truths: ReadonlyMap<string, ReportGroundTruth>;
  readonly requests: readonly RequestLogEntry[];
  readonly notificationsDelivered: number;
  /** Deliveries of a notification id seen before (the duplicate fault). */
  readonly duplicateNotifications: number;
}

/** Reads the simulator's reports of `sellingPartnerIds` and the truth of every ingested report. */
export async function captureSimulatorTruth(
  sim: SimulatorHandle,
  sellingPartnerIds: readonly string[],
  paths: LakePaths,
): Promise<SimulatorTruth> {
  const configs = parseReportConfigs(await readFile(paths.parameterFile('report-configs'), 'utf8'));
  const reportTypes = configs.map((config) => config.reportType);
  const reports = new Map<string, ReportSummary>();
  for (const sellingPartnerId of sellingPartnerIds) {
    for (const report of sim.groundTruth.reports({ sellingPartnerId, reportTypes })) {
      reports.set(report.reportId, report);
    }
  }
  const truths = new Map<string, ReportGroundTruth>();
  for (const manifest of await readManifests(paths.curated)) {
    const truth = sim.groundTruth.report(manifest.reportId);
    if (truth !== undefined) truths.set(manifest.reportId, truth);
  }
  return {
    reports,
    truths,
    requests: [...sim.requests()],
    notificationsDelivered: sim.delivered().length,
    duplicateNotifications:
      sim.delivered().length - new Set(sim.delivered().map((n) => n.notificationId)).size,
  };
}

/** A lane and the interval its windows must tile exactly. */
export interface ExpectedLane {
  readonly sellingPartnerId: string;
  readonly reportConfigId: string;
  readonly reportType: string;
  readonly marketplaceId: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The lanes of the run's configuration and the interval each must have covered by `now`, derived
 * here from the report-type rules (lag, snapshot, period) independently of the planner.
 */
export async function expectedLanes(
  paths: LakePaths,
  now: number,
  sellingPartnerIds: readonly string[],
): Promise<ExpectedLane[]> {
  const accounts = parseAccounts(await readFile(paths.parameterFile('accounts'), 'utf8'));
  const configs = parseReportConfigs(await readFile(paths.parameterFile('report-configs'), 'utf8'));
  return accounts
    .filter((account) => sellingPartnerIds.includes(account.sellingPartnerId))
    .flatMap((account) =>
      configs
        .filter((config) => reportConfigAppliesTo(config, account))
        .flatMap((config) =>
          reportMarketplaceIds(config, account).map((marketplaceId) => ({
            sellingPartnerId: account.sellingPartnerId,
            reportConfigId: config.id,
            reportType: config.reportType,
            marketplaceId,
            ...coverage(config, account, now),
          })),
        ),
    )
    .filter((lane) => lane.end > lane.start);
}

function coverage(config: ReportConfig, _account: Account, now: number) {
  const rules = reportTypeDefinition(config.reportType).window;
  const lagMs = Math.max(rules.dataLagHours, config.lagHours) * HOUR_MS;
  const day = (epochMs: number) => Math.floor(epochMs / DAY_MS) * DAY_MS;
  const sunday = (epochMs: number) => day(epochMs) - new Date(day(epochMs)).getUTCDay() * DAY_MS;
  if (rules.snapshot) return { start: day(now), end: day(now) + DAY_MS };
  const startDate = Date.parse(`${config.startDate ?? ''}T00:00:00Z`);
  if (config.period === 'WEEK') return { start: sunday(startDate), end: sunday(now - lagMs) };
  return { start: startDate, end: day(now - lagMs) };
}

/**
 * Every difference between the lake and the simulator's ground truth, as sentences (empty when
 * the lake is exact): each lane's windows tile its interval with one succeeded execution each;
 * each DONE window has its manifest and each CANCELLED one none; every manifest's rows equal the
 * truth of its report, column by column; no dataset holds a row of any other report.
 */
export async function auditLake(
  paths: LakePaths,
  truth: SimulatorTruth,
  lanes: readonly ExpectedLane[],
): Promise<string[]> {
  const problems: string[] = [];
  const executions = Object.values(
    JSON.parse(await readFile(paths.executions, 'utf8')) as Record<string, ExecutionRecord>,
  );
  const manifests = await readManifests(paths.curated);
  const manifestByReport = new Map(manifests.map((m) => [m.reportId, m]));
  const placements = new Map<string, string>();

  for (const lane of lanes) {
    const label = `${lane.sellingPartnerId} ${lane.reportConfigId} ${lane.marketplaceId}`;
    const runs = executions
      .filter((e) => e.status === 'SUCCEEDED')
      .map((e) => ({
        input: JSON.parse(e.input) as IngestionInput,
        output: JSON.parse(e.output ?? '{}') as IngestionOutput,
      }))
      .filter(
        ({ input }) =>
          input.sellingPartnerId === lane.sellingPartnerId &&
          input.reportConfigId === lane.reportConfigId &&
          input.marketplaceIds[0] === lane.marketplaceId,
      )
      .sort((a, b) => a.input.window.start.localeCompare(b.input.window.start));
    let cursor = lane.start;
    for (const { input, output } of runs) {
      const start = Date.parse(input.window.start);
      const end = Date.parse(input.window.end);
      if (start !== cursor) {
        problems.push(
          `${label}: window ${input.window.start} should start at ${iso(cursor)} (gap or overlap)`,
        );
      }
      cursor = end;
      const report = truth.reports.get(output.reportId);
      if (report === undefined) {
        problems.push(`${label}: report ${output.reportId} is unknown to the simulator`);
        continue;
      }
      if (report.spec.marketplaceIds.join() !== lane.marketplaceId) {
        problems.push(
          `${label}: report ${output.reportId} is for ${report.spec.marketplaceIds.join()}`,
        );
      }
      if (input.dataStartTime !== undefined && Date.parse(report.spec.dataStartTime) !== start) {
        problems.push(`${label}: report ${output.reportId} starts ${report.spec.dataStartTime}`);
      }
      if (output.outcome === 'DONE') {
        if (report.processingStatus !== 'DONE')
          problems.push(`${label}: ${output.reportId} is ${report.processingStatus}`);
        if (!manifestByReport.has(output.reportId))
          problems.push(`${label}: no manifest for ${output.reportId}`);
        placements.set(output.reportId, input.window.start);
      } else if (report.processingStatus !== 'CANCELLED' || manifestByReport.has(output.reportId)) {
        problems.push(
          `${label}: ${output.reportId} ended ${output.outcome} but the simulator says ${report.processingStatus}`,
        );
      }
    }
    if (cursor !== lane.end) {
      problems.push(`${label}: covered up to ${iso(cursor)}, expected ${iso(lane.end)}`);
    }
  }

  const windows = new Map<string, string>();
  for (const manifest of manifests) {
    const key = [
      manifest.sellingPartnerId,
      manifest.reportType,
      manifest.marketplaceIds.join(),
      manifest.dataStartTime,
      manifest.dataEndTime,
    ].join(' ');
    const other = windows.get(key);
    if (other !== undefined)
      problems.push(`window ${key} was ingested twice (${other}, ${manifest.reportId})`);
    windows.set(key, manifest.reportId);
  }

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const query = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
  try {
    const expectedTotals = new Map<string, number>();
    for (const manifest of manifests) {
      const reportTruth = truth.truths.get(manifest.reportId);
      if (reportTruth === undefined) {
        problems.push(`manifest ${manifest.reportId}: no ground truth`);
        continue;
      }
      const tables = groundTruthTables(reportTruth.rows);
      const marketplaceId = manifest.marketplaceIds[0] ?? '';
      const expected = expectedDatasets(reportTypeDefinition(manifest.reportType), tables, {
        sellingPartnerId: manifest.sellingPartnerId,
        marketplaceId,
        windowStart: placements.get(manifest.reportId) ?? manifest.dataStartTime,
      });
      for (const dataset of expected) {
        const name = dataset.definition.name;
        expectedTotals.set(name, (expectedTotals.get(name) ?? 0) + dataset.rows.length);
        if (dataset.rows.length === 0) continue;
        const source = `read_parquet('${path.join(paths.curated, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;
        const actual = normaliseRead(await query(selectRows(source, dataset, manifest.reportId)));
        const difference = firstDifference(actual, dataset.rows);
        if (difference !== undefined) {
          problems.push(
            `${name} of report ${manifest.reportId} (${manifest.reportType}): ${difference}`,
          );
        }
      }
    }
    for (const [dataset, rows] of expectedTotals) {
      const [count] = await query(
        `SELECT count(*)::VARCHAR AS n FROM read_parquet('${path.join(paths.curated, dataset)}/**/*.parquet', hive_partitioning = true, union_by_name = true)`,
      ).catch(() => [{ n: '0' }]);
      if (Number(count?.['n']) !== rows) {
        problems.push(
          `${dataset}: ${String(count?.['n'])} rows in the lake, ${rows} in the ground truth`,
        );
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return problems;
}

interface IngestionInput {
  readonly sellingPartnerId: string;
  readonly reportConfigId: string;
  readonly marketplaceIds: readonly string[];
  readonly window: { readonly start: string; readonly end: string };
  readonly dataStartTime?: string;
}

interface IngestionOutput {
  readonly outcome: 'DONE' | 'CANCELLED';
  readonly reportId: string;
}

/** Every report manifest of the lake. */
export async function readManifests(curatedDir: string): Promise<ReportManifest[]> {
  const store = new LocalDiskObjectStore(curatedDir);
  const manifests: ReportManifest[] = [];
  for await (const object of store.list('_manifests/reports/')) {
    manifests.push(parseReportManifest(await store.getObject(object.key)));
  }
  return manifests;
}

function firstDifference(
  actual: readonly ExpectedRow[],
  expected: readonly ExpectedRow[],
): string | undefined {
  if (actual.length !== expected.length) {
    return `${actual.length} rows in the lake, ${expected.length} in the ground truth`;
  }
  for (let index = 0; index < expected.length; index += 1) {
    const want = expected[index] ?? {};
    const got = actual[index] ?? {};
    for (const column of new Set([...Object.keys(want), ...Object.keys(got)])) {
      if (canonical(got[column]) !== canonical(want[column])) {
        return `row ${index + 1} column ${column}: lake ${JSON.stringify(got[column])}, truth ${JSON.stringify(want[column])}`;
      }
    }
  }
  return undefined;
}

// JSON with object keys sorted, so `_extra_fields` compares by content.
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
