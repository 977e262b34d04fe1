import type {
  GenerationOutcome,
  ReportGenerator,
  ReportRequestSpec,
} from '../world/reports/report-generator';
import {
  type ProcessingStatus,
  type ReportRecord,
  reportState,
} from '../world/reports/report-state';
import type { World } from '../world/world';

/** One report as the simulator knows it. */
export interface ReportSummary {
  readonly reportId: string;
  readonly sellingPartnerId: string;
  readonly reportType: string;
  readonly processingStatus: ProcessingStatus;
  readonly createdTime: string;
  readonly reportScheduleId?: string;
  readonly reportDocumentId?: string;
  readonly spec: ReportRequestSpec;
}

/** What a report holds: the spec, what generation produced, and the generator's ground truth. */
export interface ReportGroundTruth {
  readonly spec: ReportRequestSpec;
  readonly outcome: GenerationOutcome;
  readonly rows: unknown;
}

/** Read access to the truth behind every report served. */
export interface GroundTruthReader {
  /**
   * Every report (or those of the filter), oldest first. Historical Amazon-generated reports are
   * generated on first read, so narrowing the filter keeps this fast.
   */
  reports(filter?: { sellingPartnerId?: string; reportTypes?: readonly string[] }): ReportSummary[];
  report(reportId: string): ReportGroundTruth | undefined;
}

/**
 * Creates the reader over `world`'s reports; `settle` generates historical reports on first read
 * (see ReportEngine.settle).
 */
export function createGroundTruthReader(
  world: World,
  generator: ReportGenerator,
  settle: (records: Iterable<ReportRecord>) => void,
): GroundTruthReader {
  return {
    reports: (filter = {}) => {
      const records = [...reportState(world).reports.values()].filter(
        (r) =>
          (filter.sellingPartnerId === undefined ||
            r.sellingPartnerId === filter.sellingPartnerId) &&
          (filter.reportTypes === undefined || filter.reportTypes.includes(r.reportType)),
      );
      settle(records);
      return records.map((r) => ({
        reportId: r.reportId,
        sellingPartnerId: r.sellingPartnerId,
        reportType: r.reportType,
        processingStatus: r.processingStatus,
        createdTime: new Date(r.createdTime).toISOString(),
        ...(r.reportScheduleId === undefined ? {} : { reportScheduleId: r.reportScheduleId }),
        ...(r.reportDocumentId === undefined ? {} : { reportDocumentId: r.reportDocumentId }),
        spec: r.spec,
      }));
    },
    report: (reportId) => {
      const record = reportState(world).reports.get(reportId);
      if (record === undefined) return undefined;
      settle([record]);
      return {
        spec: record.spec,
        outcome: record.outcome ?? generator.generateReport(record.spec),
        rows: generator.groundTruth(record.spec),
      };
    },
  };
}
