import {
  type ReplayReportDeps,
  type ReplayReportInput,
  type ReplayedReport,
  type UncuratedReplay,
  manifestedReports,
  replayReport,
  replayUncuratedReport,
  uncuratedReports,
} from '@spapi-lake/ingestion';
import { type ReportManifest, manifestKey, uncuratedReportKey } from '@spapi-lake/lake';

/** Which reports to replay: every manifested one, one partner's, or the ones named. */
export interface ReplaySelection {
  readonly sellingPartnerId?: string;
  readonly reportIds: readonly string[];
}

export interface ReplayLakeSummary {
  readonly replayed: number;
  readonly failed: number;
}

/** A report to replay: one that landed (its manifest), or one kept uncurated (its record). */
interface SelectedReport extends ReplayReportInput {
  readonly kind: 'manifest' | 'uncurated';
  /** A landed report that still has a record from before it landed (removed after its replay). */
  readonly staleRecord?: boolean;
}

/**
 * Replays the selected reports one after another, printing a line per report: first those that
 * landed, then those whose documents could not be curated when they were retrieved. A report that
 * cannot be replayed, or still cannot be curated, is reported and counted, and the others still
 * are.
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
    const input = { sellingPartnerId: report.sellingPartnerId, reportId: report.reportId };
    try {
      if (report.kind === 'manifest') {
        const line = describeReplay(await replayReport(deps, input));
        // The report landed after it was kept uncurated: its record only needs removing.
        const stale = report.staleRecord ? await replayUncuratedReport(deps, input) : undefined;
        print(`${label}: ${line}${stale ? '; its uncurated-report record removed' : ''}`);
        continue;
      }
      const replayed = await replayUncuratedReport(deps, input);
      if (replayed.kind === 'still-failing') failed += 1;
      print(`${label}: ${describeUncurated(replayed)}`);
    } catch (error) {
      failed += 1;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      print(`${label}: FAILED ${reason}`);
    }
  }
  print(`${reports.length - failed} of ${reports.length} reports replayed`);
  return { replayed: reports.length - failed, failed };
}

// Listed before the first replay, which rewrites manifests and removes records.
async function selectedReports(
  deps: ReplayReportDeps,
  selection: ReplaySelection,
): Promise<SelectedReport[]> {
  const { sellingPartnerId } = selection;
  const reports: SelectedReport[] = [];
  if (sellingPartnerId !== undefined && selection.reportIds.length > 0) {
    for (const reportId of selection.reportIds) {
      const ids = { sellingPartnerId, reportId };
      const landed = await deps.store.exists(manifestKey(ids));
      const uncurated = await deps.store.exists(uncuratedReportKey(ids));
      // Neither: replayReport says there is no manifest.
      if (landed || !uncurated) reports.push({ ...ids, kind: 'manifest', staleRecord: uncurated });
      else reports.push({ ...ids, kind: 'uncurated' });
    }
    return reports;
  }
  const filter = sellingPartnerId === undefined ? {} : { sellingPartnerId };
  const id = (report: ReplayReportInput) => `${report.sellingPartnerId}/${report.reportId}`;
  const uncurated: ReplayReportInput[] = [];
  for await (const report of uncuratedReports(deps.store, filter)) uncurated.push(report);
  const recorded = new Set(uncurated.map(id));
  const landed = new Set<string>();
  for await (const report of manifestedReports(deps.store, filter)) {
    landed.add(id(report));
    reports.push({ ...report, kind: 'manifest', staleRecord: recorded.has(id(report)) });
  }
  for (const report of uncurated) {
    if (!landed.has(id(report))) reports.push({ ...report, kind: 'uncurated' });
  }
  return reports;
}

function describeUncurated(replayed: UncuratedReplay): string {
  switch (replayed.kind) {
    case 'curated': {
      const { manifest } = replayed;
      return (
        `was uncurated, now ${manifest.reportType}, ${rowsOf(manifest)} rows, ` +
        `${manifest.quarantinedRows} quarantined` +
        (replayed.ledgerKey === undefined ? '' : ', window recorded DONE')
      );
    }
    case 'already-curated':
      return 'landed since it was kept uncurated: its record removed';
    case 'superseded':
      return (
        `not curated: its window landed through report ${replayed.byReportId} ` +
        '(raw copy kept, record removed)'
      );
    case 'still-failing':
      return `STILL FAILING ${replayed.record.failure.error}: ${replayed.record.failure.message}`;
  }
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
