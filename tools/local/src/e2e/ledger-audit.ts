import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { type LedgerEntry, ledgerKey, parseLedgerEntry } from '@spapi-lake/lake';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { reportTypeDefinition } from '@spapi-lake/reports';
import type { ExecutionRecord } from '../engine/local-executions';
import type { LakePaths } from '../pipeline/lake-paths';
import {
  LOCAL_INGESTION_STATE_MACHINE_ARN,
  LOCAL_RETRIEVAL_STATE_MACHINE_ARN,
} from '../pipeline/local-workflows';
import type { SimulatorTruth } from './lake-audit';

/** What the ledger audit found, and the units it checked. */
export interface LedgerAudit {
  /** Every difference, as a sentence; empty when the ledger is exact. */
  readonly problems: readonly string[];
  /** The units the run ingested DONE, as `<partner> <report config> <marketplaces> <window>`. */
  readonly units: readonly string[];
}

/** One ingestion unit as the run processed it, and the report that was DONE for it. */
interface ProcessedUnit {
  readonly label: string;
  readonly reportId: string;
}

/**
 * Every difference between the ledger and what the run did (empty when exact): each
 * (partner, report config, marketplaces, window) a succeeded execution ingested DONE has exactly one
 * DONE entry, naming that execution's report and stored at its own ledger key; no other DONE entry
 * exists; and each entry's row count equals the rows the lake holds for its report (counted in the
 * Parquet files, not taken from the manifest). Settlements (the retrieval state machine) have no
 * report config: their marketplaces and settlement period come from the simulator's truth.
 */
export async function auditLedger(paths: LakePaths, truth: SimulatorTruth): Promise<LedgerAudit> {
  const problems: string[] = [];
  const processed = await processedUnits(paths, truth, problems);

  const entries = await readLedger(paths.curated, problems);
  const done = entries.filter(({ entry }) => entry.outcome === 'DONE');
  const doneByUnit = new Map<string, LedgerEntry[]>();
  for (const { key, entry } of done) {
    const label = unitLabel(entry);
    doneByUnit.set(label, [...(doneByUnit.get(label) ?? []), entry]);
    if (key !== ledgerKey(entry))
      problems.push(`ledger entry ${key} belongs at ${ledgerKey(entry)}`);
  }

  for (const [label, unit] of processed) {
    const found = doneByUnit.get(label) ?? [];
    if (found.length !== 1) {
      problems.push(`${label}: ${found.length} DONE ledger entries, expected exactly one`);
    } else if (found[0]?.reportId !== unit.reportId) {
      problems.push(
        `${label}: the ledger names report ${found[0]?.reportId}, the run ${unit.reportId}`,
      );
    }
  }
  for (const label of doneByUnit.keys()) {
    if (!processed.has(label))
      problems.push(`${label}: DONE in the ledger, but no run ingested it`);
  }

  const lakeRows = await rowsPerReport(
    paths.curated,
    new Set(done.map(({ entry }) => entry.reportType)),
  );
  for (const { entry } of done) {
    const rows = lakeRows.get(entry.reportId) ?? 0;
    if (entry.rows !== rows) {
      problems.push(
        `${unitLabel(entry)}: the ledger says ${String(entry.rows)} rows, the lake holds ${rows} of report ${entry.reportId}`,
      );
    }
  }
  return { problems, units: [...processed.keys()].sort() };
}

/** `<partner> <report config | amazon_generated> <marketplaces> <start>/<end>` (UTC ms). */
function unitLabel(unit: {
  readonly sellingPartnerId: string;
  readonly reportConfigId?: string | undefined;
  readonly marketplaceIds: readonly string[];
  readonly windowStart: string;
  readonly windowEnd: string;
}): string {
  const instant = (value: string) => new Date(Date.parse(value)).toISOString();
  return [
    unit.sellingPartnerId,
    unit.reportConfigId ?? 'amazon_generated',
    [...new Set(unit.marketplaceIds)].sort().join('+'),
    `${instant(unit.windowStart)}/${instant(unit.windowEnd)}`,
  ].join(' ');
}

