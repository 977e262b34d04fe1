import {
  type ReplayReportDeps,
  type ReplayReportInput,
  type ReplayedReport,
  manifestedReports,
  replayReport,
} from '@spapi-lake/ingestion';
import type { ReportManifest } from '@spapi-lake/lake';

/** Which reports to replay: every manifested one, one partner's, or the ones named. */
export interface ReplaySelection {
  readonly sellingPartnerId?: string;
  readonly reportIds: readonly string[];
}

export interface ReplayLakeSummary {
  readonly replayed: number;
  readonly failed: number;
}

/**
 * Replays the selected reports one after another, printing a line per report; a report that
 * cannot be replayed is reported and counted, and the others still are.
 */
export async function replayLake(
  deps: ReplayReportDeps,
  selection: ReplaySelection,
  print: (line: string) => void,
): Promise<ReplayLakeSummary> {
  const reports = await selectedReports(deps, selection);
  let failed = 0;
  for (const report of reports) {
    const label = `${report.sellingPartnerId} ${report.reportId}`;
    try {
      print(`${label}: ${describeReplay(await replayReport(deps, report))}`);
    } catch (error) {
      failed += 1;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      print(`${label}: FAILED ${reason}`);
    }
  }
  print(`${reports.length - failed} of ${reports.length} reports replayed`);
  return { replayed: reports.length - failed, failed };
}

// Listed before the first replay, which rewrites manifests.
async function selectedReports(
  deps: ReplayReportDeps,
  selection: ReplaySelection,
): Promise<ReplayReportInput[]> {
  const { sellingPartnerId } = selection;
  if (sellingPartnerId !== undefined && selection.reportIds.length > 0) {
    return selection.reportIds.map((reportId) => ({ sellingPartnerId, reportId }));
  }
  const reports: ReplayReportInput[] = [];
  for await (const report of manifestedReports(
    deps.store,
    sellingPartnerId === undefined ? {} : { sellingPartnerId },
  )) {
    reports.push(report);
  }
  return reports;
}

function describeReplay(replayed: ReplayedReport): string {
  const { manifest, previous, removedKeys } = replayed;
  const rows = rowsOf(manifest);
  const parts = [
    `${manifest.reportType}, ${rows} rows` +
      (rows === rowsOf(previous) ? '' : ` (was ${rowsOf(previous)})`),
    `${manifest.quarantinedRows} quarantined`,
  ];
  if (removedKeys.length > 0) parts.push(`${removedKeys.length} stale objects deleted`);
  if (replayed.ledgerKeysUpdated.length > 0) parts.push('ledger row count updated');
  parts.push(replayed.manifestChanged ? 'manifest updated' : 'manifest unchanged');
  return parts.join(', ');
}

function rowsOf(manifest: ReportManifest): number {
  return manifest.datasets.reduce((sum, dataset) => sum + dataset.rows, 0);
}
