import {
  type CreateReportSpecification,
  type GetReportsQuery,
  type Report,
  SpApiNotFoundError,
} from '@spapi-lake/sp-api';
import type { ReportCreationApi } from '../report-creation-api';

/**
 * An in-memory Reports API for one partner: createReport files IN_QUEUE reports at `now()`,
 * getReport and getReports answer from them (getReports newest first, with its filters).
 */
export class FakeReportsApi implements ReportCreationApi {
  readonly calls: string[] = [];
  readonly created: CreateReportSpecification[] = [];
  readonly reports = new Map<string, Report>();
  private nextId = 50_000;

  constructor(private readonly now: () => number) {}

  async createReport(specification: CreateReportSpecification): Promise<{ reportId: string }> {
    this.calls.push('createReport');
    this.created.push(specification);
    return { reportId: this.file(specification).reportId };
  }

  async getReport(reportId: string): Promise<Report> {
    this.calls.push('getReport');
    const report = this.reports.get(reportId);
    if (report === undefined) {
      throw new SpApiNotFoundError({
        operationId: 'getReport',
        status: 404,
        requestId: 'req-1',
        errors: [{ code: 'NotFound', message: 'Report not found' }],
      });
    }
    return report;
  }

  async getReports(query: GetReportsQuery): Promise<{ reports: Report[] }> {
    this.calls.push('getReports');
    const since = query.createdSince === undefined ? 0 : Date.parse(query.createdSince);
    const reports = [...this.reports.values()]
      .filter(
        (r) =>
          (query.reportTypes ?? []).includes(r.reportType) &&
          (query.processingStatuses ?? [r.processingStatus]).includes(r.processingStatus) &&
          (query.marketplaceIds === undefined ||
            (r.marketplaceIds ?? []).some((id) => query.marketplaceIds?.includes(id))) &&
          Date.parse(r.createdTime) >= since,
      )
      .reverse();
    return { reports: reports.slice(0, query.pageSize ?? 10) };
  }

  /** Files a report as Amazon would (also one someone else asked for); dates as Amazon writes them. */
  file(specification: CreateReportSpecification): Report {
    const reportId = String(this.nextId++);
    const amazonTime = (iso: string | undefined) =>
      iso === undefined ? new Date(this.now()).toISOString() : iso.replace('Z', '+00:00');
    const report: Report = {
      reportId,
      reportType: specification.reportType,
      createdTime: new Date(this.now()).toISOString(),
      processingStatus: 'IN_QUEUE',
      marketplaceIds: [...specification.marketplaceIds],
      dataStartTime: amazonTime(specification.dataStartTime),
      dataEndTime: amazonTime(specification.dataEndTime),
    };
    this.reports.set(reportId, report);
    return report;
  }

  /** Moves a report to another status. */
  setStatus(reportId: string, processingStatus: Report['processingStatus']): void {
    const report = this.reports.get(reportId);
    if (report !== undefined) this.reports.set(reportId, { ...report, processingStatus });
  }

  count(operation: string): number {
    return this.calls.filter((call) => call === operation).length;
  }
}