async function processedUnits(
  paths: LakePaths,
  truth: SimulatorTruth,
  problems: string[],
): Promise<Map<string, ProcessedUnit>> {
  const executions = Object.values(
    JSON.parse(await readFile(paths.executions, 'utf8')) as Record<string, ExecutionRecord>,
  ).filter((execution) => execution.status === 'SUCCEEDED');
  const of = (stateMachineArn: string) => {
    const prefix = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:`;
    return executions.filter((execution) => execution.executionArn.startsWith(prefix));
  };
  const units = new Map<string, ProcessedUnit>();
  const add = (label: string, reportId: string) => {
    const other = units.get(label);
    if (other !== undefined && other.reportId !== reportId) {
      problems.push(`${label}: ingested DONE twice (${other.reportId}, ${reportId})`);
    }
    units.set(label, { label, reportId });
  };

  for (const execution of of(LOCAL_INGESTION_STATE_MACHINE_ARN)) {
    const input = JSON.parse(execution.input) as IngestionInput;
    const output = JSON.parse(execution.output ?? '{}') as { outcome?: string; reportId?: string };
    if (output.outcome !== 'DONE' || output.reportId === undefined) continue;
    const label = unitLabel({
      sellingPartnerId: input.sellingPartnerId,
      reportConfigId: input.reportConfigId,
      marketplaceIds: input.marketplaceIds,
      windowStart: input.window.start,
      windowEnd: input.window.end,
    });
    add(label, output.reportId);
  }

  for (const execution of of(LOCAL_RETRIEVAL_STATE_MACHINE_ARN)) {
    const input = JSON.parse(execution.input) as RetrievalInput;
    const reportId = input.report.reportId;
    const spec = truth.truths.get(reportId)?.spec;
    if (spec === undefined) {
      problems.push(`retrieval of report ${reportId}: unknown to the simulator's truth`);
      continue;
    }
    add(
      unitLabel({
        sellingPartnerId: input.sellingPartnerId,
        marketplaceIds: spec.marketplaceIds,
        windowStart: spec.dataStartTime,
        windowEnd: spec.dataEndTime,
      }),
      reportId,
    );
  }
  return units;
}

async function readLedger(
  curatedDir: string,
  problems: string[],
): Promise<{ key: string; entry: LedgerEntry }[]> {
  const store = new LocalDiskObjectStore(curatedDir);
  const entries: { key: string; entry: LedgerEntry }[] = [];
  for await (const object of store.list('_ledger/')) {
    try {
      entries.push({ key: object.key, entry: parseLedgerEntry(await store.getObject(object.key)) });
    } catch (error) {
      problems.push(`ledger entry ${object.key} does not parse: ${String(error)}`);
    }
  }
  return entries;
}

/** Curated rows per `_report_id`, over every dataset of the given report types. */
async function rowsPerReport(
  curatedDir: string,
  reportTypes: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const datasets = new Set(
    [...reportTypes].flatMap((type) =>
      reportTypeDefinition(type).datasets.map((dataset) => dataset.name),
    ),
  );
  const rows = new Map<string, number>();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const dataset of datasets) {
      const counted = await connection
        .runAndReadAll(
          `SELECT "_report_id" AS report, count(*)::VARCHAR AS n FROM read_parquet('${path.join(curatedDir, dataset)}/**/*.parquet', hive_partitioning = true, union_by_name = true) GROUP BY ALL`,
        )
        .then((reader) => reader.getRowObjectsJson())
        // A dataset no report wrote rows to has no files.
        .catch(() => []);
      for (const row of counted) {
        const report = String(row['report']);
        rows.set(report, (rows.get(report) ?? 0) + Number(row['n']));
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return rows;
}

interface IngestionInput {
  readonly sellingPartnerId: string;
  readonly reportConfigId: string;
  readonly marketplaceIds: readonly string[];
  readonly window: { readonly start: string; readonly end: string };
}

interface RetrievalInput {
  readonly sellingPartnerId: string;
  readonly report: { readonly reportId: string };
}
